/**
 * The import rules of shared/style.md, enforced: each folder names the
 * runtime it needs, and imports may only point the allowed way.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = /\.(ts|tsx|mts|cts)$/;
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function* sourceFiles(dir: string): Generator<string> {
  if (!existsSync(join(ROOT, dir))) return;
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

/** Every module specifier a file imports, re-exports, requires or imports dynamically. */
export function specifiersOf(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    // A side-effect import starts its statement; `'playbook.import': …` in a call table is not one.
    /(?:^|;)\s*import\s*['"]([^'"]+)['"]/gm,
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.push(m[1]!);
  return found;
}

interface Import { file: string; spec: string; target: string | null }

function importsUnder(dir: string): Import[] {
  const all: Import[] = [];
  for (const file of sourceFiles(dir)) {
    const code = readFileSync(join(ROOT, file), 'utf8');
    for (const spec of specifiersOf(code)) {
      const target = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)) : null;
      all.push({ file, spec, target });
    }
  }
  return all;
}

const isUnder = (path: string | null, folder: string) =>
  path !== null && (path === folder || path.startsWith(folder + sep) || path.startsWith(folder + '/'));
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const show = (bad: Import[]) => bad.map((i) => `${i.file} imports ${i.spec}`);

describe('layering', () => {
  it('finds the specifiers of every import form', () => {
    const code = `import a from 'x';\nimport type { B } from "./y.js";\nexport * from './z.js';\nimport './side.js';\nconst c = await import('w');\nrequire('v');`;
    expect(specifiersOf(code).sort()).toEqual(['./side.js', './y.js', './z.js', 'v', 'w', 'x']);
  });

  it('src/ never imports electron, electron-store, react, main/ or renderer/', () => {
    const bad = importsUnder('src').filter(
      (i) =>
        /^(electron|electron-store|react|react-dom)(\/|$)/.test(i.spec) ||
        isUnder(i.target, 'main') ||
        isUnder(i.target, 'renderer'),
    );
    expect(show(bad)).toEqual([]);
  });

  it('src/core/ is pure: only zod, the contract and itself', () => {
    const bad = importsUnder('src/core').filter((i) =>
      i.target === null
        ? !(i.spec === 'zod' || (isTest(i.file) && i.spec === 'vitest'))
        : !(isUnder(i.target, 'src/core') || isUnder(i.target, 'src/contract')),
    );
    expect(show(bad)).toEqual([]);
  });

  it('src/core/ reads no clock and sets no timers: time is a parameter', () => {
    const bad = [...sourceFiles('src/core')]
      .filter((f) => !isTest(f))
      .filter((f) => /Date\.now\(\)|new Date\(\)|setTimeout\(|setInterval\(|performance\.now\(\)/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(bad).toEqual([]);
  });

  it('src/contract/ depends on zod, the pure core and itself only', () => {
    const bad = importsUnder('src/contract').filter((i) =>
      i.target === null
        ? !(i.spec === 'zod' || (isTest(i.file) && /^(vitest|node:)/.test(i.spec)))
        : !(isUnder(i.target, 'src/contract') || isUnder(i.target, 'src/core')),
    );
    expect(show(bad)).toEqual([]);
  });

  it('renderer/ never imports main/, Node, or the host side of src/', () => {
    const bad = importsUnder('renderer').filter(
      (i) =>
        (!i.file.startsWith(join('renderer', 'bench')) && !isTest(i.file) && NODE_BUILTINS.has(i.spec)) ||
        /^electron(\/|$)/.test(i.spec) ||
        isUnder(i.target, 'main') ||
        (isUnder(i.target, 'src') && !isUnder(i.target, 'src/contract') && !isUnder(i.target, 'src/core')),
    );
    expect(show(bad)).toEqual([]);
  });

  it('no production file imports test code: test/ (its support/ included) or bench/', () => {
    const production = ['src', 'main', 'renderer'].flatMap(importsUnder).filter((i) => !isTest(i.file));
    const bad = production.filter((i) => isUnder(i.target, 'test') || isUnder(i.target, 'bench'));
    expect(show(bad)).toEqual([]);
  });

  it('the simulator reaches services/ and host/ only through the demo entry, loaded lazily', () => {
    const LAZY = /\bimport\s*\(\s*['"][^'"]*sim\/index\.js['"]\s*\)/;
    const bad = [...importsUnder('src/services'), ...importsUnder('src/host')]
      .filter((i) => !isTest(i.file) && isUnder(i.target, 'src/sim'))
      .filter((i) => !(i.file === join('src', 'host', 'backend.ts') && LAZY.test(readFileSync(join(ROOT, i.file), 'utf8'))));
    expect(show(bad)).toEqual([]);
  });

  it('main/ never imports renderer/', () => {
    expect(show(importsUnder('main').filter((i) => isUnder(i.target, 'renderer')))).toEqual([]);
  });
});
