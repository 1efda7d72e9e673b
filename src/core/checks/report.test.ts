import { describe, expect, it } from 'vitest';
import { AccessReport, newReport, type CheckOutcome } from './model.js';
import { applyCheckEvent, rerunSet, type CheckEvent } from './progress.js';
import { headerSummary, summarise, PRE_SHIFT_WINDOW_MS } from './summary.js';
import { reportToMarkdown } from './markdown.js';
import {
  planAccessChecks, DEFAULT_MANUAL_ITEMS, sshCheckId, sudoCheckId, API_VIA_SSH_ID, API_WRITE_KEY_ID,
  HOW_TO_CONFIGURE, LOCAL_SHELL_ID, SSH_UNCONFIGURED_ID, SUDO_UNCONFIGURED_ID,
} from './plan.js';

// 2026-11-24 08:00:00 in Europe/London (GMT, UTC+0 in November).
const T0 = Date.UTC(2026, 10, 24, 8, 0, 0);
const TZ = 'Europe/London';

const plan = planAccessChecks({
  hosts: [
    { id: 'p1', name: 'hft-prod-01', expectedHostname: 'hft-prod-01' },
    { id: 'p2', name: 'hft-prod-02', expectedHostname: 'hft-prod-02' },
  ],
  api: { url: 'http://hft-prod-01:8080', viaSshHostId: 'p1', writeKeyConfigured: true },
  database: { host: 'hft-prod-01', port: 5432, user: 'hft_user', database: 'hft_db' },
  manual: DEFAULT_MANUAL_ITEMS.slice(0, 1),
});

const passed = (message: string): CheckOutcome => ({ state: 'passed', message, hint: null, rawError: null });
const failed = (message: string, hint: string, raw: string): CheckOutcome => ({ state: 'failed', message, hint, rawError: raw });

function run(events: CheckEvent[]) {
  return events.reduce(applyCheckEvent, newReport('alice', plan, T0));
}

function everythingOnce(at: number): CheckEvent[] {
  const events: CheckEvent[] = [];
  plan.filter((c) => c.kind !== 'manual').forEach((c, i) => {
    events.push({ type: 'started', id: c.id, at: at + i });
    events.push({
      type: 'finished',
      id: c.id,
      at: at + 100 + i * 10,
      durationMs: 100 + i * 9,
      outcome: c.id === sudoCheckId('p2') ? failed('hft-prod-02: sudo needs a password', 'Ask for NOPASSWD | sudoers', 'exit 1\nsudo: a password is required') : passed('ok'),
    });
  });
  return events;
}

describe('the plan', () => {
  it('puts sudo after its host, the forward after its host, and the write key after health', () => {
    const byId = new Map(plan.map((c) => [c.id, c]));
    expect(byId.get(sudoCheckId('p1'))!.dependsOn).toEqual([sshCheckId('p1')]);
    expect(byId.get(API_VIA_SSH_ID)!.dependsOn).toEqual([sshCheckId('p1')]);
    expect(byId.get(API_WRITE_KEY_ID)!.dependsOn).toEqual(['api:health']);
    expect(plan.map((c) => c.kind)).toEqual(['ssh', 'sudo', 'ssh', 'sudo', 'api_health', 'api_health_via_ssh', 'api_write_key', 'database', 'manual']);
  });
});

describe('the report', () => {
  it('follows a run and settles when the last automated check does', () => {
    const events = everythingOnce(T0);
    const midway = run(events.slice(0, 3));
    expect(midway.finishedAt).toBeNull();
    expect(midway.checks[0]!.state).toBe('passed');
    expect(midway.checks[1]!.state).toBe('running');
    const done = run(events);
    expect(done.finishedAt).toBe(T0 + 100 + 7 * 10);
    expect(done.checks.find((c) => c.id === sudoCheckId('p2'))).toMatchObject({ state: 'failed', durationMs: 127, rawError: 'exit 1\nsudo: a password is required' });
    expect(AccessReport.safeParse(done).success).toBe(true);
  });

  it('summarises for the header in local time, manual items counted', () => {
    const done = run(everythingOnce(T0));
    // Never "verified" with a failure.
    expect(summarise(done, TZ)).toMatchObject({ ok: 7, failed: 1, open: 1, total: 9, allOk: false, text: 'Access check 08:00: 1 failed, 7/9 ok' });
    const ticked = applyCheckEvent(done, { type: 'manual', id: 'manual:vpn', done: true, at: T0 + 60_000 });
    expect(summarise(ticked, TZ).text).toBe('Access check 08:00: 1 failed, 8/9 ok');
    expect(summarise(ticked, 'America/New_York').text).toBe('Access check 03:00: 1 failed, 8/9 ok');
    expect(summarise(run(everythingOnce(T0).slice(0, 3)), TZ).text).toBe('Checking access, 1/9 done');
  });

  it('shows in the header only for the shift it was made for', () => {
    const done = run(everythingOnce(T0));
    const shift = { startsAt: T0 + 3_600_000, endsAt: T0 + 7 * 86_400_000 };
    expect(headerSummary(done, shift, TZ, T0 + 86_400_000)?.text).toBe('Access check 08:00: 1 failed, 7/9 ok');
    expect(headerSummary(done, shift, TZ, shift.endsAt)).toBeNull();
    expect(headerSummary(done, { startsAt: T0 + PRE_SHIFT_WINDOW_MS + 1, endsAt: shift.endsAt }, TZ, T0 + 86_400_000)).toBeNull();
    expect(headerSummary(null, shift, TZ, T0)).toBeNull();
  });

  it('re-runs a host with its dependants, and clears only what is re-run', () => {
    const done = run(everythingOnce(T0));
    expect(rerunSet(done, sshCheckId('p1'))).toEqual([sshCheckId('p1'), sudoCheckId('p1'), API_VIA_SSH_ID]);
    expect(rerunSet(done, 'api:health')).toEqual(['api:health', API_WRITE_KEY_ID]);
    const reset = applyCheckEvent(done, { type: 'reset', ids: rerunSet(done, sudoCheckId('p2')), at: T0 + 1000 });
    expect(reset.finishedAt).toBeNull();
    expect(reset.checks.find((c) => c.id === sudoCheckId('p2'))).toMatchObject({ state: 'pending', message: null, rawError: null });
    expect(reset.checks.find((c) => c.id === sshCheckId('p2'))!.state).toBe('passed');
    const again = [
      { type: 'started', id: sudoCheckId('p2'), at: T0 + 2000 },
      { type: 'finished', id: sudoCheckId('p2'), at: T0 + 2050, durationMs: 50, outcome: passed('ok') },
    ] satisfies CheckEvent[];
    const rerun = again.reduce(applyCheckEvent, reset);
    expect(rerun.finishedAt).toBe(T0 + 2050);
    expect(summarise(rerun, TZ).text).toBe('Access verified 08:00, 8/9 ok');
  });

  it('exports Markdown with every check, its timing, and the failure behind it', () => {
    const md = reportToMarkdown(run(everythingOnce(T0)), TZ);
    expect(md).toContain('- Engineer: alice');
    expect(md).toContain('- Started: 2026-11-24 08:00 (Europe/London)');
    expect(md).toContain('| SSH to hft-prod-01 | hft-prod-01 | ok | 100 ms | ok |');
    expect(md).toContain('| Passwordless sudo on hft-prod-02 | hft-prod-02 | FAILED | 127 ms | hft-prod-02: sudo needs a password |');
    expect(md).toContain('| VPN connected |  | not run |  |  |');
    expect(md).toContain('Likely fix: Ask for NOPASSWD | sudoers');
    expect(md).toContain('```text\nexit 1\nsudo: a password is required\n```');
    expect(md.match(/^\| /gm)).toHaveLength(1 + plan.length);
  });

  it('keeps raw output with backticks inside its fence', () => {
    const report = run([
      { type: 'started', id: 'database', at: T0 },
      { type: 'finished', id: 'database', at: T0 + 5, durationMs: 5, outcome: failed('x', 'y', 'a ``` b') },
    ]);
    expect(reportToMarkdown(report, TZ)).toContain('````text\na ``` b\n````');
  });
});

describe('the demo plan', () => {
  const demoPlan = planAccessChecks({
    hosts: [],
    api: { url: 'http://127.0.0.1:40123', viaSshHostId: null, writeKeyConfigured: false },
    database: null,
    manual: DEFAULT_MANUAL_ITEMS.slice(0, 1),
    demo: true,
    databaseNotConfigured: true,
    localShell: '/bin/bash',
  });
  const runnable = demoPlan.filter((c) => c.howToConfigure === undefined && c.kind !== 'manual');
  const unconfigured = demoPlan.filter((c) => c.howToConfigure !== undefined);

  it('runs the simulator health and a local shell, and lists the production checks as not configured with how to configure them', () => {
    expect(runnable.map((c) => c.id)).toEqual(['api:health', LOCAL_SHELL_ID]);
    expect(unconfigured.map((c) => c.id)).toEqual([SSH_UNCONFIGURED_ID, SUDO_UNCONFIGURED_ID, API_VIA_SSH_ID, API_WRITE_KEY_ID, 'database']);
    expect(unconfigured.find((c) => c.id === 'database')!.howToConfigure).toBe(HOW_TO_CONFIGURE.database);
    expect(unconfigured.every((c) => c.timeoutMs === null && c.target === null)).toBe(true);
  });

  it('starts not configured checks as not configured, keeps them through a reset, and counts only what could run', () => {
    const fresh = newReport('ana', demoPlan, T0);
    expect(fresh.checks.find((c) => c.id === 'database')).toMatchObject({ state: 'not_configured', message: HOW_TO_CONFIGURE.database });
    const events: CheckEvent[] = runnable.flatMap((c, i) => [
      { type: 'started' as const, id: c.id, at: T0 + i },
      { type: 'finished' as const, id: c.id, at: T0 + 100 + i, durationMs: 50, outcome: passed('ok') },
    ]);
    const done = events.reduce(applyCheckEvent, fresh);
    expect(done.finishedAt).toBe(T0 + 101);
    const summary = summarise(done, TZ);
    expect(summary).toMatchObject({ failed: 0, notConfigured: 5, runnable: 2, runnablePassed: 2, total: 3 });
    expect(summary.text).toBe('Checked 08:00: 2 of 2 runnable checks passed; 5 not configured; 0 of 1 items confirmed');
    expect(summary.text).not.toContain('verified');
    const reset = applyCheckEvent(done, { type: 'reset', ids: demoPlan.map((c) => c.id), at: T0 + 1000 });
    expect(reset.checks.find((c) => c.id === SSH_UNCONFIGURED_ID)!.state).toBe('not_configured');

    const oneFailed = applyCheckEvent(done, { type: 'finished', id: LOCAL_SHELL_ID, at: T0 + 200, durationMs: 50, outcome: failed('no shell', 'set SHELL', 'ENOENT') });
    expect(summarise(oneFailed, TZ).text).toBe('Access check 08:00: 1 failed, 1/3 ok; 5 not configured');
  });

  it('exports the not configured checks with how to configure them', () => {
    const text = reportToMarkdown(newReport('ana', demoPlan, T0), TZ);
    expect(text).toContain('5 not configured');
    expect(text).toMatch(/\| Database \|  \| not configured \|  \| The demo watches no database/);
  });
});
