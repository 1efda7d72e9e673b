/**
 * The drill service against a real simulator over HTTP, with fake time for
 * the scripted steps: steps sent at their times, the drill's incidents
 * reported against the playbook's clocks, the report saved and the routine
 * ticked, the simulator put back. Against a plain HTTP server without
 * /sim/v1 the drill is refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillRecord } from '../../src/contract/drill.js';
import type { Incident, IncidentsState } from '../../src/core/incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/index.js';
import { createDrillService, DrillRefusal } from '../../src/services/drill/drill-service.js';
import { startSimulator } from '../../src/sim/index.js';
import { FakeTime } from '../support/hft-fakes.js';

let sim: Awaited<ReturnType<typeof startSimulator>>;
let plain: Server;
let plainUrl: string;

beforeAll(async () => {
  sim = await startSimulator({ host: '127.0.0.1', port: 0, seed: 7 });
  plain = createServer((req, res) => {
    // A trading API without drill controls: /api/v1 answers, /sim/v1 does not exist.
    res.writeHead(req.url === '/api/v1/health' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(req.url === '/api/v1/health' ? '{"status":"ok"}' : '{"error":"not found"}');
  });
  await new Promise<void>((done) => plain.listen(0, '127.0.0.1', done));
  plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim?.close();
  await new Promise((done) => plain?.close(done));
});

const active = async () => ((await (await fetch(`${sim.url}/sim/v1/scenario`)).json()) as { active: { name: string }[] }).active.map((a) => a.name);

function rig(apiUrl: string) {
  const time = new FakeTime();
  let state: IncidentsState = { incidents: [], nextNumber: 1 };
  const marks: ({ id: string; label: string } | null)[] = [];
  const saved: DrillRecord[] = [];
  const ticks: DrillRecord[] = [];
  const service = createDrillService({
    apiUrl,
    fetch,
    clock: time,
    timers: time,
    incidents: { state: () => state, playbook: () => DEFAULT_PLAYBOOK, setDrill: (d) => void marks.push(d) },
    reports: { list: async () => [...saved].reverse(), save: async (r) => void saved.push(r) },
    onReport: async (r) => void ticks.push(r),
    operator: () => 'ana',
    emit: () => {},
  });
  return { time, service, marks, saved, ticks, setState: (s: IncidentsState) => (state = s) };
}

describe('the drill service', () => {
  it('refuses a drill where the watched API does not answer /sim/v1, and says why', async () => {
    const { service, marks } = rig(plainUrl);
    const view = await service.view();
    expect(view.available).toBe(false);
    expect(view.unavailableReason).toContain('HTTP 404');
    const error = await service.start('exchange-down').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DrillRefusal);
    expect((error as DrillRefusal).code).toBe('unavailable');
    expect(marks).toEqual([]);
  });

  it('stages a scripted drill at its times, reports against the clocks, saves the report and ticks the routine', async () => {
    const { time, service, marks, saved, ticks, setState } = rig(sim.url);
    expect((await service.view()).available).toBe(true);
    const run = await service.start('exchange-then-loss');
    expect(run).toMatchObject({ drillId: 'exchange-then-loss', stepsSent: 1, stepsTotal: 2 });
    expect(marks).toEqual([{ id: 'exchange-then-loss', label: 'Exchange down, then the loss limit approaching' }]);
    expect(await active()).toEqual(['exchange_disconnect']);
    expect((await service.start('disk-low').catch((e: DrillRefusal) => e.code))).toBe('conflict');

    await time.advance(9_000);
    expect(await active()).toEqual(['exchange_disconnect']);
    await time.advance(1_000);
    await expect.poll(active).toEqual(['exchange_disconnect', 'loss_limit_approach']);
    expect((await service.view()).running).toMatchObject({ stepsSent: 2 });

    // What the engineer did on the drill's incident, as the incident service would have it.
    const start = run.startedAt;
    const incident = {
      id: 'INC-1', severity: 'SEV1', drill: true, startedAt: start + 1_000,
      acknowledged: { by: 'ana', at: start + 48_000 }, done: { notify_desk: { by: 'ana', at: start + 190_000 } },
      timeline: [], resolved: null,
    } as unknown as Incident;
    const real = { ...incident, id: 'INC-0', drill: undefined, acknowledged: { by: 'ana', at: start + 2_000 } } as unknown as Incident;
    setState({ incidents: [real, incident], nextNumber: 2 });
    await time.advance(200_000);
    const record = await service.finish();
    expect(record.lines.map((l) => l.text)).toEqual(['acknowledged in 48 s of 5 min', 'desk told at 3:10 of 5:00', 'missed: status update']);
    expect(record).toMatchObject({ incidentIds: ['INC-1'], severity: 'SEV1', by: 'ana', problems: [] });
    expect(saved).toEqual([record]);
    expect(ticks).toEqual([record]);
    expect(marks.at(-1)).toBeNull();
    expect(await active()).toEqual([]);
    expect((await service.view()).running).toBeNull();
  });

  it('counts a verified kill switch press during the drill, and not an unverified one or one outside it', async () => {
    const { time, service } = rig(sim.url);
    service.noteKillswitch(true, time.now(), 900);
    await service.start('slow-killswitch');
    expect(await active()).toEqual(['slow']);
    service.noteKillswitch(false, time.now() + 1_000, 5_000);
    service.noteKillswitch(true, time.now() + 2_000, 3_100);
    const record = await service.finish();
    expect(record.lines.map((l) => l.text)).toEqual(['kill switch verified in 3.1 s']);
    const { service: other } = rig(sim.url);
    await other.start('slow-killswitch');
    expect((await other.finish()).lines.map((l) => l.text)).toEqual(['missed: kill switch verified']);
  });

  it('sends no step after the drill is finished', async () => {
    const { time, service } = rig(sim.url);
    await service.start('exchange-then-loss');
    await service.finish();
    await time.advance(20_000);
    expect(await active()).toEqual([]);
    expect(time.timerCount).toBe(0);
  });
});
