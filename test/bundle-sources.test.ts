/**
 * The start-up build checks: a start skips the renderer build, and the
 * host's, only while the sources each was built from are unchanged.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, no declarations
import { buildIsCurrent, HOST, rendererBuildIsCurrent, rendererSourcesHash, sourcesHash, STAMP_FILE } from '../scripts/bundle-sources.mjs';

const hashOf = rendererSourcesHash as (root: string) => string;
const isCurrent = rendererBuildIsCurrent as (root: string) => boolean;
let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function project(): string {
  root = mkdtempSync(join(tmpdir(), 'cockpit-sources-'));
  mkdirSync(join(root, 'renderer/view'), { recursive: true });
  mkdirSync(join(root, 'src/core'), { recursive: true });
  writeFileSync(join(root, 'renderer/view/App.tsx'), 'export const App = 1;\n');
  writeFileSync(join(root, 'src/core/freshness.ts'), 'export const x = 2;\n');
  writeFileSync(join(root, 'package-lock.json'), '{}\n');
  return root;
}

function build(dir: string): void {
  mkdirSync(join(dir, 'dist/renderer'), { recursive: true });
  writeFileSync(join(dir, 'dist/renderer/index.html'), '<!doctype html>');
  writeFileSync(join(dir, STAMP_FILE as string), `${hashOf(dir)}\n`);
}

describe('renderer build check', () => {
  it('is current after a build and stays so when only tests change', () => {
    const dir = project();
    expect(isCurrent(dir)).toBe(false);
    build(dir);
    expect(isCurrent(dir)).toBe(true);
    writeFileSync(join(dir, 'src/core/freshness.test.ts'), 'test\n');
    expect(isCurrent(dir)).toBe(true);
  });

  it('is out of date when a renderer file, a src file or the lock file changes, or a file is added', () => {
    for (const change of [
      (d: string) => writeFileSync(join(d, 'renderer/view/App.tsx'), 'export const App = 3;\n'),
      (d: string) => writeFileSync(join(d, 'src/core/freshness.ts'), 'export const x = 4;\n'),
      (d: string) => writeFileSync(join(d, 'package-lock.json'), '{"v":2}\n'),
      (d: string) => writeFileSync(join(d, 'renderer/view/New.tsx'), 'export {};\n'),
    ]) {
      const dir = project();
      build(dir);
      change(dir);
      expect(isCurrent(dir)).toBe(false);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is out of date without the bundle, even with a matching stamp', () => {
    const dir = project();
    build(dir);
    rmSync(join(dir, 'dist/renderer'), { recursive: true });
    expect(isCurrent(dir)).toBe(false);
  });
});

describe('host build check', () => {
  type Bundle = { stamp: string; output: string[] };
  const host = HOST as Bundle;
  const hostIsCurrent = (dir: string) => (buildIsCurrent as (root: string, bundle: Bundle) => boolean)(dir, host);
  function buildHost(dir: string): void {
    mkdirSync(join(dir, 'dist/host'), { recursive: true });
    for (const file of host.output) writeFileSync(join(dir, file), 'export {};\n');
    writeFileSync(join(dir, host.stamp), `${(sourcesHash as (root: string, bundle: Bundle) => string)(dir, host)}\n`);
  }

  it('is current after a build, and stays so when only the renderer or tests change', () => {
    const dir = project();
    expect(hostIsCurrent(dir)).toBe(false);
    buildHost(dir);
    expect(hostIsCurrent(dir)).toBe(true);
    writeFileSync(join(dir, 'renderer/view/App.tsx'), 'export const App = 5;\n');
    writeFileSync(join(dir, 'src/core/freshness.test.ts'), 'test\n');
    expect(hostIsCurrent(dir)).toBe(true);
  });

  it('is out of date when a src file or the lock file changes, or a bundle file is missing', () => {
    for (const change of [
      (d: string) => writeFileSync(join(d, 'src/core/freshness.ts'), 'export const x = 6;\n'),
      (d: string) => writeFileSync(join(d, 'package-lock.json'), '{"v":3}\n'),
      (d: string) => rmSync(join(d, host.output[1]!)),
    ]) {
      const dir = project();
      buildHost(dir);
      change(dir);
      expect(hostIsCurrent(dir)).toBe(false);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
