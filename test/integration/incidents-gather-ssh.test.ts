/**
 * "Gather logs and metrics" against a real OpenSSH sshd on loopback: the
 * host handler runs the runbooks' read-only commands over the SSH service
 * and the incident's timeline gets their output; a runaway output and a
 * command that never ends stay within the bounds.
 *
 * This machine is not a trading host: the error log, systemd and the
 * latency script are absent, so those commands answer with their real
 * failure (which is what the timeline must then say); `df -h` answers for
 * real. Nothing is installed on the machine for the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATHER_LIMITS, gatheredText, type GatherLimits } from '../../src/core/incidents/gather.js';
import type { HostProfile } from '../../src/contract/terminal.js';
import { sshForChecks } from '../../src/host/checks/ssh-for-checks.js';
import { CallFailure } from '../../src/host/dispatch.js';
import { gatherHandler } from '../../src/host/incident-gather.js';
import { systemClock } from '../../src/services/clock.js';
import { gatherOnHost } from '../../src/services/incidents/gather.js';
import { IncidentsHarness, type Desk } from '../support/incidents-harness.js';
import { cockpitSsh, makeDir, makeUserKeys, removeDir, startAgent, startSshd, TEST_USER, type TestAgent, type TestSshd } from '../harness/sshd.js';

let dir: string;
let sshd: TestSshd;
let agent: TestAgent;
let harness: IncidentsHarness;
let desk: Desk;

beforeAll(async () => {
  dir = makeDir('gather-ssh');
  const keys = await makeUserKeys(dir);
  sshd = await startSshd({ dir, authorizedKeys: keys.authorizedKeys });
  agent = await startAgent(dir, [keys.plain]);
  harness = new IncidentsHarness();
  desk = await harness.start();
});

afterAll(async () => {
  await sshd?.stop();
  await agent?.stop();
  harness?.cleanup();
  removeDir(dir);
});

function host(role: HostProfile['role']) {
  const stack = cockpitSsh({ dir, name: `gather-${role}` });
  const profile: HostProfile = {
    id: `h-${role}`, name: `hft-${role}-01`, host: sshd.host, port: sshd.port, user: TEST_USER, role,
    auth: { method: 'agent', agentSocket: agent.socket }, jumpVia: null, agentForward: false, apiViaSsh: false,
  };
  stack.profile(profile);
  const handler = gatherHandler({
    incidents: desk.service,
    profiles: { get: async (id) => (id === profile.id ? profile : undefined) },
    ssh: sshForChecks(stack.connector),
    clock: systemClock,
  })['incidents.gather'];
  return { ...stack, profile, gather: async (incidentId: string) => handler({ incidentId, profileId: profile.id }) };
}

describe('gather logs and metrics over SSH', () => {
  it("runs the read-only commands on a prod host and attaches what each answered to the incident's timeline", async () => {
    const incident = await desk.service.open({ title: 'Latency on binance', severity: 'SEV2' });
    const prod = host('prod');
    const updated = await prod.gather(incident.id);
    const entry = updated.timeline.at(-1)!;
    expect(entry).toMatchObject({ kind: 'gathered', by: 'ana' });
    expect(entry.text).toMatch(/^Gathered on hft-prod-01:/);
    // Real answers of this machine, each under its command.
    expect(entry.text).toMatch(/\$ tail -n 100 \/var\/log\/hft_system\/errors\.log {2}\(exit 1, [\d.]+ s\)\nstderr:\ntail: cannot open/);
    expect(entry.text).toMatch(/\$ df -h {2}\(exit 0, [\d.]+ s\)\nFilesystem/);
    expect(entry.text).toMatch(/\$ systemctl status hft_system --no-pager {2}\(exit \d+/);
    expect(entry.text).toMatch(/\$ \.\/scripts\/latency_report\.sh {2}\(exit 127/);
    expect(entry.text.length).toBeLessThanOrEqual(GATHER_LIMITS.totalChars);
    // Evidence, not an update: the stakeholder cadence does not move.
    expect(updated.lastStatusUpdateAt).toBeNull();
    // Recorded like every change: in the audit log, under the engineer's name.
    expect(await desk.audit.read({ type: 'incident.gathered' })).toEqual([expect.objectContaining({ incidentId: incident.id, actor: 'ana' })]);
    expect(prod.connector.openConnections()).toEqual([]);
  });

  it('refuses a host that is not a trading host, and a resolved incident, before running anything', async () => {
    const incident = await desk.service.open({ title: 'Disk', severity: 'SEV3' });
    const other = host('other');
    const refused = await other.gather(incident.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CallFailure);
    expect(refused).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/not a trading host/) });
    await desk.service.act({ incidentId: incident.id, action: { type: 'resolve', note: 'Freed space.', finalUpdate: { text: '12:00 UTC: disk freed; nothing affected. Final update.' } } });
    const standby = host('standby');
    const late = await standby.gather(incident.id).catch((e: unknown) => e);
    expect(late).toMatchObject({ code: 'conflict', message: expect.stringMatching(/is resolved/) });
    // Neither reached the host: its unknown key was never asked about.
    expect(other.asked).toEqual([]);
    expect(standby.asked).toEqual([]);
  });

  it('keeps a runaway output to its tail and stops a command that never ends, skipping the rest once the time is spent', async () => {
    const prod = host('prod');
    const limits: GatherLimits = { perCommandMs: 5_000, totalMs: 2_500, perCommandChars: 2_000, totalChars: 6_000 };
    const commands = [
      { id: 'flood', label: 'flood', command: 'seq 1 200000' },
      { id: 'hang', label: 'hang', command: 'sleep 30' },
      { id: 'after', label: 'after', command: 'echo never' },
    ];
    const started = performance.now();
    const results = await gatherOnHost(sshForChecks(prod.connector), prod.profile, systemClock, commands, limits);
    const took = performance.now() - started;
    expect(results.map((r) => r.outcome)).toEqual(['ran', 'failed', 'skipped']);
    expect(results[1]).toMatchObject({ error: expect.stringMatching(/did not finish within \d+ ms/) });
    // The hang got what was left of the total, not its own 5 s: the run ends at the total.
    expect(took).toBeLessThan(limits.totalMs + 1_000);
    const text = gatheredText(prod.profile.name, results, limits);
    expect(text.length).toBeLessThanOrEqual(limits.totalChars);
    expect(text).toContain('200000');
    expect(text).toContain('earlier characters left off');
    expect(text).toContain('(not run: the 2.5 s for gathering were spent)');
  });
});
