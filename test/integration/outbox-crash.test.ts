/**
 * The outbox across a crash, against the Slack fake over real HTTP: a
 * cockpit with 50 messages queued is SIGKILLed while a post is in flight
 * (the fake has taken it and not answered yet), started again on the same
 * audit log, and must deliver every message exactly once, in order.
 *
 * The worker runs as `node --import tsx`, one process, so SIGKILL reaches it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/services/audit-log.js';
import { ROOT } from '../harness/process.js';
import { startSlackFake, type SlackFake } from '../fakes/slack.js';

const WORKER = resolve(ROOT, 'test/integration/fixtures/outbox-worker.ts');
const MESSAGES = 50;
/** Kill when the fake holds this post, mid-queue. */
const KILL_AT_POST = 20;

let dir: string;
let slack: SlackFake;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-crash-'));
  slack = await startSlackFake({ token: 'xoxb-crash-test', channels: ['C-INCIDENTS', 'C-OPS'] });
});
afterAll(async () => {
  for (const p of running) p.kill('SIGKILL');
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

function worker(n: number): { proc: ChildProcess; out: () => string; exited: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', WORKER, join(dir, 'audit.log'), slack.url, String(n)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(proc);
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((r) => proc.once('close', () => {
    running.delete(proc);
    r();
  }));
  return { proc, out: () => out, exited };
}

const posts = () => slack.received.filter((r) => r.path === '/chat.postMessage').length;

async function until(what: () => boolean, label: string, out: () => string, ms = 20_000) {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}:\n${out()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('outbox crash', () => {
  it(`delivers ${MESSAGES} queued messages exactly once and in order after a SIGKILL mid-send`, async () => {
    slack.holdMs = 40; // each post is in flight long enough for the kill to land inside one
    const first = worker(MESSAGES);
    await until(() => posts() >= KILL_AT_POST, `post ${KILL_AT_POST}`, first.out);
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(first.out()).toContain(`queued ${MESSAGES}`);
    const beforeRestart = slack.messages.length;
    expect(beforeRestart).toBeLessThan(MESSAGES);

    slack.holdMs = 0;
    const second = worker(0);
    await until(() => second.out().includes('drained'), 'the restarted worker to drain', second.out);
    await second.exited;

    const audit = await openAuditLog(join(dir, 'audit.log'));
    const queuedIds = (await audit.read({ type: 'outbox.queued' })).map((r) => (r.data as { message: { id: string } }).message.id);
    const recovered = (await audit.read({ type: 'outbox.sent' })).filter((r) => (r.data as { recovered?: boolean }).recovered);
    await audit.close();
    expect(queuedIds).toHaveLength(MESSAGES);
    expect(slack.outboxIds()).toEqual(queuedIds);
    // The post the kill caught in flight had arrived: found by its metadata, not posted again.
    expect(recovered.length).toBeGreaterThanOrEqual(1);
    // One thread: the first post opened it, every later one replied in it.
    const [head, ...replies] = slack.messages;
    expect(head!.thread_ts).toBeUndefined();
    expect(replies.every((m) => m.thread_ts === head!.ts)).toBe(true);
  });
});
