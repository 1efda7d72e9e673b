/**
 * What to say when phoning the next escalation level, built from the
 * incident: who is calling and about what, what happened and since when,
 * the impact, what was tried (from the timeline and the form's note), where
 * it stands now, and what is asked of them. The procedures say to call, not
 * email, and to give a clear summary; a script read off the screen keeps
 * that summary complete when the engineer is under pressure.
 */
import { actionsTaken, durationWords, latestStatusUpdate, oneLine, phaseWords, stepsLeft } from '../handoff/incident-facts.js';
import type { Incident } from '../incidents/model.js';
import type { Playbook } from '../playbook/schema.js';
import { formatLocalTime } from '../shift/zoned-time.js';

export interface CallScriptInput {
  incident: Incident;
  level: number;
  playbook: Playbook;
  /** Who is calling: the name actions are recorded under. */
  caller: string;
  /** What the engineer typed in the escalate form, if anything. */
  note?: string;
  now: number;
  timeZone: string;
}

/** Timeline lines read out under "what was tried": the last few, the call is not the report. */
export const MAX_TRIED_LINES = 8;

export function escalationCallScript(input: CallScriptInput): string {
  const { incident, playbook, now, timeZone } = input;
  const t = (at: number) => formatLocalTime(at, timeZone);
  const level = playbook.escalation.levels.find((l) => l.level === input.level);
  const levelName = level ? `Level ${level.level}, ${level.name}` : `Level ${input.level}`;
  const policy = playbook.severities[incident.severity];
  const scenario = incident.scenario ? playbook.scenarios[incident.scenario] : null;

  const lines: string[] = [];
  lines.push(`Hello, this is ${oneLine(input.caller) || 'the on-call engineer'}, on call for the trading system. I am escalating ${incident.id} to you (${levelName}).`);
  lines.push('');
  lines.push(`What happened: ${oneLine(incident.title)}. ${incident.severity} (${policy.label}), started ${t(incident.startedAt)}, ${durationWords(now - incident.startedAt)} ago.`);
  if (incident.detail) lines.push(`Detail: ${oneLine(incident.detail)}`);
  if (scenario) lines.push(`Alert: ${scenario.summary}`);
  lines.push('');
  const affected = incident.subjects.length > 0 ? incident.subjects.join(', ') : 'see the detail';
  lines.push(`Impact: affected: ${affected}.${policy.statusPage ? ' Status page updates apply.' : ''}`);
  lines.push('');

  const tried = actionsTaken(incident).slice(-MAX_TRIED_LINES).map((e) => `- ${t(e.at)} ${oneLine(e.text)}`);
  const note = oneLine(input.note ?? '');
  if (note) tried.push(`- Also: ${note}`);
  lines.push('What I have tried:', ...(tried.length > 0 ? tried : ['- Nothing yet beyond looking at the alert.']));
  lines.push('');

  const update = latestStatusUpdate(incident);
  lines.push(`Where it stands: ${phaseWords(incident)}.${update ? ` Last update at ${t(update.at)}: ${oneLine(update.text)}` : ''}`);
  const left = stepsLeft(incident, playbook);
  if (scenario && left.length > 0) lines.push(`Runbook steps not done yet: ${left.map((s) => oneLine(s.text)).join('; ')}.`);
  lines.push('');

  const why = level?.triggers.length ? ` (${level.triggers.join('; ')})` : '';
  lines.push(`What I need from you: take this on with me now${why}. I will stay on the incident until you have it.`);
  return lines.join('\n');
}
