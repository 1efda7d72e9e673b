/**
 * The pre-shift check's SSH part through the contract: a production host
 * profile saved with `ssh.profiles.save`, a real sshd on loopback reached
 * with an ssh-agent, the unknown host key put to the engineer as a
 * `prompts.ask` (the same question the terminals ask) and accepted with
 * `prompts.answer`. The container has no systemd, so the sudo check gets
 * through sudo and is told apart as "systemd is not running", not as a
 * password problem.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessReport, ChecksPlan, PromptAsk, Result } from '../../src/contract/index.js';
import { createBackend, type Backend } from '../../src/host/backend.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';
import { makeDir, makeUserKeys, removeDir, startAgent, startSshd, TEST_USER, type TestAgent, type TestSshd } from '../harness/sshd.js';

let dir: string;
let sshd: TestSshd;
let agent: TestAgent;
let backend: Backend;
let selfName: string;
const reports: AccessReport[] = [];
const asked: PromptAsk[] = [];

beforeAll(async () => {
  selfName = (await promisify(execFile)('hostname')).stdout.trim();
  dir = makeDir('host-checks-ssh');
  const keys = await makeUserKeys(dir);
  sshd = await startSshd({ dir, authorizedKeys: keys.authorizedKeys });
  agent = await startAgent(dir, [keys.plain]);
  const home = join(dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  backend = await createBackend({
    dataDir: join(dir, 'data'),
    hostKind: 'browser',
    settings: createMemorySettingsStore({ timeZone: 'UTC', operatorName: 'ana', checksDatabase: null }),
    terminal: { home },
    checks: { env: {}, home },
  });
  backend.subscribe((name, payload) => {
    if (name === 'checks.progress') reports.push(payload as AccessReport);
    if (name === 'prompts.ask') {
      const ask = payload as PromptAsk;
      asked.push(ask);
      void backend.handle('prompts.answer', { promptId: ask.promptId, answer: ask.question.kind === 'host_key_unknown' });
    }
  });
}, 60_000);

afterAll(async () => {
  await backend?.close();
  await sshd?.stop();
  await agent?.stop();
  if (dir) removeDir(dir);
});

const value = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

async function settled(after: number, timeoutMs = 30_000): Promise<AccessReport> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const done = reports.slice(after).find((r) => r.finishedAt !== null);
    if (done) return done;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the run did not settle within ${timeoutMs} ms`);
}

describe('SSH checks through the backend', () => {
  it('checks every production profile, and only those', async () => {
    const base = { host: sshd.host, port: sshd.port, user: TEST_USER, auth: { method: 'agent', agentSocket: agent.socket } } as const;
    value(await backend.handle('ssh.profiles.save', { ...base, id: 'prod1', name: selfName, role: 'prod' }));
    value(await backend.handle('ssh.profiles.save', { ...base, id: 'dev', name: 'dev-box', role: 'other' }));
    const plan = value<ChecksPlan>(await backend.handle('checks.plan', {}));
    // The profile's host is an address, so `hostname` is compared with its name.
    expect(plan.hosts).toEqual([{ id: 'prod1', name: selfName, expectedHostname: selfName }]);
    expect(plan.checks.map((c) => c.id).slice(0, 3)).toEqual(['ssh:prod1', 'sudo:prod1', 'api:health']);
    expect(plan.database).toBeNull();
  });

  it('connects after the host key question, matches the hostname, and classifies the sudo answer', async () => {
    const before = reports.length;
    value(await backend.handle('checks.run', {}));
    const report = await settled(before);
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(asked.map((a) => a.question.kind)).toEqual(['host_key_unknown']);
    expect(byId['ssh:prod1']).toMatchObject({ state: 'passed', message: `Connected to ${selfName}` });
    expect(byId['sudo:prod1']).toMatchObject({ state: 'failed', message: `${selfName}: systemd is not running on this host` });
    expect(byId['sudo:prod1']!.rawError).toMatch(/System has not been booted with systemd/);
    expect(byId['api:health']!.state).toBe('passed');
    expect(byId.database).toBeUndefined();

    // The key is pinned now: a re-run of the SSH check asks nothing and re-runs sudo after it.
    const again = reports.length;
    const reset = value<AccessReport>(await backend.handle('checks.run', { ids: ['ssh:prod1'] }));
    const open = reset.checks.filter((c) => c.kind !== 'manual' && (c.state === 'pending' || c.state === 'running'));
    expect(open.map((c) => c.id)).toEqual(['ssh:prod1', 'sudo:prod1']);
    expect(reset.checks.find((c) => c.id === 'api:health')!.state).toBe('passed');
    const rerun = await settled(again);
    expect(rerun.checks.find((c) => c.id === 'ssh:prod1')!.state).toBe('passed');
    expect(rerun.checks.find((c) => c.id === 'sudo:prod1')!.state).toBe('failed');
    expect(asked).toHaveLength(1);
  });
});
