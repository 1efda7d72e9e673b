import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppOrigin, serveAppRequest } from './app-protocol.js';

let root: string;
let dir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cockpit-app-'));
  dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<meta name="cockpit-host" content="__COCKPIT_HOST__">');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(root, 'secret.txt'), 'secret');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string) => serveAppRequest({ url, method: 'GET' }, dir);

describe('app:// protocol', () => {
  it('serves index.html flagged for electron, with a policy that allows no socket', async () => {
    const res = await get(APP_INDEX_URL);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<meta name="cockpit-host" content="electron">');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain('ws:');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their type', async () => {
    const res = await get('app://cockpit/assets/app.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('export {}');
  });

  it('refuses other hosts, missing files and the way out of the bundle', async () => {
    for (const url of ['app://other/index.html', 'app://cockpit/nope.js', 'app://cockpit/assets', 'app://cockpit/%2e%2e/secret.txt', 'app://cockpit/..%2fsecret.txt']) {
      expect((await get(url)).status, url).toBe(404);
    }
    expect((await serveAppRequest({ url: APP_INDEX_URL, method: 'POST' }, dir)).status).toBe(405);
  });

  it('recognises its own origin only', () => {
    expect(isAppOrigin('app://cockpit/x')).toBe(true);
    expect(isAppOrigin('app://cockpitx/')).toBe(false);
    expect(isAppOrigin('https://cockpit/')).toBe(false);
  });
});
