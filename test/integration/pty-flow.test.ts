/**
 * Local shells on a real PTY: output, resize, a flood under a slow consumer
 * (no byte lost, the window respected), Ctrl-C during a flood, and multi-byte
 * characters kept whole.
 */
import { describe, expect, it } from 'vitest';
import { AckCounter, HIGH_WATERMARK_CHARS } from '../../src/core/terminal/flow-control.js';
import { OUTPUT_BATCH_MAX_CHARS } from '../../src/services/terminal/flow-session.js';
import { nodePtyFactory, openLocalShell } from '../../src/services/terminal/pty.js';
import type { TerminalSession } from '../../src/services/terminal/session.js';

/** Collects output, acknowledging as a renderer would after `renderDelayMs`, in UTF-8 bytes as the host counts. */
function consume(session: TerminalSession, renderDelayMs = 0) {
  const acks = new AckCounter();
  let text = '';
  let received = 0;
  let acked = 0;
  let maxInFlight = 0;
  const viewer = session.attachViewer((chunk) => {
    text += chunk;
    const bytes = Buffer.byteLength(chunk, 'utf8');
    received += bytes;
    maxInFlight = Math.max(maxInFlight, received - acked);
    const ack = () => {
      const due = acks.rendered(bytes);
      acked += due;
      viewer.ack(due);
    };
    if (renderDelayMs > 0) setTimeout(ack, renderDelayMs);
    else ack();
  });
  return {
    text: () => text,
    maxInFlight: () => maxInFlight,
    async waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<void> {
      const started = Date.now();
      while (!(typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text))) {
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${pattern}; got …${text.slice(-300)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

const exited = (session: TerminalSession) => new Promise((done) => session.onExit(done));

/**
 * Runs `script` on a PTY. The trailing sleep keeps the tty open until the
 * reader has drained it: on Linux, bytes still queued when the last writer
 * exits can be lost (https://github.com/microsoft/node-pty/issues/726, #85),
 * which is node-pty's limit, not what these tests measure.
 */
const sh = (script: string, extra: { cols?: number; rows?: number } = {}) =>
  openLocalShell(nodePtyFactory, { shell: '/bin/sh', args: ['-c', `${script}; sleep 0.3`], env: { PATH: process.env.PATH, LANG: 'C.UTF-8' }, ...extra });

describe('local PTY sessions', () => {
  it('runs an interactive shell, resizes it, and marks its end', async () => {
    const session = openLocalShell(nodePtyFactory, { shell: '/bin/bash', args: ['--norc', '--noprofile'], env: { PATH: process.env.PATH, HOME: '/tmp', PS1: '$ ' } });
    const out = consume(session);
    const done = exited(session);
    session.write('echo "sum=$((40+2))"\r');
    await out.waitFor('sum=42');
    session.resize(132, 43);
    session.write('stty size\r');
    await out.waitFor('43 132');
    session.write('exit 7\r');
    expect(await done).toEqual({ code: 7, signal: null });
    expect(out.text()).toContain('[session ended — exit code 7]');
  });

  it('delivers a 10 MB flood whole and in order to a slow consumer, within the window', async () => {
    const lines = 1_300_000; // seq 1..1,300,000: 9.0 MB of digits and newlines
    const session = sh(`seq 1 ${lines}`);
    const out = consume(session, 20);
    const started = Date.now();
    await exited(session);
    const elapsed = Date.now() - started;
    let expected = '';
    for (let i = 1; i <= lines; i++) expected += `${i}\r\n`; // the tty turns \n into \r\n
    const body = out.text().slice(0, out.text().indexOf('\r\n\x1b[2m[session ended'));
    expect(body.length).toBe(expected.length);
    expect(body === expected).toBe(true);
    // A pause lands after the read that crossed the watermark, so allow one batch beyond it.
    expect(out.maxInFlight()).toBeLessThanOrEqual(HIGH_WATERMARK_CHARS + OUTPUT_BATCH_MAX_CHARS);
    console.log(`pty flood: ${expected.length} chars in ${elapsed} ms, max in flight ${out.maxInFlight()} bytes`);
  }, 60_000);

  it('stops `yes` at once on Ctrl-C while flow control holds it back', async () => {
    const session = openLocalShell(nodePtyFactory, { shell: '/bin/bash', args: ['--norc', '--noprofile'], env: { PATH: process.env.PATH, HOME: '/tmp', PS1: '$ ' } });
    const out = consume(session, 1);
    session.write('yes\r');
    await out.waitFor(/(y\r\n){2000}/);
    const pressed = Date.now();
    session.write('\x03');
    session.write('echo "stopped=$((6*7))"\r');
    await out.waitFor('stopped=42', 5_000);
    const stopMs = Date.now() - pressed;
    expect(stopMs).toBeLessThan(2_000);
    console.log(`Ctrl-C to prompt during a flood: ${stopMs} ms`);
    session.kill();
    await exited(session);
  });

  it('keeps multi-byte characters whole across reads', async () => {
    const unit = 'é€😀日';
    const count = 30_000;
    const session = sh(`i=0; while [ $i -lt ${count} ]; do printf '${unit}'; i=$((i+1)); done`);
    const out = consume(session);
    await exited(session);
    const body = out.text().slice(0, out.text().indexOf('\r\n\x1b[2m[session ended'));
    expect(body).not.toContain('\uFFFD');
    expect(body).toBe(unit.repeat(count));
  }, 30_000);
});
