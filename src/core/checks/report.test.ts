import { describe, expect, it } from 'vitest';
import { AccessReport, newReport, type CheckOutcome } from './model.js';
import { applyCheckEvent, rerunSet, type CheckEvent } from './progress.js';
import { headerSummary, summarise, PRE_SHIFT_WINDOW_MS } from './summary.js';
import { reportToMarkdown } from './markdown.js';
import { planAccessChecks, DEFAULT_MANUAL_ITEMS, sshCheckId, sudoCheckId, API_VIA_SSH_ID, API_WRITE_KEY_ID } from './plan.js';

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
    expect(summarise(done, TZ)).toMatchObject({ ok: 7, failed: 1, open: 1, total: 9, allOk: false, text: 'Access verified 08:00, 7/9 ok' });
    const ticked = applyCheckEvent(done, { type: 'manual', id: 'manual:vpn', done: true, at: T0 + 60_000 });
    expect(summarise(ticked, TZ).text).toBe('Access verified 08:00, 8/9 ok');
    expect(summarise(ticked, 'America/New_York').text).toBe('Access verified 03:00, 8/9 ok');
    expect(summarise(run(everythingOnce(T0).slice(0, 3)), TZ).text).toBe('Checking access, 1/9 done');
  });

  it('shows in the header only for the shift it was made for', () => {
    const done = run(everythingOnce(T0));
    const shift = { startsAt: T0 + 3_600_000, endsAt: T0 + 7 * 86_400_000 };
    expect(headerSummary(done, shift, TZ, T0 + 86_400_000)?.text).toBe('Access verified 08:00, 7/9 ok');
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
