/**
 * Status updates that go somewhere. Where an incident's update is posted
 * comes from the playbook (the severity's channels, and the status page for
 * the severities that use it), and a lint beside the draft names what a
 * good update has and this one lacks, in the procedures' terms: the time,
 * what is affected and what is not, what was done, when the next update
 * comes, and no speculation.
 *
 * The lint is a reader's checklist, not a grammar: it looks for the words
 * such facts are written with. It never blocks posting.
 */
import type { Contact, Playbook, Severity } from '../playbook/schema.js';

export interface UpdateTarget {
  contactId: string;
  name: string;
  /** Where to open it, when the directory has an address. */
  url: string | null;
  statusPage: boolean;
}

/** Where an update for this severity goes, in the order to post it. */
export function statusUpdateTargets(severity: Severity, playbook: Playbook): UpdateTarget[] {
  const policy = playbook.severities[severity];
  const byId = new Map<string, Contact>(playbook.contacts.map((c) => [c.id, c]));
  const target = (id: string, statusPage: boolean): UpdateTarget => {
    const c = byId.get(id);
    return { contactId: id, name: c?.name ?? id, url: c?.url ?? null, statusPage };
  };
  const out = policy.updateChannels.map((id) => target(id, false));
  if (policy.statusPage) out.push(target(playbook.communication.statusPageContact, true));
  return out;
}

export type LintRule = 'time' | 'affected' | 'unaffected' | 'done' | 'next_update' | 'speculation';

export interface LintFinding {
  rule: LintRule;
  message: string;
}

// "03:40", "03:40Z", "3.40", "11:30 AM", "3 pm".
const TIME = /\b([01]?\d|2[0-3])[:.h][0-5]\d(?!\d)|\b(1[0-2]|0?[1-9])\s?(am|pm)\b/i;
/** A form's empty heading ("Not affected: ") says nothing yet. */
const EMPTY_LABEL_LINE = /^\s*[A-Za-z][A-Za-z ]*:\s*$/;
const AFFECTED =
  /\b(affect(s|ed|ing)?|impact(s|ed|ing)?|down|outage|unavailable|degraded|delay(s|ed)?|disconnect(s|ed|ion|ions)?|connection issues?|issues? with|problems? with|stopped|halted|paused|slow(er)?|errors?|fail(s|ed|ing|ure)|latency|full|losses?)\b/i;
const UNAFFECTED =
  /\b(other|others|unaffected|not affected|normal(ly)?|as usual|unchanged|no impact|still (trading|running|working|up)|operating|remain(s)? (up|available|online|connected))\b/i;
const DONE =
  /\b(we have|we've|has been|have been|stopped|restarted|paused|failed over|rolled back|escalated|reconnected|switched|disabled|cleared|halted|applied|deployed|freed|archived|investigating|checked|identified|fixed|resolved|restored)\b/i;
const NEXT_UPDATE = /\bnext update\b|\bupdate (again )?(in|at|by|within)\b|\bwill update\b/i;

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the draft lacks, in the order a reader checks; empty for a good update. */
export function lintStatusUpdate(text: string, playbook: Playbook): LintFinding[] {
  const findings: LintFinding[] = [];
  const said = text.split(/\r?\n/).filter((line) => !EMPTY_LABEL_LINE.test(line)).join('\n');
  const has = (re: RegExp) => re.test(said);
  if (!has(TIME)) findings.push({ rule: 'time', message: 'Say the time (e.g. "03:40 UTC:").' });
  if (!has(AFFECTED)) findings.push({ rule: 'affected', message: 'Say what is affected (which exchange, strategies, service).' });
  if (!has(UNAFFECTED)) findings.push({ rule: 'unaffected', message: 'Say what is not affected (e.g. "other exchanges operating normally").' });
  if (!has(DONE)) findings.push({ rule: 'done', message: 'Say what was done (e.g. "strategies on Binance have been stopped").' });
  if (!has(NEXT_UPDATE)) findings.push({ rule: 'next_update', message: 'Say when the next update comes (e.g. "Next update in 15 minutes").' });
  const guesses = playbook.communication.speculationWords.filter((w) => new RegExp(`\\b${escape(w)}\\b`, 'i').test(said));
  if (guesses.length > 0) {
    findings.push({ rule: 'speculation', message: `Speculation: ${guesses.map((w) => `"${w}"`).join(', ')}. State what is known.` });
  }
  return findings;
}
