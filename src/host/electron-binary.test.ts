import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cockpit-electron-'));
  mkdirSync(join(root, 'node_modules', 'electron', 'dist'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const pkg = () => join(root, 'node_modules', 'electron');

describe('findElectronBinary', () => {
  it('finds the binary path.txt names under dist/', () => {
    writeFileSync(join(pkg(), 'path.txt'), 'electron');
    writeFileSync(join(pkg(), 'dist', 'electron'), '');
    expect(findElectronBinary(root)).toBe(join(pkg(), 'dist', 'electron'));
  });

  it('finds the macOS bundle layout', () => {
    mkdirSync(join(pkg(), 'dist', 'Electron.app', 'Contents', 'MacOS'), { recursive: true });
    writeFileSync(join(pkg(), 'path.txt'), 'Electron.app/Contents/MacOS/Electron');
    writeFileSync(join(pkg(), 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron'), '');
    expect(findElectronBinary(root)).toBe(join(pkg(), 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron'));
  });

  it('says no when path.txt is missing, empty, points nowhere or outside dist/', () => {
    expect(findElectronBinary(root)).toBeNull();
    writeFileSync(join(pkg(), 'path.txt'), '  \n');
    expect(findElectronBinary(root)).toBeNull();
    writeFileSync(join(pkg(), 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toBeNull();
    writeFileSync(join(root, 'node_modules', 'evil'), '');
    writeFileSync(join(pkg(), 'path.txt'), '../../evil');
    expect(findElectronBinary(root)).toBeNull();
  });

  it('says no for this checkout, where the binary is not installed', () => {
    expect(findElectronBinary(fileURLToPath(new URL('../..', import.meta.url)))).toBeNull();
  });
});
