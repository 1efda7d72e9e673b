/**
 * The demo explains itself: started with nothing configured, the browser
 * host prints the simulator's address beside its own, and the pre-shift
 * check runs what can run here (the simulator's health, the local shell),
 * lists the production checks as not configured with how to configure them,
 * never asks for the production database's password, and ends with no
 * failures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccessReport, Result } from '../../src/contract/index.js';
import { runBrowserHost, type RunningBrowserHost } from '../../src/host/browser/run.js';
import { createBackend } from '../../src/host/backend.js';
import { summarise } from '../../src/core/checks/summary.js';
import { HOW_TO_CONFIGURE } from '../../src/core/checks/plan.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const value = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

describe('the demo', () => {
  it('prints the simulator address with the cockpit address, and the simulator answers /sim/v1', async () => {
    const lines: string[] = [];
    let host: RunningBrowserHost | null = null;
    try {
      host = await runBrowserHost({
        argv: ['--port', '0', '--data-dir', tempDir('cockpit-demo-run-')],
        env: {},
        rendererDir: tempDir('cockpit-demo-renderer-'),
        out: (line) => lines.push(line),
        err: () => {},
      });
      expect(lines[0]).toMatch(/^cockpit \(browser host\) at http:\/\/127\.0\.0\.1:\d+\/#token=/);
      const sim = lines[1]?.match(/^simulator \(DEMO\) at (http:\/\/127\.0\.0\.1:\d+): .*POST \1\/sim\/v1\/scenario/);
      expect(sim, lines.join('\n')).toBeTruthy();
      const answer = await fetch(`${sim![1]}/sim/v1/scenario`);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ active: [] });
    } finally {
      await host?.stop();
    }
  });

  it('runs the pre-shift check with no failures, names what is not configured, and never asks a password', async () => {
    const events: { name: string; payload: unknown }[] = [];
    const backend = await createBackend({
      dataDir: tempDir('cockpit-demo-checks-'),
      hostKind: 'browser',
      settings: createMemorySettingsStore({ operatorName: 'ana', timeZone: 'UTC' }),
      checks: { env: {}, home: tempDir('cockpit-demo-home-') },
    });
    try {
      backend.subscribe((name, payload) => events.push({ name, payload }));
      expect(backend.info.demo).toBe(true);
      value(await backend.handle('checks.run', {}));
      let report: AccessReport | null = null;
      for (let i = 0; i < 200 && !report?.finishedAt; i++) {
        await new Promise((r) => setTimeout(r, 50));
        report = value<AccessReport | null>(await backend.handle('checks.report', {}));
      }
      expect(report?.finishedAt).not.toBeNull();
      const states = Object.fromEntries(report!.checks.filter((c) => c.kind !== 'manual').map((c) => [c.id, c.state]));
      expect(states).toEqual({
        'ssh:production': 'not_configured',
        'sudo:production': 'not_configured',
        'api:health': 'passed',
        'api:health-via-ssh': 'not_configured',
        'api:write-key': 'not_configured',
        database: 'not_configured',
        'local:shell': 'passed',
      });
      expect(report!.checks.find((c) => c.id === 'database')!.message).toBe(HOW_TO_CONFIGURE.database);
      expect(events.some((e) => e.name === 'checks.passwordAsk')).toBe(false);
      const summary = summarise(report!, 'UTC');
      expect(summary.failed).toBe(0);
      expect(summary.text).toMatch(/^Checked \d\d:\d\d: 2 of 2 runnable checks passed; 5 not configured; 0 of 5 items confirmed$/);
    } finally {
      await backend.close();
    }
  });
});
