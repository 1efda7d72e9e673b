#!/usr/bin/env node
/**
 * `npm run build:renderer`: the Vite build of the renderer, then the hash of
 * the sources it was built from (script./bundle-sources.mjs). With
 * `--if-changed` (what `npm start` and `npm run web` use) it builds only
 * when those sources changed since the last build.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rendererBuildIsCurrent, rendererSourcesHash, STAMP_FILE } from './bundle-sources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (process.argv.includes('--if-changed') && rendererBuildIsCurrent(root)) process.exit(0);

// Hashed before the build, so an edit made while Vite runs makes the next start build again.
const hash = rendererSourcesHash(root);
const vite = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts'], {
  cwd: root,
  stdio: 'inherit',
});
if (vite.status !== 0) process.exit(vite.status ?? 1);
writeFileSync(join(root, STAMP_FILE), `${hash}\n`);
