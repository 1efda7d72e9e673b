import { describe, expect, it } from 'vitest';
import type { Delivery, IntegrationState } from '../../src/contract/integrations.js';
import { deliveryWords, integrationStateWords, onCallWords } from './integration-words.js';

const time = (ms: number) => `t${ms}`;
const state = (over: Partial<IntegrationState>): IntegrationState => ({
  channel: 'pagerduty', label: 'PagerDuty', configured: true, needsToken: false, queued: 0,
  failingSince: null, reason: null, lastOkAt: 5, failedForGood: 0, ...over,
});
const delivery = (over: Partial<Delivery>): Delivery => ({
  id: 'm1', channel: 'slack', summary: 'acknowledged by Ana', status: 'queued', attempts: 0,
  lastError: null, queuedAt: 10, sentAt: null, nextAt: null, ...over,
});

describe('integrationStateWords', () => {
  it('says connected with the last answer, ready before any, and not set up when off', () => {
    expect(integrationStateWords(state({}), time)).toEqual({ word: 'connected', detail: 'last answer t5', level: 'ok' });
    expect(integrationStateWords(state({ lastOkAt: null }), time).word).toBe('ready');
    expect(integrationStateWords(state({ configured: false }), time)).toMatchObject({ word: 'not set up', level: 'unknown' });
  });

  it('asks for the token when the settings are there without it', () => {
    expect(integrationStateWords(state({ configured: false, needsToken: true }), time)).toMatchObject({ word: 'token needed', level: 'warning' });
  });

  it('says failing since when, why, and what waits', () => {
    const w = integrationStateWords(state({ failingSince: 7, reason: 'PagerDuty answered 401', queued: 3 }), time);
    expect(w).toEqual({ word: 'FAILING', detail: 'since t7 · PagerDuty answered 401 · 3 queued', level: 'danger' });
  });

  it('counts what is queued, and keeps refused messages in sight', () => {
    expect(integrationStateWords(state({ queued: 2 }), time)).toMatchObject({ word: '2 queued', level: 'warning' });
    expect(integrationStateWords(state({ failedForGood: 1 }), time)).toEqual({ word: 'connected', detail: '1 message refused for good', level: 'danger' });
  });
});

describe('deliveryWords', () => {
  it('says sent and when, with the attempts it took', () => {
    expect(deliveryWords(delivery({ status: 'sent', sentAt: 20, attempts: 3 }), time)).toEqual({ status: 'sent', detail: 't20 after 3 attempts', level: 'ok' });
    expect(deliveryWords(delivery({ status: 'sent', sentAt: 20, attempts: 1 }), time).detail).toBe('t20');
  });

  it('says retrying with the next attempt and the reason once an attempt failed', () => {
    const w = deliveryWords(delivery({ attempts: 2, nextAt: 40, lastError: 'Slack answered 429' }), time);
    expect(w).toEqual({ status: 'retrying', detail: '2 attempts, next at t40: Slack answered 429', level: 'danger' });
    expect(deliveryWords(delivery({}), time)).toEqual({ status: 'queued', detail: 'since t10', level: 'warning' });
  });

  it('says failed for good with the reason, and checking after a restart mid-send', () => {
    expect(deliveryWords(delivery({ status: 'failed', attempts: 1, lastError: 'channel_not_found' }), time)).toMatchObject({ status: 'FAILED', detail: 'refused for good after 1 attempt: channel_not_found' });
    expect(deliveryWords(delivery({ status: 'uncertain', attempts: 1 }), time).status).toBe('checking');
  });
});

describe('onCallWords', () => {
  const onCall = { primary: 'Ana Duty', secondary: 'Ben Phone', handoffAt: '2026-12-04T17:00:00Z', readAt: 1_000 };
  const at = (ms: number) => `at${ms}`;
  it('names the primary, the secondary and the handoff from PagerDuty', () => {
    expect(onCallWords(onCall, undefined, 2_000, at, time)).toEqual({
      text: `Primary Ana Duty · secondary Ben Phone · handoff at${Date.parse('2026-12-04T17:00:00Z')}`,
      stale: null,
    });
    expect(onCallWords({ ...onCall, secondary: null, handoffAt: null }, undefined, 2_000, at, time).text).toBe('Primary Ana Duty · secondary nobody · no handoff time');
  });

  it('says the names are as read at a time when the read is old or PagerDuty fails', () => {
    expect(onCallWords(onCall, undefined, 1_000 + 61_000, at, time).stale).toBe('as read at t1000');
    expect(onCallWords(onCall, { failingSince: 1_500, reason: 'PagerDuty answered 401' }, 2_000, at, time).stale).toBe('as read at t1000; PagerDuty failing: PagerDuty answered 401');
  });
});
