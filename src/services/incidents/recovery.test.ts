import { copyFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentAlert } from '../../contract/incidents.js';
import { IncidentsHarness, type Desk } from '../../../test/support/incidents-harness.js';

const MIN = 60_000;

let h: IncidentsHarness;
beforeEach(() => {
  h = new IncidentsHarness();
});
afterEach(() => h.cleanup());

/** The audit record the snapshot on disk includes. */
const snapshotSeq = (): number => (JSON.parse(readFileSync(join(h.dir, 'incidents.json'), 'utf8')) as { auditSeq: number }).auditSeq;

const breachesOf = (d: Desk) =>
  d.alerts().map((n) => n.payload as IncidentAlert).filter((a) => a.kind === 'breach').map((a) => a.item).sort();

/** A SEV1 with an acknowledgement, a done-mark, and three deadlines passed and announced. */
async function busyShift(desk: Desk) {
  await h.observe(desk, { down: ['binance', 'kraken'] });
  await h.pass(MIN, desk);
  await desk.service.act({ incidentId: 'INC-1', action: { type: 'acknowledge' } });
  await desk.service.act({ incidentId: 'INC-1', action: { type: 'mark_done', item: 'notify_desk' } });
  await h.pass(15 * MIN, desk);
  expect(breachesOf(desk)).toEqual(['engage', 'escalate_l2', 'not_understood', 'notify_management', 'status_update']);
}

describe('incident service across restarts', () => {
  it('keeps incidents, absolute deadlines and done-marks, and announces only what passed while closed', async () => {
    const first = await h.start();
    await busyShift(first);
    const before = first.service.state();
    await h.stop(first);

    await h.time.advance(110 * MIN); // closed past the two-hour Level 3 mark
    const second = await h.start();
    expect(second.service.state()).toEqual(before);
    const incident = second.service.view().incidents[0]!;
    expect(incident.done.notify_desk).toEqual({ by: 'ana', at: h.time.now() - 125 * MIN });
    expect(incident.due.find((d) => d.kind === 'escalate_l3')!.dueAt).toBe(incident.startedAt + 120 * MIN);

    await h.pass(0, second);
    expect(breachesOf(second)).toEqual(['escalate_l3']);
    await h.pass(5 * MIN, second);
    expect(breachesOf(second)).toEqual(['escalate_l3']);
  });

  it('rebuilds from the audit log when the snapshot was torn by a crash', async () => {
    const first = await h.start();
    await busyShift(first);
    const before = first.service.state();
    await h.crash(first);
    truncateSync(join(h.dir, 'incidents.json'), 100);

    const second = await h.start();
    expect(second.service.state()).toEqual(before);
    expect(second.service.problems).toEqual([expect.stringMatching(/^incidents\.json could not be read/)]);
    await h.pass(MIN, second);
    expect(breachesOf(second)).toEqual([]);
  });

  it('replays what the log holds beyond a snapshot left behind', async () => {
    const first = await h.start();
    await h.observe(first, { down: ['binance', 'kraken'] });
    await first.service.idle();
    const early = join(h.dir, 'incidents.early.json');
    copyFileSync(join(h.dir, 'incidents.json'), early);
    await h.pass(MIN, first);
    await first.service.act({ incidentId: 'INC-1', action: { type: 'acknowledge' } });
    await h.pass(15 * MIN, first);
    const before = first.service.state();
    await h.crash(first);
    copyFileSync(early, join(h.dir, 'incidents.json'));

    const second = await h.start();
    expect(second.service.state()).toEqual(before);
    expect(second.service.problems).toEqual([]);
    await h.pass(MIN, second);
    expect(breachesOf(second)).toEqual([]);
  });

  it('reports a broken audit chain and still rebuilds what it can read', async () => {
    const first = await h.start();
    await busyShift(first);
    await h.stop(first);
    const lines = readFileSync(h.auditPath, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"actor":"ana"', '"actor":"eve"');
    writeFileSync(h.auditPath, lines.join('\n'));

    const second = await h.start();
    expect(second.service.view().auditProblem).toMatch(/audit\.log is damaged at line 2 \(seq 2\): hash does not match/);
    expect(h.logged.some((l) => l.includes('damaged at line 2'))).toBe(true);
    expect(second.service.view().incidents[0]!.acknowledged?.by).toBe('ana');
  });

  it('keeps the snapshot when the log behind it is gone, and counts new records from the log it finds', async () => {
    const first = await h.start();
    await busyShift(first);
    const before = first.service.state();
    await h.stop(first);
    const seq = snapshotSeq();
    rmSync(h.auditPath);

    const second = await h.start();
    expect(second.service.state()).toEqual(before);
    expect(second.service.problems).toEqual([expect.stringMatching(new RegExp(`ends at record 0 but incidents.json includes record ${seq}: records 1-${seq} missing\\.`))]);
    expect(second.service.view().auditProblem).toBe(second.service.problems[0]);
    const atStart = join(h.dir, 'incidents.at-start.json');
    copyFileSync(join(h.dir, 'incidents.json'), atStart);
    await second.service.act({ incidentId: 'INC-1', action: { type: 'engage' } });
    await h.crash(second);
    copyFileSync(atStart, join(h.dir, 'incidents.json'));

    const third = await h.start();
    expect(third.service.view().incidents[0]!.engaged?.by).toBe('ana');
    expect(third.service.problems).toEqual([]);
  });

  it('says which records are missing when the log ends before the snapshot', async () => {
    const first = await h.start();
    await busyShift(first);
    await h.stop(first);
    const seq = snapshotSeq();
    const lines = readFileSync(h.auditPath, 'utf8').split('\n');
    writeFileSync(h.auditPath, lines.slice(0, seq - 3).join('\n') + '\n');

    const second = await h.start();
    expect(second.service.view().auditProblem).toContain(`ends at record ${seq - 3} but incidents.json includes record ${seq}: records ${seq - 2}-${seq} missing.`);
  });

  it('keeps a torn last audit line beside the log and says where: the half-written change never happened', async () => {
    const first = await h.start();
    await h.observe(first, { down: ['okx'] });
    await h.crash(first);
    writeFileSync(join(h.dir, 'incidents.json'), '');
    writeFileSync(h.auditPath, `${readFileSync(h.auditPath, 'utf8')}{"seq":2,"type":"incident.acknow`);

    const second = await h.start();
    const torn = second.audit.opened.torn!;
    expect(readFileSync(torn.path, 'utf8')).toBe('{"seq":2,"type":"incident.acknow');
    expect(second.service.view().auditProblem).toBe(
      `The end of the audit log could not be read (32 bytes, cut short by a crash or damaged); it is kept unchanged in ${torn.path}, and recording goes on after the last good record.`,
    );
    expect(second.service.view().incidents[0]).toMatchObject({ id: 'INC-1', acknowledged: null });
    const acked = await second.service.act({ incidentId: 'INC-1', action: { type: 'acknowledge' } });
    expect(acked.acknowledged?.by).toBe('ana');
    expect(await second.audit.verify()).toMatchObject({ ok: true, records: 2 });
  });
});
