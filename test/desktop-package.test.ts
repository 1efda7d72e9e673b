/**
 * electron-builder.yml, checked without building a package (that needs the
 * Electron download): loaded and validated by electron-builder's own
 * configuration loader and JSON schema (app-builder-lib), then held to the
 * release rules: fuses as Electron's security checklist says, deb metadata,
 * the four targets, icons where scripts/make-icons.ts writes them, signing
 * left to the environment, and nothing in app.asar that main.cjs does not load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness/process.js';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add: () => {} };

interface Config {
  /** As electron-builder's loader normalises it: file sets of patterns. */
  files: (string | { filter: string[] })[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string; maintainer: string };
  mac: { target: string[]; icon: string; notarize: boolean; hardenedRuntime: boolean; entitlements: string; identity?: unknown; cscLink?: unknown };
  win: { target: string[]; icon: string; cscLink?: unknown };
  [key: string]: unknown;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  homepage?: string;
  author?: { name: string; email: string };
  main: string;
  dependencies: Record<string, string>;
};

let config: Config;
const tmp = mkdtempSync(join(tmpdir(), 'cockpit-package-'));
beforeAll(async () => {
  config = (await getConfig(ROOT, join(ROOT, 'electron-builder.yml'))) as Config;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    await expect(validateConfiguration(structuredClone(config), quietLogger)).resolves.toBeUndefined();
  });

  it('would fail that schema with a misspelt or misplaced option (the check is real)', async () => {
    const misspelt = { ...structuredClone(config), linux: { ...config.linux, maintainr: 'x' } };
    await expect(validateConfiguration(misspelt, quietLogger)).rejects.toThrow(/configuration\.linux /);
    const misplaced = { ...structuredClone(config), electronFuses: { ...config.electronFuses, sandbox: true } };
    await expect(validateConfiguration(misplaced, quietLogger)).rejects.toThrow(/configuration\.electronFuses /);
  });

  it('flips the fuses the Electron security checklist recommends', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('gives the deb a maintainer with an address and the project a homepage', () => {
    expect(config.linux.maintainer).toMatch(/^[^<>]+ <[^\s@<>]+@[^\s@<>]+\.[a-z]+>$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author?.email).toMatch(/@/);
  });

  it('builds AppImage and deb, dmg and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('leaves signing and notarization to the environment, with the hardened runtime and its entitlements', () => {
    expect(config.mac.notarize).toBe(true);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(existsSync(join(ROOT, config.mac.entitlements))).toBe(true);
    expect(readFileSync(join(ROOT, config.mac.entitlements), 'utf8')).toContain('com.apple.security.cs.allow-jit');
    for (const key of ['identity', 'cscLink', 'cscKeyPassword']) {
      expect(config.mac, key).not.toHaveProperty(key);
      expect(config.win, key).not.toHaveProperty(key);
      expect(config, key).not.toHaveProperty(key);
    }
  });

  it('takes every icon from what scripts/make-icons.ts writes out of build/icon.svg', async () => {
    const { makeIcons, ICONS_DIR } = await import('../scripts/make-icons.js');
    const written = (await makeIcons(join(ROOT, 'build/icon.svg'), tmp)).map((p) => relative(tmp, p));
    const configured = [config.mac.icon, config.win.icon].map((p) => relative(relative(ROOT, ICONS_DIR), p));
    for (const icon of configured) expect(written).toContain(icon);
    expect(relative(relative(ROOT, ICONS_DIR), config.linux.icon)).toBe('png');
    expect(written.filter((p) => p.startsWith('png/'))).toContain('png/512x512.png');
  }, 30_000);
});

describe('app.asar', () => {
  it('packs the two bundles and package.json, and no source, map or test', () => {
    const patterns = config.files.flatMap((set) => (typeof set === 'string' ? [set] : set.filter));
    expect(patterns).toEqual(['dist/main/**', 'dist/renderer/**', 'package.json', '!**/*.map']);
    expect(pkg.main).toBe('dist/main/main.cjs');
  });

  it("carries from node_modules exactly the packages main.cjs loads at run time: package.json's dependencies", () => {
    const metafile = join(tmp, 'main.meta.json');
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-main.mjs'), '--metafile', metafile], { cwd: ROOT, stdio: 'pipe' });
    const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, { imports: { path: string; external?: boolean }[] }> };
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    // The runtime provides electron; pg loads pg-native only from its `native` getter, which the cockpit never reads.
    const provided = new Set(['electron', 'pg-native']);
    const packages = new Set(
      meta.outputs['dist/main/main.cjs']!.imports
        .filter((i) => i.external && !builtins.has(i.path) && !provided.has(i.path))
        .map((i) => i.path.split('/').slice(0, i.path.startsWith('@') ? 2 : 1).join('/')),
    );
    expect([...packages].sort()).toEqual(Object.keys(pkg.dependencies).sort());
    // Renderer-only packages stay out.
    for (const name of ['react', 'react-dom', 'recharts', '@xterm/xterm', 'zustand']) expect(pkg.dependencies, name).not.toHaveProperty(name);
  }, 30_000);
});
