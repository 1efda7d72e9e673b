#!/usr/bin/env node
/**
 * Bundles the Electron host: main/main.ts → dist/main/main.cjs and
 * main/preload.ts → dist/main/preload.cjs. CommonJS because a sandboxed
 * preload cannot load ES modules, and one file each because a sandboxed
 * preload cannot require anything but `electron`.
 *
 * External: electron (the runtime provides it) and the native modules,
 * which must load from node_modules as built for Electron's ABI.
 * electron-store and conf are ESM-only, so they are bundled in. Those
 * externals are all the packaged app loads from node_modules, which is why
 * package.json's `dependencies` lists only them (test/desktop-package.test.ts).
 *
 * `--metafile FILE` also writes esbuild's metafile of main.cjs there. With
 * `--if-changed` (what `npm start` uses) it builds only when main/, src/ or
 * the package files changed since the last build (scripts/bundle-sources.mjs).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { beginBuild, MAIN } from './bundle-sources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { metafile, 'if-changed': ifChanged } = parseArgs({ options: { metafile: { type: 'string' }, 'if-changed': { type: 'boolean' } } }).values;
const stamp = beginBuild(root, MAIN, ifChanged === true);
const NATIVE = ['node-pty', 'ssh2', 'cpu-features', 'pg-native'];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 ships Node 22.
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const started = performance.now();
const [main] = await Promise.all([
  build({ ...common, entryPoints: ['main/main.ts'], outfile: 'dist/main/main.cjs', external: ['electron', ...NATIVE], metafile: metafile !== undefined }),
  build({ ...common, entryPoints: ['main/preload.ts'], outfile: 'dist/main/preload.cjs', external: ['electron'] }),
]);
if (metafile !== undefined) writeFileSync(metafile, JSON.stringify(main.metafile));
stamp();
console.log(`built dist/main/main.cjs and dist/main/preload.cjs in ${Math.round(performance.now() - started)} ms`);
