/**
 * Before the end-to-end suites: the renderer and host bundles they run, built
 * when their sources changed since the last build (as `npm run web` does),
 * so a suite never drives yesterday's code.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../harness/process.js';

export default function buildIfChanged(): void {
  for (const script of ['build-renderer.mjs', 'build-host.mjs']) {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', script), '--if-changed'], { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`scripts/${script} --if-changed failed (exit ${run.status})`);
  }
}
