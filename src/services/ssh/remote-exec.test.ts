import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../../test/support/hft-fakes.js';
import { sshCommandRunner } from '../killswitch/ssh-runner.js';
import type { SshLease } from './connector.js';
import { SshTimeoutError } from './errors.js';
import { HostProfile } from './profile.js';
import { execOnHost } from './remote-exec.js';

const profile = HostProfile.parse({ id: 'p1', name: 'hft-prod-01', host: 'hft-prod-01.example', user: 'ops', role: 'prod' });

/** A connector whose connection arrives only when the test says so, on fake time. */
function slowConnector(time: FakeTime) {
  let arrive: (lease: SshLease) => void = () => {};
  const released: string[] = [];
  const connector = {
    timers: time,
    acquire: () => new Promise<SshLease>((resolve) => (arrive = resolve)),
  };
  const lease = (): SshLease => ({ client: {} as SshLease['client'], closed: new Promise(() => {}), release: () => released.push('released') });
  return { connector, arrive: () => arrive(lease()), released };
}

describe('deadlines on the connector timers', () => {
  it('execOnHost gives up at its deadline and lets a late connection go', async () => {
    const time = new FakeTime();
    const { connector, arrive, released } = slowConnector(time);
    let error: unknown = null;
    const running = execOnHost(connector, profile, 'hostname', { timeoutMs: 3_000 }).catch((e: unknown) => (error = e));
    await time.advance(2_999);
    expect(error).toBeNull();
    await time.advance(1);
    expect(error).toBeInstanceOf(SshTimeoutError);
    expect((error as Error).message).toBe('`hostname` on hft-prod-01 did not finish within 3000 ms');
    await running;
    arrive();
    await time.advance(0);
    expect(released).toEqual(['released']);
    expect(time.timerCount).toBe(0);
  });

  it('the kill switch runner over SSH gives up at its deadline', async () => {
    const time = new FakeTime();
    const { connector } = slowConnector(time);
    const run = sshCommandRunner(connector, profile);
    let error: unknown = null;
    const running = run('curl …', { stdin: '', timeoutMs: 2_000, signal: new AbortController().signal }).catch((e: unknown) => (error = e));
    await time.advance(1_999);
    expect(error).toBeNull();
    await time.advance(1);
    expect((error as Error | null)?.message).toBe('no answer from hft-prod-01 within 2000 ms');
    await running;
    expect(time.timerCount).toBe(0);
  });
});
