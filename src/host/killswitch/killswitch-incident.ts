/**
 * After a killswitch press, the incident that carries it: the procedures
 * make every killswitch a SEV1 (tell the desk within 5 minutes, management
 * within 15). When a loss-limit incident or any SEV1 is already open, the
 * press belongs to it: a note on its timeline, and it is raised to SEV1 if
 * it was lower. Otherwise a new SEV1 "Killswitch activated: <reason>" is
 * opened. Either way its clocks (the desk's among them) run from the core's
 * rules; the incident service records every change on the audit log.
 */
import type { Incident, IncidentActRequest, IncidentOpenRequest } from '../../contract/incidents.js';
import type { IncidentsState } from '../../core/incidents/model.js';
import { isOpen } from '../../core/incidents/model.js';
import type { KillswitchOutcome, StopOutcome } from '../../core/killswitch/outcome.js';

export interface IncidentDesk {
  state(): IncidentsState;
  open(request: IncidentOpenRequest): Promise<Incident>;
  act(request: IncidentActRequest): Promise<Incident>;
}

/** Longest title the contract takes, characters. */
const TITLE_MAX = 200;
/** Longest note or detail the contract takes, characters. */
const TEXT_MAX = 4_000;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The open incident a press belongs to: the loss-limit one first, else the newest open SEV1. */
export function incidentForPress(state: IncidentsState): Incident | null {
  const open = state.incidents.filter(isOpen);
  const newestFirst = [...open].sort((a, b) => b.startedAt - a.startedAt);
  return newestFirst.find((i) => i.scenario === 'loss_limit') ?? newestFirst.find((i) => i.severity === 'SEV1') ?? null;
}

/** What the timeline and the incident's detail say about the press, in plain sentences. */
export function describePress(outcome: KillswitchOutcome, headline: string, actor: string): string {
  const lines = [`Killswitch pressed by ${actor}: ${outcome.reason}.`, `${headline}.`];
  if (outcome.seen.length > 0) lines.push(`Seen: ${outcome.seen.join('; ')}.`);
  if (!outcome.verified) lines.push(`Next: ${outcome.nextSteps.map((s) => (s.command ? `${s.text}: ${s.command}` : s.text)).join(' | ')}`);
  return clip(lines.join(' '), TEXT_MAX);
}

/** Opens or updates the SEV1 for this press; resolves to its id. */
export async function recordPressOnIncident(desk: IncidentDesk, outcome: KillswitchOutcome, headline: string, actor: string): Promise<string> {
  const text = describePress(outcome, headline, actor);
  const existing = incidentForPress(desk.state());
  if (existing) {
    await desk.act({ incidentId: existing.id, action: { type: 'note', text } });
    if (existing.severity !== 'SEV1') {
      await desk.act({ incidentId: existing.id, action: { type: 'change_severity', severity: 'SEV1', reason: 'The killswitch was pressed' } });
    }
    return existing.id;
  }
  const title = outcome.verified ? `Killswitch activated: ${outcome.reason}` : `Killswitch pressed, NOT VERIFIED: ${outcome.reason}`;
  const opened = await desk.open({ title: clip(title, TITLE_MAX), severity: 'SEV1', detail: text });
  return opened.id;
}

/** A strategy stop named with its incident goes on that incident's timeline. */
export async function recordStopOnIncident(desk: IncidentDesk, incidentId: string, outcome: StopOutcome, headline: string, actor: string): Promise<void> {
  const text = clip(`Strategies stopped by ${actor} (${outcome.reason}): ${headline}. Asked: ${outcome.ids.join(', ')}.`, TEXT_MAX);
  await desk.act({ incidentId, action: { type: 'note', text } });
}
