#!/usr/bin/env node
/**
 * `npm run build:host`: the backend and its two starts as single files,
 * src/host/web.ts → dist/host/web.mjs (`npm run web`) and src/host/start.ts
 * → dist/host/start.mjs (`npm start`). Node loads one bundled file in about
 * a quarter of the time tsx takes to compile and load the backend's few
 * hundred modules, which is most of a start (bench/startup.ts). Packages
 * stay external, loaded from node_modules as they are (node-pty and ssh2
 * are native). The bundles sit at the sources' depth, so their paths
 * relative to `import.meta.url` (dist/renderer, dist/main) hold.
 *
 * With `--if-changed` (what the starts use) it builds only when src/ or
 * the package files changed since the last build (scripts/bundle-sources.mjs).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beginBuild, HOST } from './bundle-sources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = beginBuild(root, HOST, process.argv.includes('--if-changed'));
const started = performance.now();
// Split chunks are named by content: last build's would stay beside this one's.
rmSync(join(root, 'dist', 'host'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { web: 'src/host/web.ts', start: 'src/host/start.ts' },
  outdir: 'dist/host',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // Packages that are CommonJS call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __cockpitRequire } from 'node:module'; const require = __cockpitRequire(import.meta.url);" },
});
stamp();
console.log(`built dist/host/web.mjs and dist/host/start.mjs in ${Math.round(performance.now() - started)} ms`);
