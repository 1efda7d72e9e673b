/**
 * Flow control over SSH, end to end: a flood from a shell on a real sshd
 * reaches a slow consumer whole and in order while the window holds; Ctrl-C
 * stops `yes`; multi-byte characters survive the channel's packet cuts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIGH_WATERMARK_CHARS } from '../../src/core/terminal/flow-control.js';
import { systemClock } from '../../src/services/clock.js';
import { openSshShell } from '../../src/services/ssh/ssh-shell.js';
import { OUTPUT_BATCH_MAX_CHARS } from '../../src/services/terminal/flow-session.js';
import { cockpitSsh, collectOutput, makeDir, makeUserKeys, removeDir, startAgent, startSshd, TEST_USER, type TestAgent, type TestSshd } from '../harness/sshd.js';

let dir: string;
let sshd: TestSshd;
let agent: TestAgent;

beforeAll(async () => {
  dir = makeDir('ssh-flow');
  const keys = await makeUserKeys(dir);
  sshd = await startSshd({ dir, authorizedKeys: keys.authorizedKeys });
  agent = await startAgent(dir, [keys.plain]);
});

afterAll(async () => {
  await sshd?.stop();
  await agent?.stop();
  removeDir(dir);
});

async function shell() {
  const stack = cockpitSsh({ dir, name: 'flow' });
  const profile = stack.profile({ id: 'p', name: 'flood', host: sshd.host, port: sshd.port, user: TEST_USER, auth: { method: 'agent', agentSocket: agent.socket } });
  return openSshShell(stack.connector, profile, { cols: 120, rows: 40, clock: systemClock });
}

describe('SSH terminal flow control', () => {
  it('delivers a flood whole and in order to a slow consumer, within the window', async () => {
    const session = await shell();
    const out = collectOutput(session, 20);
    const lines = 800_000;
    const started = Date.now();
    session.write(`seq 1 ${lines}; echo "flood-done-$((6*7))"\n`);
    await out.waitFor('flood-done-42\r\n', 60_000);
    const elapsed = Date.now() - started;
    // Bash ends its prompt line with "\r" (after turning bracketed paste off), then seq's lines follow.
    let expected = '\r';
    for (let i = 1; i <= lines; i++) expected += `${i}\r\n`;
    const text = out.text();
    expect(text.includes(expected)).toBe(true);
    expect(out.maxInFlight()).toBeLessThanOrEqual(HIGH_WATERMARK_CHARS + OUTPUT_BATCH_MAX_CHARS);
    console.log(`ssh flood: ${expected.length} chars in ${elapsed} ms, max in flight ${out.maxInFlight()} chars`);
    session.kill();
    await new Promise((done) => session.onExit(done));
  }, 90_000);

  it('stops `yes` promptly on Ctrl-C', async () => {
    const session = await shell();
    const out = collectOutput(session, 1);
    session.write('yes\n');
    await out.waitFor(/(y\r\n){5000}/);
    const pressed = Date.now();
    session.write('\x03');
    session.write('echo "stopped=$((6*7))"\n');
    await out.waitFor('stopped=42', 10_000);
    const stopMs = Date.now() - pressed;
    console.log(`ssh Ctrl-C to prompt during a flood: ${stopMs} ms`);
    expect(stopMs).toBeLessThan(3_000);
    session.kill();
    await new Promise((done) => session.onExit(done));
  }, 30_000);

  it('keeps multi-byte characters whole across SSH packets', async () => {
    const session = await shell();
    const out = collectOutput(session);
    const unit = 'é€😀日';
    const count = 20_000;
    session.write(`export LANG=C.UTF-8; i=0; while [ $i -lt ${count} ]; do printf '${unit}'; i=$((i+1)); done; echo; echo "utf8-done-$((2*3))"\n`);
    await out.waitFor('utf8-done-6\r\n', 30_000);
    expect(out.text()).not.toContain('\uFFFD');
    expect(out.text()).toContain(unit.repeat(count));
    session.kill();
    await new Promise((done) => session.onExit(done));
  }, 40_000);
});
