import { describe, expect, it } from 'vitest';
import type { IncidentActRequest, IncidentOpenRequest } from '../../contract/incidents.js';
import { applyIncidentEvent } from '../../core/incidents/apply.js';
import { initialIncidentsState, type IncidentsState } from '../../core/incidents/model.js';
import type { KillswitchOutcome } from '../../core/killswitch/outcome.js';
import { DEFAULT_PLAYBOOK } from '../../core/playbook/default.js';
import { actionEvent } from '../../services/incidents/actions.js';
import { describePress, incidentForPress, recordPressOnIncident, type IncidentDesk } from './killswitch-incident.js';

const T0 = 1_800_000_000_000;

/** The incident desk as plain state run through the core: what the service does, minus the disk. */
function deskWith(state: IncidentsState): IncidentDesk & { calls: string[] } {
  let now = T0;
  const calls: string[] = [];
  return {
    calls,
    state: () => state,
    async open(request: IncidentOpenRequest) {
      calls.push(`open ${request.severity} ${request.title}`);
      state = applyIncidentEvent(state, { type: 'open', by: 'ana', ...request }, (now += 1000), DEFAULT_PLAYBOOK);
      return state.incidents.at(-1)!;
    },
    async act({ incidentId, action }: IncidentActRequest) {
      calls.push(`${action.type} ${incidentId}`);
      state = applyIncidentEvent(state, actionEvent(incidentId, action, 'ana', DEFAULT_PLAYBOOK), (now += 1000), DEFAULT_PLAYBOOK);
      return state.incidents.find((i) => i.id === incidentId)!;
    },
  };
}

const opened = (severity: 'SEV1' | 'SEV2', title: string, scenario: 'loss_limit' | 'exchange_disconnected' | null, at: number, state = initialIncidentsState()) =>
  applyIncidentEvent(state, { type: 'open', by: 'ana', severity, title, scenario }, at, DEFAULT_PLAYBOOK);

const outcome = (verified: boolean): KillswitchOutcome => ({
  verified,
  verifiedAt: verified ? T0 : null,
  strategiesStopped: verified ? 24 : 0,
  seen: verified ? [] : ['killswitch.active is false'],
  nextSteps: verified ? [] : [{ text: 'On the trading host, send the killswitch by hand', command: "curl -X POST http://localhost:8080/api/v1/killswitch -d '{\"reason\":\"x\"}'" }],
  attempts: 1,
  path: 'direct',
  elapsedMs: 120,
  reason: 'runaway strategy',
  idempotencyKey: 'k',
});

describe('the incident a killswitch press belongs to', () => {
  it('is the open loss-limit incident first, then the newest open SEV1, else none', () => {
    const one = opened('SEV1', 'Several exchanges down', 'exchange_disconnected', T0);
    expect(incidentForPress(one)?.title).toBe('Several exchanges down');
    const two = opened('SEV2', 'Loss limit approaching', 'loss_limit', T0 + 1, one);
    expect(incidentForPress(two)?.title).toBe('Loss limit approaching');
    expect(incidentForPress(opened('SEV2', 'Disk low', null, T0))).toBeNull();
  });

  it('opens a SEV1 named after the reason when none is open, with the desk clock running', async () => {
    const desk = deskWith(opened('SEV2', 'Disk low', null, T0));
    const id = await recordPressOnIncident(desk, outcome(true), 'Trading halted, verified at 14:03:07, 24 strategies stopped', 'ana');
    expect(desk.calls).toEqual(['open SEV1 Killswitch activated: runaway strategy']);
    const incident = desk.state().incidents.find((i) => i.id === id)!;
    expect(incident.due.some((d) => d.kind === 'notify_desk')).toBe(true);
  });

  it('notes the press on an open loss-limit incident and raises it to SEV1', async () => {
    const desk = deskWith(opened('SEV2', 'Loss limit approaching', 'loss_limit', T0));
    const id = await recordPressOnIncident(desk, outcome(false), 'NOT VERIFIED: trading may still be running', 'ana');
    expect(desk.calls).toEqual([`note ${id}`, `change_severity ${id}`]);
    const incident = desk.state().incidents.find((i) => i.id === id)!;
    expect(incident.severity).toBe('SEV1');
    expect(incident.timeline.some((e) => e.text.includes('NOT VERIFIED') && e.text.includes('curl -X POST'))).toBe(true);
  });

  it('says who pressed, why, the headline, and for an unproven halt what to run', () => {
    expect(describePress(outcome(true), 'Trading halted, verified at 14:03:07, 24 strategies stopped', 'ana')).toBe(
      'Killswitch pressed by ana: runaway strategy. Trading halted, verified at 14:03:07, 24 strategies stopped.',
    );
    const unproven = describePress(outcome(false), 'NOT VERIFIED: trading may still be running', 'ana');
    expect(unproven).toContain('Seen: killswitch.active is false.');
    expect(unproven).toContain('Next: On the trading host, send the killswitch by hand: curl -X POST');
  });
});
