import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage, OutgoingMessage } from '../../core/outbox/model.js';
import { openAuditLog, type AuditLog } from '../audit-log.js';
import { FakeTime } from '../../../test/support/hft-fakes.js';
import { openOutbox, type ChannelTransport, type Outbox, type SendOutcome } from './outbox.js';

/** A far side that keeps what it took, answers as scripted, and can be switched off. */
class FarSide implements ChannelTransport {
  received: string[] = [];
  online = true;
  ready = true;
  answers: SendOutcome[] = [];
  lookups = 0;
  configured() {
    return this.ready;
  }
  async send(m: OutboxMessage): Promise<SendOutcome> {
    if (!this.online) return { ok: false, retry: true, reason: 'connection refused' };
    const scripted = this.answers.shift();
    if (scripted && !scripted.ok) return scripted;
    this.received.push(m.id);
    return { ok: true, refs: { [`far:${m.key}`]: `R-${this.received.length}` } };
  }
}

class LookingFarSide extends FarSide {
  async findDelivered(m: OutboxMessage) {
    this.lookups++;
    if (!this.online) return { unknown: 'offline' };
    return this.received.includes(m.id) ? { found: true as const } : { found: false as const };
  }
}

const msg = (n: number, extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  channel: 'slack', kind: 'slack.post', key: `k${n}`, incidentId: 'INC-1', summary: `message ${n}`, payload: { n }, ...extra,
});

let dir = '';
const opened: { audit: AuditLog; outbox: Outbox }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.outbox.close();
    await o.audit.close().catch(() => undefined);
  }
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-'));
});

async function open(time: FakeTime, far: ChannelTransport, path = join(dir, 'audit.log')) {
  const audit = await openAuditLog(path, { clock: time });
  const outbox = await openOutbox({ audit, clock: time, timers: time, transports: { slack: far }, random: () => 0.5, log: () => {} });
  opened.push({ audit, outbox });
  return { audit, outbox };
}

describe('outbox', () => {
  it('records a message in the audit log before the far side sees it, and records the confirmation', async () => {
    const time = new FakeTime();
    const seenAtSend: string[][] = [];
    const far = new FarSide();
    const { audit, outbox } = await open(time, {
      configured: () => true,
      send: async (m) => {
        seenAtSend.push((await audit.read()).map((r) => r.type));
        return far.send(m);
      },
    });
    const [m] = await outbox.enqueue([msg(1)]);
    await outbox.idle();
    expect(seenAtSend[0]).toEqual(['outbox.queued', 'outbox.sending']);
    const types = (await audit.read()).map((r) => r.type);
    expect(types).toEqual(['outbox.queued', 'outbox.sending', 'outbox.sent']);
    expect(outbox.deliveries('INC-1')).toMatchObject([{ id: m!.id, status: 'sent', attempts: 1 }]);
    expect(outbox.ref('far:k1')).toBe('R-1');
  });

  it('drops a message whose key it already holds, across a restart', async () => {
    const time = new FakeTime();
    const far = new FarSide();
    const first = await open(time, far);
    await first.outbox.enqueue([msg(1), msg(1)]);
    await first.outbox.idle();
    await first.outbox.close();
    await first.audit.close();
    const second = await open(time, far);
    expect(await second.outbox.enqueue([msg(1)])).toEqual([]);
    await second.outbox.idle();
    expect(far.received).toHaveLength(1);
  });

  it('queues everything while offline and delivers in order once back, backing off meanwhile', async () => {
    const time = new FakeTime();
    const far = new FarSide();
    far.online = false;
    const { outbox } = await open(time, far);
    const sent = await outbox.enqueue(Array.from({ length: 20 }, (_, i) => msg(i)));
    let attempts = 0;
    const attemptsFor = () => outbox.deliveries('INC-1')[0]!.attempts;
    // Five minutes offline: only the head is tried, with growing waits, never more than a minute apart.
    // Each attempt writes to the audit log for real: let it land before time moves on.
    for (let s = 0; s < 300; s++) {
      await time.advance(1_000);
      await outbox.idle();
    }
    attempts = attemptsFor();
    expect(attempts).toBeGreaterThan(4);
    expect(attempts).toBeLessThan(15);
    const status = outbox.status().find((c) => c.channel === 'slack')!;
    expect(status).toMatchObject({ queued: 20, reason: 'connection refused' });
    expect(status.failingSince).toBeLessThanOrEqual(time.now() - 299_000);
    expect(outbox.deliveries('INC-1').slice(1).every((m) => m.attempts === 0)).toBe(true);

    far.online = true;
    for (let s = 0; s < 60 && far.received.length < 20; s++) {
      await time.advance(1_000);
      await outbox.idle();
    }
    expect(far.received).toEqual(sent.map((m) => m.id));
    expect(outbox.status().find((c) => c.channel === 'slack')).toMatchObject({ queued: 0, failingSince: null, reason: null });
  });

  it('waits as long as a 429 Retry-After says before the next attempt', async () => {
    const time = new FakeTime();
    const far = new FarSide();
    far.answers = [{ ok: false, retry: true, reason: 'rate limited (429)', retryAfterMs: 30_000 }];
    const { outbox } = await open(time, far);
    await outbox.enqueue([msg(1)]);
    await outbox.idle();
    await time.advance(29_999);
    await outbox.idle();
    expect(far.received).toHaveLength(0);
    await time.advance(1);
    await outbox.idle();
    expect(far.received).toHaveLength(1);
  });

  it('marks a message the far side refuses for good as failed with why, and moves on', async () => {
    const time = new FakeTime();
    const far = new FarSide();
    far.answers = [{ ok: false, retry: false, reason: '400: channel_not_found' }];
    const { outbox } = await open(time, far);
    await outbox.enqueue([msg(1), msg(2)]);
    await outbox.idle();
    expect(outbox.deliveries('INC-1').map((m) => [m.status, m.lastError])).toEqual([
      ['failed', '400: channel_not_found'],
      ['sent', null],
    ]);
  });

  it('holds messages of a channel that is not set up, and sends them once it is', async () => {
    const time = new FakeTime();
    const far = new FarSide();
    far.ready = false;
    const { outbox } = await open(time, far);
    await outbox.enqueue([msg(1)]);
    await time.advance(120_000);
    expect(far.received).toHaveLength(0);
    expect(outbox.status().find((c) => c.channel === 'slack')).toMatchObject({ configured: false, queued: 1 });
    far.ready = true;
    outbox.kick('slack');
    await outbox.idle();
    expect(far.received).toHaveLength(1);
  });

  /** A first run that dies with its first message in flight (`arrived`: whether the far side got it), then a second run on the same log. */
  async function crashMidSend(far: LookingFarSide, messages: OutgoingMessage[], arrived: boolean) {
    const time = new FakeTime();
    const path = join(dir, 'audit.log');
    let reached = () => {};
    const inFlight = new Promise<void>((r) => (reached = r));
    const first = await open(time, {
      configured: () => true,
      send: (m) => {
        if (arrived) far.received.push(m.id);
        reached();
        return new Promise<SendOutcome>(() => {}); // never answers: the process dies here
      },
    }, path);
    await first.outbox.enqueue(messages);
    await inFlight;
    opened.splice(0); // a crash: nothing is closed
    const second = await open(time, far, path);
    await second.outbox.idle();
    await first.audit.close();
    return second;
  }

  it('after a crash mid-send asks the far side before sending again, and does not send what arrived', async () => {
    const far = new LookingFarSide();
    const second = await crashMidSend(far, [msg(1), msg(2)], true);
    expect(far.lookups).toBe(1);
    expect(far.received.length).toBe(2);
    expect(new Set(far.received).size).toBe(2);
    expect(second.outbox.deliveries('INC-1').map((m) => m.status)).toEqual(['sent', 'sent']);
  });

  it('sends again after a crash when the far side says the message never arrived', async () => {
    const far = new LookingFarSide();
    await crashMidSend(far, [msg(1)], false);
    expect(far.lookups).toBe(1);
    expect(far.received).toHaveLength(1);
  });
});
