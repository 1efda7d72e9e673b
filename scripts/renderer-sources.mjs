/**
 * What the renderer bundle is built from, as one SHA-256: every file under
 * renderer/ and src/ (the bundle imports the contract and the core) except
 * tests, plus the lock file and the configs that change the output. The
 * build writes it beside the bundle; a start whose sources hash the same
 * skips the 1-2 s Vite build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const TREES = ['renderer', 'src'];
const FILES = ['package.json', 'package-lock.json', 'tsconfig.json'];
/** Written by the build, outside dist/renderer so the browser host never serves it. */
export const STAMP_FILE = join('dist', 'renderer-sources.sha256');
const isTest = (name) => /\.(test|e2e|bench\.test)\.[cm]?[jt]sx?$/.test(name);

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

export function rendererSourcesHash(root) {
  const files = [];
  for (const tree of TREES) if (existsSync(join(root, tree))) walk(join(root, tree), files);
  for (const file of FILES) if (existsSync(join(root, file))) files.push(join(root, file));
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(root, f).split(sep).join('/')).sort()) {
    hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/** Whether the bundle in `root`/dist/renderer was built from the sources as they are now. */
export function rendererBuildIsCurrent(root) {
  const stamp = join(root, STAMP_FILE);
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html')) || !existsSync(stamp)) return false;
  return readFileSync(stamp, 'utf8').trim() === rendererSourcesHash(root);
}
