/**
 * The procedures through the running incident desk: what the rules flag from
 * the polls, what an engineer's action must carry, and what is recorded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentAlert } from '../../contract/incidents.js';
import { IncidentsHarness, type Desk } from '../../../test/support/incidents-harness.js';
import { IncidentsRefusal } from './service.js';

const MIN = 60_000;

let h: IncidentsHarness;
let desk: Desk;
beforeEach(async () => {
  h = new IncidentsHarness();
  desk = await h.start();
});
afterEach(() => h.cleanup());

const alertsOf = (d: Desk) => d.alerts().map((n) => n.payload as IncidentAlert);
const incident = (id = 'INC-1') => desk.service.view().incidents.find((i) => i.id === id)!;

async function refusalOf(work: Promise<unknown>): Promise<IncidentsRefusal> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(IncidentsRefusal);
  return error as IncidentsRefusal;
}

describe('what the rules flag from the polls', () => {
  it('the loss limit at 90%: heard at once with "be ready to kill" due, and not again as overdue', async () => {
    await h.observe(desk, { lossLimitUsedPct: 82 });
    await h.pass(MIN, desk);
    await h.observe(desk, { lossLimitUsedPct: 91 });
    await h.pass(0, desk);
    const flagged = alertsOf(desk).filter((a) => a.kind === 'flagged' && a.item === 'prepare_kill');
    expect(flagged).toEqual([expect.objectContaining({ incidentId: 'INC-1', severity: 'SEV1', title: expect.stringContaining('Be ready to kill') })]);
    expect(incident().due.find((d) => d.kind === 'prepare_kill')).toMatchObject({ contactId: 'trading-desk', done: null });
    await h.pass(MIN, desk);
    expect(alertsOf(desk).filter((a) => a.kind === 'breach' && a.item === 'prepare_kill')).toEqual([]);
  });

  it("today's loss past $10K with an incident open: high financial impact, Level 3 due at once", async () => {
    await h.observe(desk, { down: ['binance'], lossLimitUsedPct: 10 }); // $5,000 lost
    expect(incident().flags.financial_impact).toBeUndefined();
    await h.pass(MIN, desk);
    await h.observe(desk, { down: ['binance'], lossLimitUsedPct: 30 }); // $15,000 lost
    expect(incident().flags.financial_impact).toMatchObject({ by: null, detail: "today's loss $15,000 is beyond the $10,000 mark" });
    expect(incident().due.find((d) => d.kind === 'escalate_l3')).toMatchObject({ label: 'Escalate to Level 3: high financial impact', dueAt: h.time.now() });
    expect(alertsOf(desk).some((a) => a.kind === 'flagged' && a.item === 'escalate_l3')).toBe(true);
  });
});

describe("what an engineer's action carries", () => {
  it('resolving takes the final update; it is recorded as final with its channels', async () => {
    await desk.service.open({ title: 'Stuck orders', severity: 'SEV3' });
    const refused = await refusalOf(desk.service.act({ incidentId: 'INC-1', action: { type: 'resolve', note: 'Reconciled.' } }));
    expect(refused.message).toBe('INC-1 is SEV3: resolving it takes the final status update to stakeholders');
    await desk.service.act({
      incidentId: 'INC-1',
      action: { type: 'resolve', note: 'Reconciled.', finalUpdate: { text: '04:10 UTC: orders reconciled.', channels: ['incident-channel'] } },
    });
    expect(incident().timeline.slice(-2).map((e) => [e.kind, e.channels ?? null])).toEqual([['final_update', ['incident-channel']], ['resolved', null]]);
  });

  it('an incident resolved elsewhere (in PagerDuty) is recorded as it came, without a final update', async () => {
    await desk.service.open({ title: 'Stuck orders', severity: 'SEV2' });
    await desk.service.act({ incidentId: 'INC-1', action: { type: 'resolve', note: 'Resolved in PagerDuty.' } }, 'ben (PagerDuty)');
    expect(incident()).toMatchObject({ phase: 'resolved', resolved: { by: 'ben (PagerDuty)' } });
    expect(incident().timeline.some((e) => e.kind === 'final_update')).toBe(false);
  });

  it('an escalation records the name and number the directory has, not what the page sent', async () => {
    await desk.service.open({ title: 'Crash', severity: 'SEV1' });
    await desk.service.act({ incidentId: 'INC-1', action: { type: 'escalate', level: 2, contactId: 'level2-senior', summary: 'SEV1 crash.' } });
    expect(incident().escalations[0]).toMatchObject({ contactId: 'level2-senior', name: 'Senior on-call', phone: '+1-555-0101', summary: 'SEV1 crash.', by: 'ana' });
    const unknown = await refusalOf(desk.service.act({ incidentId: 'INC-1', action: { type: 'escalate', level: 3, contactId: 'nobody' } }));
    expect(unknown.message).toBe('no contact "nobody" in the directory');
  });

  it('opening by hand with a scenario gives its runbook; the decision tree takes its questions in order', async () => {
    await desk.service.open({ title: 'Binance flapping', severity: 'SEV2', scenario: 'exchange_disconnected' });
    await desk.service.act({ incidentId: 'INC-1', action: { type: 'tick_step', stepId: 'check-exchange' } });
    const early = await refusalOf(desk.service.act({ incidentId: 'INC-1', action: { type: 'decide', question: 'expertise', answer: true } }));
    expect(early.message).toBe('the decision tree of INC-1 asks "Is it SEV1 (critical)?" next');
    await desk.service.act({ incidentId: 'INC-1', action: { type: 'decide', question: 'sev1', answer: false } });
    expect(incident().decisions).toEqual([{ question: 'sev1', answer: false, by: 'ana', at: h.time.now() }]);
  });

  it('a security flag is set once, by a person, with what was seen', async () => {
    await desk.service.open({ title: 'Odd withdrawals', severity: 'SEV2' });
    await desk.service.act({ incidentId: 'INC-1', action: { type: 'flag', flag: 'security', detail: 'Withdrawal to an unknown address' } });
    expect(incident().due.find((d) => d.kind === 'notify_security')).toMatchObject({ contactId: 'security', dueAt: h.time.now() });
    const again = await refusalOf(desk.service.act({ incidentId: 'INC-1', action: { type: 'flag', flag: 'security', detail: 'x' } }));
    expect(again.code).toBe('conflict');
  });
});
