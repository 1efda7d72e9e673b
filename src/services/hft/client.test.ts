import { describe, expect, it } from 'vitest';
import { createHftClient, WALK_PAUSE, type FetchFunction } from './client.js';
import { Positions } from '../../contract/hft.js';
import { sampleAnswer } from '../../../test/support/hft-fakes.js';

const TS = '2026-11-24T18:00:00.000Z';
const risk = sampleAnswer('risk', TS);
const position = sampleAnswer('positions', TS).positions[0]!;

interface Seen { url: string; init: RequestInit }
function fakeFetch(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch: FetchFunction = async (url, init) => {
    seen.push({ url, init });
    return answer(url, init);
  };
  return { fetch, seen };
}
const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
const signal = () => new AbortController().signal;
const headersOf = (s: Seen) => new Headers(s.init.headers);

describe('HftClient reads', () => {
  it('returns validated data from the endpoint path', async () => {
    const { fetch, seen } = fakeFetch(() => json(risk));
    const client = createHftClient({ baseUrl: 'http://127.0.0.1:8080/', fetch });
    const result = await client.get('risk', signal());
    expect(result).toEqual({ ok: true, value: risk });
    expect(seen[0]!.url).toBe('http://127.0.0.1:8080/api/v1/risk/summary');
    expect(seen[0]!.init.method).toBe('GET');
  });

  it('answers an identical body with the previous value itself, unparsed, and parses a changed one', async () => {
    let body = JSON.stringify(risk);
    let parses = 0;
    const { fetch } = fakeFetch(() => new Response(body, { status: 200 }));
    const client = createHftClient({ baseUrl: 'http://127.0.0.1:8080', fetch });
    const realParse = JSON.parse;
    JSON.parse = ((text: string, reviver?: never) => (parses++, realParse(text, reviver))) as typeof JSON.parse;
    try {
      const first = await client.get('risk', signal());
      const again = await client.get('risk', signal());
      expect(again.ok && first.ok && again.value === first.value).toBe(true);
      expect(parses).toBe(1);
      body = JSON.stringify({ ...risk, daily_pnl_usd: -1 });
      const moved = await client.get('risk', signal());
      expect(moved).toEqual({ ok: true, value: { ...risk, daily_pnl_usd: -1 } });
      expect(parses).toBe(2);
      // A bad body in between is a failure, and is not remembered as good.
      body = '{"timestamp": 1}';
      expect((await client.get('risk', signal())).ok).toBe(false);
      expect((await client.get('risk', signal())).ok).toBe(false);
      body = JSON.stringify({ ...risk, daily_pnl_usd: -1 });
      const back = await client.get('risk', signal());
      expect(back.ok && moved.ok && back.value === moved.value).toBe(true);
      // Each endpoint remembers its own answer.
      const strategies = await client.get('strategies', signal());
      expect(strategies.ok).toBe(false);
    } finally {
      JSON.parse = realParse;
    }
  });

  it('asks a base URL function on every request, so the route can move between requests', async () => {
    const { fetch, seen } = fakeFetch(() => json(risk));
    let base = 'http://127.0.0.1:8080';
    const client = createHftClient({ baseUrl: () => base, fetch });
    await client.get('risk', signal());
    base = 'http://127.0.0.1:43121/';
    await client.get('risk', signal());
    expect(seen.map((s) => s.url)).toEqual(['http://127.0.0.1:8080/api/v1/risk/summary', 'http://127.0.0.1:43121/api/v1/risk/summary']);
  });

  it('never sends the key on reads', async () => {
    const { fetch, seen } = fakeFetch(() => json(risk));
    await createHftClient({ baseUrl: 'http://h', apiKey: 'sekrit', fetch }).get('risk', signal());
    expect(headersOf(seen[0]!).has('authorization')).toBe(false);
  });

  it('reports bad JSON as invalid, not data', async () => {
    const { fetch } = fakeFetch(() => new Response('{"timestamp": "2026-', { status: 200 }));
    const result = await createHftClient({ baseUrl: 'http://h', fetch }).get('risk', signal());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('invalid');
    expect(result.failure.message).toMatch(/^\/api\/v1\/risk\/summary: not JSON/);
  });

  it('keeps the rows of a book that did not change as the very objects of the previous answer, and still rejects a bad changed row', async () => {
    const rows = [0, 1, 2].map((i) => ({ ...position, symbol: `A${i}-USDT` }));
    let body = JSON.stringify({ timestamp: TS, positions: rows });
    const { fetch } = fakeFetch(() => new Response(body, { status: 200 }));
    const client = createHftClient({ baseUrl: 'http://h', fetch });
    const before = await client.get('positions', signal());
    const moved = rows.map((p, i) => (i === 1 ? { ...p, mark_price: 1 } : p));
    body = JSON.stringify({ timestamp: '2026-11-24T18:00:01.000Z', positions: moved });
    const after = await client.get('positions', signal());
    if (!before.ok || !after.ok) throw new Error('both answers are good');
    expect(after.value).toEqual({ timestamp: '2026-11-24T18:00:01.000Z', positions: moved });
    expect(after.value.positions[0]).toBe(before.value.positions[0]);
    expect(after.value.positions[2]).toBe(before.value.positions[2]);
    body = JSON.stringify({ timestamp: TS, positions: rows.map((p, i) => (i === 2 ? { ...p, quantity: '1.25' } : p)) });
    const bad = await client.get('positions', signal());
    expect(bad).toMatchObject({ ok: false, failure: { kind: 'invalid', message: '/api/v1/positions: positions[2].quantity: expected number, received string' } });
  });

  it('parses again only the text of the book rows that changed, and fails a broken or bad row as a first answer would', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ ...position, symbol: `A${i}-USDT` }));
    const good = JSON.stringify({ timestamp: TS, positions: rows });
    let body = good;
    const { fetch } = fakeFetch(() => new Response(body, { status: 200 }));
    const client = createHftClient({ baseUrl: 'http://h', fetch });
    const before = await client.get('positions', signal());
    const moved = JSON.stringify({ timestamp: '2026-11-24T18:00:01.000Z', positions: rows.map((p, i) => (i === 7 ? { ...p, mark_price: 1 } : p)) });
    const realParse = JSON.parse;
    const given: number[] = [];
    JSON.parse = ((text: string, reviver?: never) => (given.push(text.length), realParse(text, reviver))) as typeof JSON.parse;
    let after;
    try {
      body = moved;
      after = await client.get('positions', signal());
    } finally {
      JSON.parse = realParse;
    }
    if (!before.ok || !after.ok) throw new Error('both answers are good');
    expect(after.value).toEqual(Positions.parse(JSON.parse(moved)));
    expect(after.value.positions[8]).toBe(before.value.positions[8]);
    expect(Math.max(...given)).toBeLessThan(moved.length / 10);

    // Each broken answer, sent after good ones, fails with the words a client that held nothing gives.
    const cut = moved.indexOf('"mark_price":1');
    for (const broken of [
      moved.slice(0, cut) + moved.slice(cut + 1),
      moved.replace('"mark_price":1', '"mark_price":1,'),
      moved.replace('"mark_price":1', '"mark_price":-1'),
      moved.replace('"mark_price":1', '"mark_price":"1"'),
      `${moved} x`,
      moved.slice(0, -2),
    ]) {
      body = moved;
      expect((await client.get('positions', signal())).ok).toBe(true);
      body = broken;
      const held = await client.get('positions', signal());
      const fresh = await createHftClient({ baseUrl: 'http://h', fetch }).get('positions', signal());
      expect(held.ok, broken.slice(cut - 20, cut + 40)).toBe(false);
      expect(held).toEqual(fresh);
    }
  });

  it('parses a book whose rows nearly all moved whole for a while before walking its rows again', async () => {
    const rows = (mark: number) => Array.from({ length: 40 }, (_, i) => ({ ...position, symbol: `A${i}-USDT`, mark_price: i === 0 ? mark : 1 }));
    const allMoved = (n: number) => rows(1).map((p) => ({ ...p, mark_price: n }));
    const answers = [
      JSON.stringify({ timestamp: TS, positions: allMoved(5) }),
      JSON.stringify({ timestamp: TS, positions: allMoved(6) }),
      ...Array.from({ length: WALK_PAUSE + 3 }, (_, k) => JSON.stringify({ timestamp: TS, positions: rows(100 + k) })),
    ];
    let body = '';
    const { fetch } = fakeFetch(() => new Response(body, { status: 200 }));
    const client = createHftClient({ baseUrl: 'http://h', fetch });
    const realParse = JSON.parse;
    const whole: boolean[] = [];
    try {
      for (const answer of answers) {
        body = answer;
        let longest = 0;
        JSON.parse = ((text: string, reviver?: never) => ((longest = Math.max(longest, text.length)), realParse(text, reviver))) as typeof JSON.parse;
        const result = await client.get('positions', signal());
        JSON.parse = realParse;
        expect(result).toEqual({ ok: true, value: Positions.parse(realParse(answer)) });
        whole.push(longest === answer.length);
      }
    } finally {
      JSON.parse = realParse;
    }
    // First answer, all moved, paused, then one walk to hold the rows' texts, then only the moved row.
    expect(whole).toEqual([true, true, ...Array(WALK_PAUSE).fill(true), true, false, false]);
  });

  it('names the first bad field of a drifted schema', async () => {
    const drifted = { timestamp: TS, positions: [position, position, position, { ...position, quantity: '1.25' }] };
    const { fetch } = fakeFetch(() => json(drifted));
    const result = await createHftClient({ baseUrl: 'http://h', fetch }).get('positions', signal());
    expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid' } });
    if (result.ok) return;
    expect(result.failure.message).toContain('positions[3].quantity');
    expect(result.failure.message).toContain('expected number');
  });

  it('rejects a missing field and a renamed one', async () => {
    const { daily_pnl_usd: _dropped, ...rest } = risk;
    const { fetch } = fakeFetch(() => json({ ...rest, dailyPnlUsd: -1 }));
    const result = await createHftClient({ baseUrl: 'http://h', fetch }).get('risk', signal());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.message).toContain('daily_pnl_usd');
  });

  it('rejects a health status outside ok/degraded and accepts degraded', async () => {
    const health = { status: 'degraded', version: '2.14.1', uptime_s: 10, timestamp: TS };
    let body: unknown = health;
    const { fetch } = fakeFetch(() => json(body));
    const client = createHftClient({ baseUrl: 'http://h', fetch });
    expect(await client.get('health', signal())).toEqual({ ok: true, value: health });
    body = { ...health, status: 'down' };
    expect(await client.get('health', signal())).toMatchObject({ ok: false, failure: { kind: 'invalid' } });
  });

  it('reports a non-2xx status with the server error text', async () => {
    const { fetch } = fakeFetch(() => json({ error: 'risk engine restarting' }, 503));
    const result = await createHftClient({ baseUrl: 'http://h', fetch }).get('risk', signal());
    expect(result).toEqual({
      ok: false,
      failure: { kind: 'http', status: 503, message: '/api/v1/risk/summary: HTTP 503: risk engine restarting' },
    });
  });

  it('reports a non-2xx status without a JSON body by its status alone', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>bad gateway</html>', { status: 502 }));
    const result = await createHftClient({ baseUrl: 'http://h', fetch }).get('status', signal());
    expect(result).toEqual({ ok: false, failure: { kind: 'http', status: 502, message: '/api/v1/status: HTTP 502' } });
  });

  it('reports connection errors as network with the cause', async () => {
    const fetch: FetchFunction = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    };
    const result = await createHftClient({ baseUrl: 'http://h', fetch }).get('health', signal());
    expect(result).toEqual({
      ok: false,
      failure: { kind: 'network', message: '/api/v1/health: fetch failed (ECONNREFUSED)' },
    });
  });

  it('reports an abort by the deadline as timeout, also mid-body', async () => {
    const controller = new AbortController();
    const fetch: FetchFunction = async (_url, init) => {
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"timestamp":'));
          init.signal!.addEventListener('abort', () => c.error(init.signal!.reason));
        },
      });
      return new Response(stream, { status: 200 });
    };
    const pending = createHftClient({ baseUrl: 'http://h', fetch }).get('risk', controller.signal);
    setTimeout(() => controller.abort(new DOMException('deadline', 'TimeoutError')), 5);
    const result = await pending;
    expect(result).toEqual({ ok: false, failure: { kind: 'timeout', message: '/api/v1/risk/summary: no answer before the deadline' } });
  });

  it('refuses a body past the cap without reading the rest', async () => {
    const chunk = new Uint8Array(1024).fill(0x20);
    let pulled = 0;
    let cancelled = false;
    const fetch: FetchFunction = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(c) {
            pulled++;
            if (pulled > 10_000) c.close();
            else c.enqueue(chunk);
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200 },
      );
    const result = await createHftClient({ baseUrl: 'http://h', fetch, maxBodyBytes: 8 * 1024 }).get('positions', signal());
    expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid' } });
    if (!result.ok) expect(result.failure.message).toContain('larger than 8192 bytes');
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(20);
  });

  it('refuses a declared length past the cap before reading', async () => {
    let cancelled = false;
    const fetch: FetchFunction = async () =>
      new Response(new ReadableStream({ cancel: () => void (cancelled = true) }), {
        status: 200,
        headers: { 'content-length': String(100 * 1024 * 1024) },
      });
    const result = await createHftClient({ baseUrl: 'http://h', fetch }).get('positions', signal());
    expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid', message: expect.stringContaining('larger than') } });
    expect(cancelled).toBe(true);
  });

  it('refuses a body that is not UTF-8', async () => {
    const { fetch } = fakeFetch(() => new Response(new Uint8Array([0x7b, 0xff, 0x7d]), { status: 200 }));
    const result = await createHftClient({ baseUrl: 'http://h', fetch }).get('risk', signal());
    expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid', message: expect.stringContaining('UTF-8') } });
  });
});

describe('HftClient writes', () => {
  const activation = { active: true, reason: 'runaway', activated_at: TS, source: 'manual' };

  it('sends the killswitch reason with the key and the idempotency key', async () => {
    const { fetch, seen } = fakeFetch(() => json(activation));
    const client = createHftClient({ baseUrl: 'http://h', apiKey: 'sekrit', fetch });
    const result = await client.killswitch('runaway', { signal: signal(), idempotencyKey: 'press-1' });
    expect(result).toEqual({ ok: true, value: activation });
    const s = seen[0]!;
    expect(s.url).toBe('http://h/api/v1/killswitch');
    expect(s.init.method).toBe('POST');
    expect(JSON.parse(String(s.init.body))).toEqual({ reason: 'runaway' });
    expect(headersOf(s).get('authorization')).toBe('Bearer sekrit');
    expect(headersOf(s).get('idempotency-key')).toBe('press-1');
  });

  it('sends no authorization header without a key', async () => {
    const { fetch, seen } = fakeFetch(() => json(activation));
    await createHftClient({ baseUrl: 'http://h', fetch }).killswitch('x', { signal: signal(), idempotencyKey: 'k' });
    expect(headersOf(seen[0]!).has('authorization')).toBe(false);
  });

  it('keeps the key out of error messages even when the server echoes it', async () => {
    const { fetch } = fakeFetch(() => json({ error: 'bad key sekrit' }, 401));
    const result = await createHftClient({ baseUrl: 'http://h', apiKey: 'sekrit', fetch }).killswitch('x', {
      signal: signal(),
      idempotencyKey: 'k',
    });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'http', status: 401 } });
    expect(JSON.stringify(result)).not.toContain('sekrit');
  });

  it('stops and starts a strategy by its escaped id', async () => {
    const { fetch, seen } = fakeFetch((url) =>
      json({ strategy_id: 'mm/btc 01', status: url.endsWith('/stop') ? 'stopped' : 'running' }),
    );
    const client = createHftClient({ baseUrl: 'http://h', apiKey: 'k1', fetch });
    expect(await client.stopStrategy('mm/btc 01', 'losing', { signal: signal() })).toEqual({
      ok: true,
      value: { strategy_id: 'mm/btc 01', status: 'stopped' },
    });
    expect(await client.startStrategy('mm/btc 01', { signal: signal() })).toMatchObject({ ok: true, value: { status: 'running' } });
    expect(seen[0]!.url).toBe('http://h/api/v1/strategies/mm%2Fbtc%2001/stop');
    expect(JSON.parse(String(seen[0]!.init.body))).toEqual({ reason: 'losing' });
    expect(seen[1]!.url).toBe('http://h/api/v1/strategies/mm%2Fbtc%2001/start');
    expect(seen[1]!.init.body).toBeUndefined();
    expect(headersOf(seen[1]!).get('authorization')).toBe('Bearer k1');
  });

  it('reports 404 and 409 from strategy commands as http failures', async () => {
    const { fetch } = fakeFetch((url) =>
      url.endsWith('/stop') ? json({ error: 'unknown strategy' }, 404) : json({ error: 'killswitch active' }, 409),
    );
    const client = createHftClient({ baseUrl: 'http://h', fetch });
    expect(await client.stopStrategy('nope', 'r', { signal: signal() })).toMatchObject({ ok: false, failure: { status: 404 } });
    expect(await client.startStrategy('x', { signal: signal() })).toMatchObject({
      ok: false,
      failure: { kind: 'http', status: 409, message: expect.stringContaining('killswitch active') },
    });
  });
});
