/**
 * The pre-shift check through the contract, against real servers on
 * loopback: the backend's embedded simulator is the trading API, the
 * harness's PostgreSQL is the database. The password is in none of the
 * usual places, so the host asks for it; the answer is kept in the secret
 * store (memory here), never in the report or on disk.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessReport, ChecksPlan, ExportedFile, PasswordAsk, Result } from '../../src/contract/index.js';
import { createBackend, type Backend } from '../../src/host/backend.js';
import { ACCESS_REPORT_FILE } from '../../src/host/checks/index.js';
import { memorySecretStore } from '../../src/services/checks/secret-store.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';
import { startPostgres, type PostgresHarness } from '../harness/postgres.js';

let pg: PostgresHarness;
let backend: Backend;
const secrets = memorySecretStore();
const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-host-checks-'));
const emptyHome = mkdtempSync(join(tmpdir(), 'cockpit-host-checks-home-'));
const reports: AccessReport[] = [];
const asks: PasswordAsk[] = [];

beforeAll(async () => {
  pg = await startPostgres();
  backend = await createBackend({
    dataDir,
    hostKind: 'browser',
    pollMs: 1_000,
    settings: createMemorySettingsStore({
      operatorName: 'ana',
      timeZone: 'UTC',
      checksDatabase: { host: pg.host, port: pg.port, user: pg.user, database: pg.database },
    }),
    secretStore: secrets,
    // No PGPASSWORD and an empty home: the password must be asked.
    checks: { env: {}, home: emptyHome },
  });
  backend.subscribe((name, payload) => {
    if (name === 'checks.progress') reports.push(payload as AccessReport);
    if (name === 'checks.passwordAsk') {
      asks.push(payload as PasswordAsk);
      void backend.handle('checks.answerPassword', { askId: (payload as PasswordAsk).askId, password: pg.password });
    }
  });
}, 60_000);

afterAll(async () => {
  await backend?.close();
  await pg?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(emptyHome, { recursive: true, force: true });
});

const value = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

/** Waits for a progress event whose report has every automated check settled. */
async function settled(after: number, timeoutMs = 20_000): Promise<AccessReport> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const done = reports.slice(after).find((r) => r.finishedAt !== null);
    if (done) return done;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the run did not settle within ${timeoutMs} ms`);
}

const entry = (report: AccessReport, id: string) => report.checks.find((c) => c.id === id)!;

describe('checks through the backend', () => {
  it('plans the API, the database named in settings, a local shell and the manual items; the rest of the demo is not configured', async () => {
    const plan = value<ChecksPlan>(await backend.handle('checks.plan', {}));
    expect(plan.demo).toBe(true);
    expect(plan.checks.map((c) => c.id)).toEqual([
      'ssh:production', 'sudo:production', 'api:health', 'api:health-via-ssh', 'api:write-key', 'database', 'local:shell',
      'manual:vpn', 'manual:pagerduty', 'manual:slack', 'manual:grafana', 'manual:exchange-ui',
    ]);
    expect(plan.checks.filter((c) => c.howToConfigure !== undefined).map((c) => c.id)).toEqual(['ssh:production', 'sudo:production', 'api:health-via-ssh', 'api:write-key']);
    expect(plan.database).toEqual({ host: '127.0.0.1', port: pg.port, user: 'hft_user', database: 'hft_db' });
    expect(plan.writeKeyConfigured).toBe(false);
    expect(value(await backend.handle('checks.report', {}))).toBeNull();
  });

  it('runs every check, asks the password once, and saves the report', async () => {
    const before = reports.length;
    const started = value<AccessReport>(await backend.handle('checks.run', {}));
    expect(started.engineer).toBe('ana');
    expect(started.checks.filter((c) => c.kind !== 'manual' && c.state !== 'not_configured').every((c) => c.state === 'pending' || c.state === 'running')).toBe(true);
    expect((await backend.handle('checks.run', {})).ok).toBe(false);

    const report = await settled(before);
    expect(entry(report, 'api:health')).toMatchObject({ state: 'passed', message: expect.stringMatching(/^Health ok, version /) });
    expect(entry(report, 'database')).toMatchObject({ state: 'passed', message: expect.stringContaining('password from you') });
    expect(entry(report, 'database').durationMs).toBeGreaterThanOrEqual(0);
    expect(entry(report, 'local:shell').state).toBe('passed');
    expect(asks).toHaveLength(1);
    expect(asks[0]!.target).toBe(`hft_user@127.0.0.1:${pg.port}/hft_db`);
    expect(await secrets.get(`postgres://hft_user@127.0.0.1:${pg.port}/hft_db`)).toBe(pg.password);

    await expect.poll(() => readFileSync(join(dataDir, ACCESS_REPORT_FILE), 'utf8')).toContain('"state": "passed"');
    const onDisk = readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f), 'utf8'));
    expect(onDisk.some((text) => text.includes(pg.password))).toBe(false);
  });

  it('ticks a manual item and exports every check as Markdown', async () => {
    const ticked = value<AccessReport>(await backend.handle('checks.manual', { id: 'manual:vpn', done: true }));
    expect(entry(ticked, 'manual:vpn').state).toBe('manual_done');
    expect((await backend.handle('checks.manual', { id: 'database', done: true })).ok).toBe(false);
    const file = value<ExportedFile>(await backend.handle('checks.export', {}));
    expect(file.filename).toMatch(/^preshift-check-\d{4}-\d{2}-\d{2}-\d{4}\.md$/);
    expect(file.text).toContain('- Engineer: ana');
    for (const c of ticked.checks) expect(file.text).toContain(`| ${c.label} |`);
    expect(file.text).toContain('| VPN connected |  | confirmed |');
  });

  it('re-runs only the database check once the server is gone: refused, in words, with the raw error', async () => {
    await pg.stopServer();
    const before = reports.length;
    const reset = value<AccessReport>(await backend.handle('checks.run', { ids: ['database'] }));
    expect(entry(reset, 'database').state).toBe('pending');
    expect(entry(reset, 'api:health').state).toBe('passed');
    const report = await settled(before);
    const db = entry(report, 'database');
    expect(db.state).toBe('failed');
    expect(db.message).toBe(`Connection refused on ${pg.port}`);
    expect(db.hint).toMatch(/VPN up/);
    expect(db.rawError).toContain('ECONNREFUSED');
    expect(entry(report, 'manual:vpn').state).toBe('manual_done');
    // The stored password was not asked again: it came from the secret store.
    expect(asks).toHaveLength(1);
    expect((await backend.handle('checks.run', { ids: ['no-such-check'] })).ok).toBe(false);
    await pg.startServer();
  });
});
