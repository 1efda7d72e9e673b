#!/usr/bin/env node
/**
 * `npm run build:renderer`: the Vite build of the renderer, then the hash of
 * the sources it was built from (script./bundle-sources.mjs). With
 * `--if-changed` (what `npm start` and `npm run web` use) it builds only
 * when those sources changed since the last build.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beginBuild, RENDERER } from './bundle-sources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = beginBuild(root, RENDERER, process.argv.includes('--if-changed'));
const vite = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts'], {
  cwd: root,
  stdio: 'inherit',
});
if (vite.status !== 0) process.exit(vite.status ?? 1);
stamp();
