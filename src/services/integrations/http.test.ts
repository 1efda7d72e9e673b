import { describe, expect, it } from 'vitest';
import { outcomeOf, retryAfterMs, type HttpResult } from './http.js';

const answer = (status: number, headers: Record<string, string> = {}): HttpResult => ({
  ok: true,
  answer: { status, header: (n) => headers[n.toLowerCase()] ?? null, json: null, text: '' },
});
const NOW = Date.UTC(2026, 11, 2, 3, 0, 0);

describe('integration HTTP answers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('30', NOW)).toBe(30_000);
    expect(retryAfterMs(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(retryAfterMs(null, NOW)).toBeNull();
  });

  it('waits out a 429, keeps a refused token retrying, retries 5xx, gives up on other 4xx', () => {
    expect(outcomeOf(answer(202), 'PagerDuty', NOW)).toEqual({ ok: true });
    expect(outcomeOf(answer(429, { 'retry-after': '12' }), 'PagerDuty', NOW)).toMatchObject({ retry: true, retryAfterMs: 12_000 });
    expect(outcomeOf(answer(401), 'PagerDuty', NOW)).toMatchObject({ retry: true, reason: expect.stringContaining('refused the token (401)') });
    expect(outcomeOf(answer(503), 'PagerDuty', NOW)).toMatchObject({ retry: true, reason: 'PagerDuty answered 503' });
    expect(outcomeOf(answer(400), 'PagerDuty', NOW, () => 'Invalid Input Provided')).toEqual({
      ok: false, retry: false, reason: 'PagerDuty refused the request (400): Invalid Input Provided',
    });
    expect(outcomeOf({ ok: false, reason: 'cannot reach x (ECONNREFUSED)' }, 'Slack', NOW)).toMatchObject({ retry: true });
  });
});
