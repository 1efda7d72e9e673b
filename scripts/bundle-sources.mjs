/**
 * What a bundle is built from, as one SHA-256, so a start rebuilds only
 * when that changed. The renderer bundle: every file under renderer/ and
 * src/ (the bundle imports the contract and the core) except tests, plus
 * the lock file and the configs that change the output; it skips the 1-2 s
 * Vite build. The host bundle (scripts/build-host.mjs): src/ and the same
 * files; the Electron bundles (scripts/build-main.mjs): main/, src/ and
 * the same files. Each build writes its hash beside its bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const FILES = ['package.json', 'package-lock.json', 'tsconfig.json'];
const isTest = (name) => /\.(test|e2e|bench\.test)\.[cm]?[jt]sx?$/.test(name);

/** The renderer bundle: built from, stamped in (outside dist/renderer so the browser host never serves it), made of. */
export const RENDERER = { trees: ['renderer', 'src'], stamp: join('dist', 'renderer-sources.sha256'), output: [join('dist', 'renderer', 'index.html')] };
/** The Electron main and preload bundles (scripts/build-main.mjs). */
export const MAIN = { trees: ['main', 'src'], stamp: join('dist', 'main-sources.sha256'), output: [join('dist', 'main', 'main.cjs'), join('dist', 'main', 'preload.cjs')] };
/** The host bundle that `npm run web` and `npm start` run. */
export const HOST = { trees: ['src'], stamp: join('dist', 'host-sources.sha256'), output: [join('dist', 'host', 'web.mjs'), join('dist', 'host', 'start.mjs')] };
export const STAMP_FILE = RENDERER.stamp;

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') walk(path, out);
    } else if (entry.isFile() && !isTest(entry.name)) {
      out.push(path);
    }
  }
}

export function sourcesHash(root, bundle) {
  const files = [];
  for (const tree of bundle.trees) if (existsSync(join(root, tree))) walk(join(root, tree), files);
  for (const file of FILES) if (existsSync(join(root, file))) files.push(join(root, file));
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(root, f).split(sep).join('/')).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/** Whether `bundle` in `root` was built from the sources as they are now. */
export function buildIsCurrent(root, bundle) {
  const stamp = join(root, bundle.stamp);
  if (!bundle.output.every((file) => existsSync(join(root, file))) || !existsSync(stamp)) return false;
  return readFileSync(stamp, 'utf8').trim() === sourcesHash(root, bundle);
}

/**
 * The start of a build of `bundle`: with `ifChanged`, ends the process when
 * the bundle is current. Otherwise it hashes the sources now, before the build,
 * so an edit made while it runs makes the next start build again. Returns
 * the call that writes that hash beside the bundle once it is built.
 */
export function beginBuild(root, bundle, ifChanged) {
  if (ifChanged && buildIsCurrent(root, bundle)) process.exit(0);
  const hash = sourcesHash(root, bundle);
  return () => writeFileSync(join(root, bundle.stamp), `${hash}\n`);
}

export const rendererSourcesHash = (root) => sourcesHash(root, RENDERER);
export const rendererBuildIsCurrent = (root) => buildIsCurrent(root, RENDERER);
