/**
 * The trading API checks against the real simulator on loopback: healthy,
 * crashed, and with a write key configured (right key accepted, wrong key
 * refused, nothing stopped by the probe).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Strategies } from '../../src/contract/hft.js';
import { checkApiHealth, checkWriteKey } from '../../src/services/checks/api-check.js';
import { startSimulator } from '../../src/sim/index.js';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;
const never = new AbortController().signal;

async function scenario(sim: Simulator, body: Record<string, unknown>) {
  const response = await fetch(`${sim.url}/sim/v1/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

describe('API checks against the simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 7 });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('passes while the system is healthy', async () => {
    const outcome = await checkApiHealth(fetch, sim.url, never);
    expect(outcome).toMatchObject({ state: 'passed', message: expect.stringMatching(/^Health (ok|answers but reports "degraded")/) });
  });

  it('says the API hangs up once the system has crashed', async () => {
    await scenario(sim, { name: 'crash' });
    try {
      const outcome = await checkApiHealth(fetch, sim.url, never);
      expect(outcome).toMatchObject({ state: 'failed', message: 'The trading API closed the connection without answering' });
      expect(outcome.hint).toMatch(/systemctl status hft_system/);
    } finally {
      await fetch(`${sim.url}/sim/v1/scenario`, { method: 'DELETE' });
    }
    expect((await checkApiHealth(fetch, sim.url, never)).state).toBe('passed');
  });

  it('says the connection is refused once the system is gone', async () => {
    const gone = await startSimulator({ port: 0, seed: 1 });
    const url = gone.url;
    await gone.close();
    const outcome = await checkApiHealth(fetch, url, never);
    expect(outcome).toMatchObject({ state: 'failed', message: `Connection refused on ${new URL(url).port}` });
  });
});

describe('write key check against a simulator with a key', () => {
  const KEY = 'write-key-for-tests';
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 7, apiKey: KEY });
  });
  afterAll(async () => {
    await sim?.close();
  });

  const statuses = async () => {
    const body = Strategies.parse(await (await fetch(`${sim.url}/api/v1/strategies`)).json());
    return body.strategies.map((s) => `${s.strategy_id}:${s.status}`).sort();
  };

  it('accepts the right key without stopping anything', async () => {
    const before = await statuses();
    const outcome = await checkWriteKey(fetch, sim.url, KEY, never);
    expect(outcome).toMatchObject({ state: 'passed', message: 'The write key is accepted (a write without it is refused)' });
    expect(await statuses()).toEqual(before);
  });

  it('refuses a wrong key', async () => {
    const outcome = await checkWriteKey(fetch, sim.url, 'not-the-key', never);
    expect(outcome).toMatchObject({ state: 'failed', message: 'The write key was refused' });
    expect(outcome.rawError).not.toContain('not-the-key');
  });
});
