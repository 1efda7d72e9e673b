/**
 * Reading a playbook someone edited by hand. A broken file is refused with
 * one clear message naming the field ("severities.SEV1.ackMinutes: expected
 * a positive number ..."), and the caller keeps the playbook it had: see
 * `importPlaybook`, which never hands back a half-valid one.
 */
import type { z } from 'zod';
import { Playbook, SCENARIO_IDS, SEVERITIES } from './schema.js';

export type PlaybookParse = { ok: true; playbook: Playbook } | { ok: false; error: string };

/** "scenarios.disk_low.runbook[2].id" from zod's path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '(top level): invalid playbook';
  // An unknown key is reported on its parent object; name the key itself.
  if (issue.code === 'unrecognized_keys') {
    return `${fieldPath([...issue.path, issue.keys[0] ?? ''])}: unknown field`;
  }
  return `${fieldPath(issue.path)}: ${issue.message}`;
}

function isKnownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Rules that span fields: references resolve, ids are unique, thresholds are in order. */
function crossCheck(p: Playbook): string | null {
  const contactIds = new Set<string>();
  for (const [i, c] of p.contacts.entries()) {
    if (contactIds.has(c.id)) return `contacts[${i}].id: "${c.id}" is used twice`;
    contactIds.add(c.id);
  }
  for (const [i, level] of p.escalation.levels.entries()) {
    if (level.level !== i + 1) return `escalation.levels[${i}].level: expected ${i + 1} (levels in order from 1)`;
    for (const [j, cid] of level.contacts.entries()) {
      if (!contactIds.has(cid)) return `escalation.levels[${i}].contacts[${j}]: no contact with id "${cid}"`;
    }
  }
  if (p.escalation.levels.length < 3) return 'escalation.levels: expected levels 1, 2 and 3';
  for (const key of ['deskContact', 'managementContact', 'securityContact', 'complianceContact'] as const) {
    const cid = p.escalation[key];
    if (!contactIds.has(cid)) return `escalation.${key}: no contact with id "${cid}"`;
  }
  if (!contactIds.has(p.communication.statusPageContact)) {
    return `communication.statusPageContact: no contact with id "${p.communication.statusPageContact}"`;
  }
  for (const sev of SEVERITIES) {
    const policy = p.severities[sev];
    for (const [j, cid] of policy.updateChannels.entries()) {
      if (!contactIds.has(cid)) return `severities.${sev}.updateChannels[${j}]: no contact with id "${cid}"`;
    }
    const level2 = policy.escalateLevel2;
    if (level2 && level2.from !== 'engaged' && p.escalation.level3AfterMinutes <= level2.afterMinutes) {
      return `escalation.level3AfterMinutes: expected more than severities.${sev}.escalateLevel2.afterMinutes`;
    }
  }
  if (!isKnownZone(p.businessDays.timeZone)) {
    return `businessDays.timeZone: unknown time zone "${p.businessDays.timeZone}"`;
  }
  for (const sid of SCENARIO_IDS) {
    const seen = new Set<string>();
    for (const [i, step] of p.scenarios[sid].runbook.entries()) {
      if (seen.has(step.id)) return `scenarios.${sid}.runbook[${i}].id: "${step.id}" is used twice`;
      seen.add(step.id);
      // The killswitch has its own guarded control; a runbook line must never fire it.
      if (step.command !== undefined && /killswitch/i.test(step.command)) {
        return `scenarios.${sid}.runbook[${i}].command: the killswitch is pressed from its own control, not from a runbook`;
      }
    }
  }
  const loss = p.scenarios.loss_limit.detection;
  if (!(loss.approachingPct <= loss.prepareKillPct)) {
    return 'scenarios.loss_limit.detection.prepareKillPct: expected at least approachingPct';
  }
  if (!(loss.prepareKillPct <= loss.killswitchPct)) {
    return 'scenarios.loss_limit.detection.killswitchPct: expected at least prepareKillPct';
  }
  const disk = p.scenarios.disk_low.detection;
  if (!(disk.warnPct < disk.criticalPct)) return 'scenarios.disk_low.detection.criticalPct: expected more than warnPct';
  return null;
}

/** Validates an already-parsed JSON value as a playbook. */
export function parsePlaybook(json: unknown): PlaybookParse {
  const result = Playbook.safeParse(json);
  if (!result.success) return { ok: false, error: firstIssue(result.error) };
  const problem = crossCheck(result.data);
  return problem === null ? { ok: true, playbook: result.data } : { ok: false, error: problem };
}

/** Validates the text of a playbook file. */
export function parsePlaybookText(text: string): PlaybookParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `(file): not valid JSON: ${(e as Error).message}` };
  }
  return parsePlaybook(json);
}

/** The file an engineer exports: stable, indented, ends with a newline. */
export function exportPlaybook(playbook: Playbook): string {
  return `${JSON.stringify(playbook, null, 2)}\n`;
}

/**
 * An import attempt against the playbook in force: on success the new one,
 * on failure the current one unchanged together with the reason.
 */
export function importPlaybook(
  current: Playbook,
  text: string,
): { playbook: Playbook; changed: boolean; error: string | null } {
  const parsed = parsePlaybookText(text);
  return parsed.ok
    ? { playbook: parsed.playbook, changed: true, error: null }
    : { playbook: current, changed: false, error: parsed.error };
}
