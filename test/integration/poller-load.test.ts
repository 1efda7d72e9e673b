/**
 * The cost of polling a big book: 1,000 strategies and 10,000 positions
 * served over real loopback HTTP, polled by the real client and poller on the
 * system clock. The target is under 50 ms of CPU per poll round (5% of a
 * core at 1 s polling). The figure includes the loopback server answering in
 * the same process, so it is an upper bound on the cockpit's share.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS, ENDPOINT_NAMES, EXCHANGES, type EndpointName } from '../../src/contract/hft.js';
import { systemClock } from '../../src/services/clock.js';
import { createHftClient } from '../../src/services/hft/client.js';
import { sampleAnswer } from '../../src/services/hft/fakes.js';
import { createPoller } from '../../src/services/hft/poller.js';

const STRATEGIES = 1_000;
const POSITIONS = 10_000;
/** Per-round CPU budget at the big book, ms: 5% of one core at 1 s polling. */
const ROUND_BUDGET_MS = 50;

function bigBook(timestamp: string): Record<EndpointName, unknown> {
  const positions = Array.from({ length: POSITIONS }, (_, i) => ({
    exchange: EXCHANGES[i % EXCHANGES.length]!,
    symbol: `C${i % 400}-USDT`,
    side: i % 2 === 0 ? 'long' : 'short',
    quantity: 1 + (i % 17) * 0.25,
    avg_entry_price: 100 + i,
    mark_price: 101 + i,
    notional_usd: (101 + i) * 2,
    unrealized_pnl_usd: (i % 7) - 3.5,
    strategy_id: `strat-${i % STRATEGIES}`,
  }));
  const strategies = Array.from({ length: STRATEGIES }, (_, i) => ({
    strategy_id: `strat-${i}`,
    name: `Strategy ${i}`,
    status: i % 50 === 0 ? 'stopped' : 'running',
    exchanges: [EXCHANGES[i % EXCHANGES.length]!, EXCHANGES[(i + 3) % EXCHANGES.length]!],
    performance: { daily_pnl_usd: (i % 11) * 100 - 500, trades_today: i * 13, fill_rate_pct: i % 100 },
  }));
  return {
    health: sampleAnswer('health', timestamp),
    status: sampleAnswer('status', timestamp),
    positions: { timestamp, positions },
    strategies: { timestamp, strategies },
    risk: sampleAnswer('risk', timestamp),
  };
}

describe('poller load at 1,000 strategies and 10,000 positions', () => {
  let server: Server;
  let url = '';
  let bodies: Map<string, string>;

  beforeAll(async () => {
    // Bodies are rendered once per second, not per request, so the server's
    // own cost stays small in the measurement.
    const render = () => {
      const book = bigBook(new Date().toISOString());
      bodies = new Map(ENDPOINT_NAMES.map((e) => [ENDPOINTS[e].path, JSON.stringify(book[e])]));
    };
    render();
    let renderedAt = Date.now();
    server = createServer((req, res) => {
      if (Date.now() - renderedAt >= 1000) {
        render();
        renderedAt = Date.now();
      }
      const body = bodies.get(req.url ?? '');
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(body ?? '{"error":"no such endpoint"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it(`stays under ${ROUND_BUDGET_MS} ms of CPU per poll round`, async () => {
    const pollMs = 250;
    const feed = createPoller({ client: createHftClient({ baseUrl: url }), clock: systemClock, pollMs });
    let positionAnswers = 0;
    let lastPositions: unknown = null;
    feed.subscribe((u) => {
      const data = u.endpoints.positions?.data;
      if (data && data !== lastPositions) {
        positionAnswers++;
        lastPositions = data;
      }
    });
    try {
      feed.start();
      // Warm up: let the JIT and zod's compiled checks settle.
      await new Promise((r) => setTimeout(r, 1500));
      const warmRounds = positionAnswers;
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      await new Promise((r) => setTimeout(r, 3000));
      const cpu = process.cpuUsage(cpuBefore);
      const wallMs = performance.now() - wallBefore;
      const rounds = positionAnswers - warmRounds;
      const cpuMsPerRound = (cpu.user + cpu.system) / 1000 / rounds;

      const snapshot = feed.snapshot();
      expect(snapshot.endpoints.positions.data?.positions.length).toBe(POSITIONS);
      expect(snapshot.endpoints.strategies.data?.strategies.length).toBe(STRATEGIES);
      for (const e of ENDPOINT_NAMES) expect(snapshot.endpoints[e].freshness).toBe('fresh');
      // At 250 ms polling over 3 s: about 12 rounds; fewer means rounds overran.
      expect(rounds).toBeGreaterThanOrEqual(8);
      console.info(
        `poller load: ${rounds} rounds in ${wallMs.toFixed(0)} ms, ${cpuMsPerRound.toFixed(1)} ms CPU per round ` +
          `(${((cpuMsPerRound / 1000) * 100).toFixed(1)}% of a core at 1 s polling)`,
      );
      expect(cpuMsPerRound).toBeLessThan(ROUND_BUDGET_MS);
    } finally {
      await feed.stop();
    }
  });
});
