/**
 * The backend in demo mode against the real embedded simulator: it starts
 * the simulator on loopback, polls it until the live view is fresh, and
 * stops it on close.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppInfo, LiveSnapshot, LiveUpdate } from '../../src/contract/index.js';
import { createBackend, type Backend } from '../../src/host/backend.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';

let backend: Backend | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-backend-sim-'));
afterAll(async () => {
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Polls `probe` every 50 ms until it returns a value, for at most `timeoutMs`. */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

describe('backend with the embedded simulator', () => {
  it('watches the simulator when no URL is given, and sees it fresh', async () => {
    backend = await createBackend({
      dataDir,
      hostKind: 'browser',
      pollMs: 200,
      settings: createMemorySettingsStore(),
    });
    const updates: LiveUpdate[] = [];
    backend.subscribe((name, payload) => name === 'live.update' && updates.push(payload as LiveUpdate));

    const info = (await backend.handle('app.info', {})) as { ok: true; value: AppInfo };
    expect(info.value).toMatchObject({ demo: true, hostKind: 'browser', pollMs: 200 });
    expect(info.value.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${info.value.apiUrl}/api/v1/health`);
    expect(health.status).toBe(200);

    const snapshot = await eventually(async () => {
      const result = (await backend!.handle('live.snapshot', {})) as { ok: true; value: LiveSnapshot };
      const { status, risk } = result.value.endpoints;
      return status.freshness === 'fresh' && risk.freshness === 'fresh' ? result.value : undefined;
    });
    expect(snapshot.endpoints.status.data?.exchanges.length).toBeGreaterThan(0);
    expect(updates.length).toBeGreaterThan(0);

    await backend.close();
    await expect(fetch(`${info.value.apiUrl}/api/v1/health`)).rejects.toThrow();
  });
});
