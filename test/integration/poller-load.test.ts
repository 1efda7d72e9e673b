/**
 * The poller at the large book: 1,000 strategies and 10,000 positions polled
 * from the real simulator (its own process), every answer validated and
 * shown. What it costs is a benchmark figure (bench/poller-cpu.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINT_NAMES } from '../../src/contract/hft.js';
import { systemClock } from '../../src/services/clock.js';
import { createHftClient } from '../../src/services/hft/client.js';
import { createPoller } from '../../src/services/hft/poller.js';
import { startTs, type Started } from '../harness/process.js';

describe('poller at 1,000 strategies and 10,000 positions', () => {
  let sim: Started;
  beforeAll(async () => {
    sim = await startTs('src/sim/cli.ts', ['--port', '0', '--strategies', '1000', '--positions', '10000'], /(http:\/\/127\.0\.0\.1:\d+)/);
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('keeps every endpoint fresh with the whole book validated', async () => {
    const feed = createPoller({ client: createHftClient({ baseUrl: sim.match[1]! }), clock: systemClock, pollMs: 250 });
    let positionAnswers = 0;
    feed.subscribe((u) => {
      if (u.endpoints.positions?.data) positionAnswers++;
    });
    try {
      feed.start();
      const deadline = Date.now() + 15_000;
      while (positionAnswers < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const snapshot = feed.snapshot();
      expect(positionAnswers).toBeGreaterThanOrEqual(4);
      for (const e of ENDPOINT_NAMES) {
        expect(snapshot.endpoints[e].invalidResponses, e).toBe(0);
        expect(snapshot.endpoints[e].data, e).not.toBeNull();
      }
      expect(snapshot.endpoints.positions.data?.positions).toHaveLength(10_000);
      expect(snapshot.endpoints.strategies.data?.strategies).toHaveLength(1_000);
    } finally {
      await feed.stop();
    }
  });
});
