/**
 * The killswitch's SSH path end to end: the API cannot be reached directly,
 * the prod host's session can, so the press goes as a curl on the host
 * through a real OpenSSH sshd on loopback, with the write key handed to
 * curl on its standard input. The host's "localhost:8080" is the
 * simulator's loopback URL here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Status } from '../../src/contract/hft.js';
import { deskContactOf } from '../../src/core/killswitch/verify.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { systemClock } from '../../src/services/clock.js';
import { createHftClient } from '../../src/services/hft/client.js';
import { FakeTime } from '../support/hft-fakes.js';
import { MemoryAudit } from '../support/killswitch-fakes.js';
import { fireKillswitch } from '../../src/services/killswitch/fire.js';
import { createSshApi, type HostCommandRunner } from '../../src/services/killswitch/ssh-api.js';
import { sshCommandRunner } from '../../src/services/killswitch/ssh-runner.js';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index.js';
import { cockpitSsh, makeDir, makeUserKeys, removeDir, startAgent, startSshd, TEST_USER, type TestAgent, type TestSshd } from '../harness/sshd.js';

const API_KEY = 'ssh-path-key-91c2';
let dir: string;
let sshd: TestSshd;
let agent: TestAgent;
let sim: SimulatorHandle;

beforeAll(async () => {
  dir = makeDir('killswitch-ssh');
  const keys = await makeUserKeys(dir);
  sshd = await startSshd({ dir, authorizedKeys: keys.authorizedKeys });
  agent = await startAgent(dir, [keys.plain]);
  sim = await startSimulator({ port: 0, seed: 3, apiKey: API_KEY });
});

afterAll(async () => {
  await sim?.close();
  await sshd?.stop();
  await agent?.stop();
  removeDir(dir);
});

function hostStack() {
  const stack = cockpitSsh({ dir, name: 'kill' });
  const profile = stack.profile({ id: 'prod', name: 'hft-prod-01', host: sshd.host, port: sshd.port, user: TEST_USER, role: 'prod', auth: { method: 'agent', agentSocket: agent.socket } });
  return { stack, run: sshCommandRunner(stack.connector, profile) };
}

describe('the killswitch through the SSH session', () => {
  it('halts and proves the halt through the host when the API is unreachable directly', async () => {
    const { stack, run } = hostStack();
    const commands: string[] = [];
    const recorded: HostCommandRunner = (command, options) => {
      commands.push(command);
      return run(command, options);
    };
    try {
      const audit = new MemoryAudit(new FakeTime());
      const outcome = await fireKillswitch({
        client: createHftClient({ baseUrl: 'http://127.0.0.1:9', apiKey: API_KEY }),
        sshFallback: createSshApi({ run: recorded, apiKey: API_KEY, hostApiBase: sim.url }),
        audit,
        clock: systemClock,
        reason: "desk's call: kill it",
        idempotencyKey: crypto.randomUUID(),
        desk: deskContactOf(DEFAULT_PLAYBOOK),
      });
      expect(outcome).toMatchObject({ verified: true, path: 'ssh' });
      // The direct path repeats on its own refusals while the first command over SSH is out.
      expect(outcome.attempts).toBeGreaterThanOrEqual(2);
      expect(outcome.strategiesStopped).toBeGreaterThan(10);
      const status = Status.parse(await (await fetch(`${sim.url}/api/v1/status`)).json());
      expect(status.killswitch).toMatchObject({ active: true, reason: "desk's call: kill it" });
      for (const command of commands) expect(command).not.toContain(API_KEY);
      expect(audit.entries.map((e) => e.type)).toEqual(['killswitch.intent', 'killswitch.outcome']);
    } finally {
      stack.connector.closeAll();
    }
  });

  it('gives up on a command the host does not finish in time', async () => {
    const { stack, run } = hostStack();
    try {
      const started = performance.now();
      await expect(run('sleep 5', { stdin: '', timeoutMs: 800, signal: new AbortController().signal })).rejects.toThrow(/within 800 ms/);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(await run('cat', { stdin: 'read back', timeoutMs: 5_000, signal: new AbortController().signal })).toEqual({ code: 0, stdout: 'read back', stderr: '' });
    } finally {
      stack.connector.closeAll();
    }
  });
});
