/**
 * `npm run web`: the cockpit in a browser tab, served from 127.0.0.1.
 * Flags: see cli-args.ts (`--help`).
 */
import { fileURLToPath } from 'node:url';
import { runBrowserHostUntilSignalled } from './browser/run.js';

await runBrowserHostUntilSignalled({
  argv: process.argv.slice(2),
  env: process.env,
  rendererDir: fileURLToPath(new URL('../../dist/renderer/', import.meta.url)),
});
