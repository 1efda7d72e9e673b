import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentAlert } from '../../contract/incidents.js';
import { DEFAULT_PLAYBOOK, exportPlaybook } from '../../core/playbook/index.js';
import { IncidentsRefusal } from './service.js';
import { IncidentsHarness, type Desk } from '../../../test/support/incidents-harness.js';

const MIN = 60_000;

let h: IncidentsHarness;
let desk: Desk;
beforeEach(async () => {
  h = new IncidentsHarness();
  desk = await h.start();
});
afterEach(() => h.cleanup());

const alertsOf = (d: Desk) => d.alerts().map((n) => n.payload as IncidentAlert);

async function refusal(work: Promise<unknown>): Promise<IncidentsRefusal> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IncidentsRefusal);
  return error as IncidentsRefusal;
}

describe('incident service: alert signals', () => {
  it('opens an incident from a poll, raises it when a second exchange drops, and records both', async () => {
    await h.observe(desk, { down: ['binance'] });
    const [incident] = desk.service.view().incidents;
    expect(incident).toMatchObject({ id: 'INC-1', severity: 'SEV2', scenario: 'exchange_disconnected', title: 'Exchange disconnected: binance' });
    expect(alertsOf(desk)).toEqual([expect.objectContaining({ kind: 'new', incidentId: 'INC-1', severity: 'SEV2', item: null })]);
    expect(desk.notices.some((n) => n.name === 'incidents.changed')).toBe(true);

    await h.time.advance(1000);
    await h.observe(desk, { down: ['binance'] });
    expect(desk.service.view().incidents).toHaveLength(1);

    await h.observe(desk, { down: ['binance', 'kraken'] });
    expect(desk.service.view().incidents).toEqual([expect.objectContaining({ id: 'INC-1', severity: 'SEV1' })]);
    expect(alertsOf(desk).map((a) => a.kind)).toEqual(['new', 'severity_raised']);

    const records = await desk.audit.read({ type: 'incident.signals' });
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ incidentId: 'INC-1', actor: null, at: h.time.now() - 1000 });
  });

  it('opens one incident per scenario, each with the playbook severity, once its hold time has passed without another poll', async () => {
    await h.observe(desk, { orderP99Ms: 25, diskPct: 97, lossLimitUsedPct: 95 });
    const opened = () => Object.fromEntries(desk.service.view().incidents.map((i) => [i.scenario, [i.severity, i.startedAt]]));
    const t0 = h.time.now();
    expect(opened()).toEqual({ loss_limit: ['SEV1', t0] });
    await h.pass(10_000 - 1, desk);
    expect(Object.keys(opened())).toEqual(['loss_limit']);
    await h.pass(1, desk);
    await h.pass(20_000, desk);
    expect(opened()).toEqual({ high_latency: ['SEV3', t0 + 10_000], disk_low: ['SEV2', t0 + 30_000], loss_limit: ['SEV1', t0] });
    const latency = desk.service.view().incidents.find((i) => i.scenario === 'high_latency')!;
    expect(latency.timeline[0]!.text).toContain('Order p99 above 10 ms for 10 s.');
  });

  it('announces conditions raised together most severe first', async () => {
    const noHold = structuredClone(DEFAULT_PLAYBOOK);
    for (const sc of Object.values(noHold.scenarios)) sc.holdSeconds = 0;
    await desk.service.importPlaybook(exportPlaybook({ ...noHold, version: 2 }));
    await h.observe(desk, { orderP99Ms: 25, diskPct: 97, lossLimitUsedPct: 95 });
    const bySc = Object.fromEntries(desk.service.view().incidents.map((i) => [i.scenario, i.severity]));
    expect(bySc).toEqual({ high_latency: 'SEV3', disk_low: 'SEV2', loss_limit: 'SEV1' });
    // Raised together, they are announced most severe first.
    expect(alertsOf(desk).filter((a) => a.kind === 'new').map((a) => a.severity)).toEqual(['SEV1', 'SEV2', 'SEV3']);
  });

  it('tells when the condition clears after the clear window', async () => {
    await h.observe(desk, { diskPct: 90 });
    await h.pass(30_000, desk);
    await h.time.advance(1000);
    await h.observe(desk, { diskPct: 60 });
    await h.time.advance(DEFAULT_PLAYBOOK.alerting.clearAfterSeconds * 1000);
    await h.observe(desk, { diskPct: 60 });
    expect(alertsOf(desk).map((a) => a.kind)).toEqual(['new', 'condition_cleared']);
    expect(desk.service.view().incidents[0]!.conditionClearedAt).toBe(h.time.now());
  });
});

describe('incident service: actions', () => {
  it('records an acknowledgement on the timeline and in the audit log before answering', async () => {
    await h.observe(desk, { down: ['okx'] });
    const acked = await desk.service.act({ incidentId: 'INC-1', action: { type: 'acknowledge' } });
    expect(acked.acknowledged).toEqual({ by: 'ana', at: h.time.now() });
    expect(acked.timeline.at(-1)).toMatchObject({ kind: 'acknowledged', by: 'ana' });
    const [record] = await desk.audit.read({ type: 'incident.acknowledge' });
    expect(record).toMatchObject({ actor: 'ana', incidentId: 'INC-1' });
    expect(desk.service.view().incidents[0]).toEqual(acked);
  });

  it('refuses what the phase does not allow, and unknown incidents, with reasons', async () => {
    await h.observe(desk, { down: ['okx'] });
    await desk.service.act({ incidentId: 'INC-1', action: { type: 'acknowledge' } });
    const twice = await refusal(desk.service.act({ incidentId: 'INC-1', action: { type: 'acknowledge' } }));
    expect(twice.code).toBe('conflict');
    expect(twice.message).toBe(`INC-1 was already acknowledged by ana at ${new Date(h.time.now()).toISOString().slice(11, 16)}`);
    expect((await refusal(desk.service.act({ incidentId: 'INC-9', action: { type: 'engage' } }))).code).toBe('not_found');
    expect((await refusal(desk.service.act({ incidentId: 'INC-1', action: { type: 'tick_step', stepId: 'nope' } }))).code).toBe('conflict');
    await desk.service.act({ incidentId: 'INC-1', action: { type: 'resolve', note: 'okx back', finalUpdate: { text: 'Resolved: okx back.' }, anyway: true } });
    const after = await refusal(desk.service.act({ incidentId: 'INC-1', action: { type: 'note', text: 'late' } }));
    expect(after).toMatchObject({ code: 'conflict', message: 'INC-1 is resolved; it takes no more actions' });
    expect((await desk.audit.read({ incidentId: 'INC-1' })).map((r) => r.type)).toEqual([
      'incident.signals', 'incident.acknowledge', 'incident.resolve',
    ]);
  });

  it('asks before resolving while the condition still holds; resolved anyway, it reopens when the condition changes', async () => {
    await h.observe(desk, { down: ['okx'] });
    const asked = await refusal(desk.service.act({ incidentId: 'INC-1', action: { type: 'resolve', note: 'handled by the exchange', finalUpdate: { text: 'Resolved: handled by the exchange.' } } }));
    expect(asked).toMatchObject({ code: 'needs_confirmation', message: 'okx is still disconnected: resolve anyway?' });
    expect(desk.service.view().incidents[0]!.phase).toBe('triggered');
    const resolved = await desk.service.act({ incidentId: 'INC-1', action: { type: 'resolve', note: 'handled by the exchange', finalUpdate: { text: 'Resolved: handled by the exchange.' }, anyway: true } });
    expect(resolved.timeline.at(-1)!.text).toBe('Resolved while okx is still disconnected (asked "resolve anyway?": yes). handled by the exchange');
    await h.time.advance(1000);
    await h.observe(desk, { down: ['okx'] });
    expect(desk.service.view().incidents.map((i) => [i.id, i.phase])).toEqual([['INC-1', 'resolved']]);
    await h.time.advance(60_000);
    await h.observe(desk, { down: ['okx', 'kraken'] });
    expect(desk.service.view().incidents.map((i) => [i.id, i.phase, i.severity])).toEqual([['INC-1', 'triggered', 'SEV1']]);
  });

  it('resolves without asking once the condition is clearing, and reopens the same incident when it comes back', async () => {
    await h.observe(desk, { down: ['okx'] });
    await h.time.advance(1000);
    await h.observe(desk, {});
    await desk.service.act({ incidentId: 'INC-1', action: { type: 'resolve', note: 'okx reconnected', finalUpdate: { text: 'Resolved: okx reconnected.' } } });
    await h.time.advance(4 * MIN);
    await h.observe(desk, { down: ['okx'] });
    const [incident] = desk.service.view().incidents;
    expect(incident).toMatchObject({ id: 'INC-1', phase: 'triggered', reopenedAt: h.time.now() });
    expect(incident!.timeline.at(-1)!.text).toMatch(/^Recurred after 4 min/);
  });

  it('opens incidents by hand and exports one as Markdown with a telling file name', async () => {
    const opened = await desk.service.open({ title: 'Fills look wrong on Kraken', severity: 'SEV3' });
    expect(opened).toMatchObject({ id: 'INC-1', openedBy: 'ana', scenario: null });
    await h.observe(desk, { down: ['binance'] });
    const file = desk.service.exportIncident('INC-2');
    expect(file.filename).toBe('INC-2-exchange-disconnected-2026-11-24.md');
    expect(file.text).toContain('# INC-2 SEV2: Exchange disconnected: binance');
    expect(desk.service.exportIncident('INC-1').filename).toBe('INC-1-fills-look-wrong-on-kraken-2026-11-24.md');
    expect(() => desk.service.exportIncident('INC-7')).toThrow(IncidentsRefusal);
  });

  it('lists resolved incidents for a day after they were resolved, newest first', async () => {
    await desk.service.open({ title: 'First', severity: 'SEV4' });
    await h.time.advance(1000);
    await desk.service.open({ title: 'Second', severity: 'SEV4' });
    await desk.service.act({ incidentId: 'INC-1', action: { type: 'resolve', note: 'done', finalUpdate: { text: 'Resolved: done.' } } });
    expect(desk.service.view().incidents.map((i) => i.id)).toEqual(['INC-2', 'INC-1']);
    await h.time.advance(24 * 60 * MIN + 1);
    expect(desk.service.view().incidents.map((i) => i.id)).toEqual(['INC-2']);
  });
});

describe('incident service: the clocks', () => {
  it('announces each passed deadline once, with one timer armed', async () => {
    await h.observe(desk, { down: ['binance'] });
    expect(h.time.timerCount).toBe(1);
    await h.pass(15 * MIN - 1, desk);
    expect(alertsOf(desk).filter((a) => a.kind === 'breach')).toEqual([]);
    await h.pass(1, desk);
    const breaches = alertsOf(desk).filter((a) => a.kind === 'breach');
    expect(breaches.map((a) => a.item).sort()).toEqual(['ack', 'secondary_takeover']);
    expect(breaches[0]).toMatchObject({ incidentId: 'INC-1', severity: 'SEV2', at: h.time.now() });
    await h.pass(10 * MIN, desk);
    expect(alertsOf(desk).filter((a) => a.kind === 'breach')).toHaveLength(2);
    expect(h.time.timerCount).toBe(1);
    const timeline = desk.service.view().incidents[0]!.timeline;
    expect(timeline.filter((e) => e.kind === 'note').map((e) => e.text)).toEqual([
      'Overdue: Acknowledge was due 2026-11-24 18:15:00Z.',
      'Overdue: Secondary takes over was due 2026-11-24 18:15:00Z.',
    ]);
  });

  it('announces clocks that passed together in triage order, the SEV1 first', async () => {
    await desk.service.open({ title: 'Slow fills', severity: 'SEV3' }); // ack due at +60 min
    await h.time.advance(56 * MIN);
    await desk.service.open({ title: 'Exchanges down', severity: 'SEV1' }); // ack due at +61 min
    await h.stop(desk);
    await h.time.advance(10 * MIN); // closed while both passed: the SEV3's first
    const next = await h.start();
    await h.pass(0, next);
    const breaches = alertsOf(next).filter((a) => a.kind === 'breach');
    expect(breaches[0]).toMatchObject({ incidentId: 'INC-2', severity: 'SEV1', item: 'ack' });
    expect(breaches.map((a) => a.severity)).toEqual([...breaches.map((a) => a.severity)].sort());
  });

  it('after an acknowledgement: no takeover; not engaged 15 minutes later, "not understood" comes due, then engage', async () => {
    await h.observe(desk, { down: ['binance'] });
    await desk.service.act({ incidentId: 'INC-1', action: { type: 'acknowledge' } });
    await h.pass(15 * MIN - 1, desk);
    expect(alertsOf(desk).filter((a) => a.kind === 'breach')).toEqual([]);
    await h.pass(1, desk);
    expect(alertsOf(desk).filter((a) => a.kind === 'breach').map((a) => a.item)).toEqual(['not_understood']);
    await h.pass(15 * MIN, desk);
    // The exchange's own 30-minute Level 2 clock passes with engage and the first update.
    expect(alertsOf(desk).filter((a) => a.kind === 'breach').map((a) => a.item).sort()).toEqual(['engage', 'escalate_l2', 'not_understood', 'status_update']);
  });
});

describe('incident service: the playbook', () => {
  it('keeps the playbook in force when an import is broken, naming the field', async () => {
    const broken = JSON.parse(exportPlaybook(DEFAULT_PLAYBOOK)) as { severities: { SEV1: { ackMinutes: unknown } } };
    broken.severities.SEV1.ackMinutes = -5;
    const error = await refusal(desk.service.importPlaybook(JSON.stringify(broken)));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/severities\.SEV1\.ackMinutes/);
    expect((await refusal(desk.service.importPlaybook('{ not json'))).message).toMatch(/not valid JSON/);
    expect(desk.service.playbook()).toEqual(DEFAULT_PLAYBOOK);
    expect(desk.service.exportPlaybook()).toEqual({ filename: 'playbook.json', mediaType: 'application/json', text: exportPlaybook(DEFAULT_PLAYBOOK) });
  });

  it('applies an imported playbook to the next incidents and keeps it across a restart', async () => {
    const edited = structuredClone(DEFAULT_PLAYBOOK);
    edited.version = 2;
    edited.severities.SEV2.ackMinutes = 7;
    await desk.service.importPlaybook(exportPlaybook(edited));
    await h.observe(desk, { down: ['binance'] });
    const ack = desk.service.view().incidents[0]!.due.find((d) => d.kind === 'ack')!;
    expect(ack.dueAt - ack.startsAt).toBe(7 * MIN);
    await h.stop(desk);
    const again = await h.start();
    expect(again.service.playbook()).toEqual(edited);
    expect((await again.audit.read({ type: 'playbook.imported' })).length).toBe(1);
  });
});

describe('incident service: drills', () => {
  it('marks the incidents opened while a drill runs, in the record, and no others', async () => {
    desk.service.setDrill({ id: 'exchange-down', label: 'Exchange down' });
    await h.observe(desk, { down: ['binance'] });
    desk.service.setDrill(null);
    await h.time.advance(1000);
    await h.observe(desk, { down: ['binance'], diskPct: 97 });
    await h.pass(60_000, desk);
    await h.observe(desk, { down: ['binance'], diskPct: 97 });
    const incidents = desk.service.view().incidents;
    expect(incidents.find((i) => i.scenario === 'exchange_disconnected')).toMatchObject({ drill: true });
    expect(incidents.find((i) => i.scenario === 'exchange_disconnected')!.timeline.at(-1)!.text).toMatch(/^DRILL: raised during the drill "Exchange down"/);
    expect(incidents.find((i) => i.scenario === 'disk_low')?.drill).toBeUndefined();
    // The mark is in the recorded batch: a restart replays it.
    await h.crash(desk);
    const again = await h.start();
    expect(again.service.view().incidents.find((i) => i.scenario === 'exchange_disconnected')).toMatchObject({ drill: true });
  });
});
