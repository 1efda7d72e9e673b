/**
 * The handoff's sign-off. The outgoing cockpit exports the note with a line
 * after it that names it (an HTML comment, invisible where the Markdown is
 * rendered): an id, who from, who to, when, and the note's SHA-256. The
 * incoming engineer's cockpit opens that file, shows the note, and on
 * "read and accepted" records it and hands back a small acceptance file
 * naming the same id and hash; the outgoing cockpit opens that, checks it
 * answers a note it exported, unchanged, and shows "read and accepted by X
 * at T". Accepting is what ends the outgoing engineer's "stay available".
 *
 * Pure: hashing is the host's (it is given here as a value).
 */
import { z } from 'zod';
import { MINUTE_MS } from '../shift/zoned-time.js';

/** The outgoing engineer stays reachable this long after the handoff time, or until accepted (team procedure). */
export const STAY_AVAILABLE_MS = 30 * MINUTE_MS;

export const HandoffStamp = z.object({
  id: z.string().regex(/^[a-zA-Z0-9-]{8,64}$/),
  from: z.string().max(200),
  to: z.string().max(200),
  exportedAt: z.number(),
  /** SHA-256, hex, of the note's text before the stamp line. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HandoffStamp = z.infer<typeof HandoffStamp>;

export const HandoffAcceptance = z.object({
  kind: z.literal('oncall-handoff-acceptance'),
  handoffId: HandoffStamp.shape.id,
  sha256: HandoffStamp.shape.sha256,
  from: z.string().max(200),
  acceptedBy: z.string().min(1).max(200),
  acceptedAt: z.number(),
});
export type HandoffAcceptance = z.infer<typeof HandoffAcceptance>;

const STAMP_PREFIX = '<!-- oncall-handoff ';
const STAMP_SUFFIX = ' -->';

/** The note with its stamp as the last line. */
export function stampNote(note: string, stamp: HandoffStamp): string {
  return `${note.endsWith('\n') ? note : `${note}\n`}${STAMP_PREFIX}${JSON.stringify(stamp)}${STAMP_SUFFIX}\n`;
}

export type ReadHandoff = { ok: true; note: string; stamp: HandoffStamp } | { ok: false; error: string };

/**
 * Splits an exported handoff file into the note and its stamp; `sha256` is
 * checked by the caller. What follows the stamp line is not the note's:
 * the host adds the audit log's head to every exported file after it.
 */
export function readHandoffFile(text: string): ReadHandoff {
  const body = `\n${text.replace(/\r\n/g, '\n')}`;
  const at = body.lastIndexOf(`\n${STAMP_PREFIX}`);
  const end = at < 0 ? -1 : body.indexOf('\n', at + 1);
  const line = at < 0 ? null : body.slice(at + 1, end < 0 ? undefined : end).trimEnd();
  if (line === null || !line.endsWith(STAMP_SUFFIX)) return { ok: false, error: 'this is not a handoff exported by the cockpit (it names none)' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(STAMP_PREFIX.length, -STAMP_SUFFIX.length));
  } catch {
    return { ok: false, error: 'the handoff’s stamp is damaged' };
  }
  const stamp = HandoffStamp.safeParse(parsed);
  if (!stamp.success) return { ok: false, error: 'the handoff’s stamp is damaged' };
  return { ok: true, note: body.slice(1, at + 1), stamp: stamp.data };
}

export type ReadAcceptance = { ok: true; acceptance: HandoffAcceptance } | { ok: false; error: string };

export function readAcceptanceFile(text: string): ReadAcceptance {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: 'this is not a handoff acceptance (not JSON)' };
  }
  const acceptance = HandoffAcceptance.safeParse(parsed);
  return acceptance.success ? { ok: true, acceptance: acceptance.data } : { ok: false, error: 'this is not a handoff acceptance' };
}

/**
 * Until when the outgoing engineer must stay available, as of `now`: for
 * 30 minutes from the handoff time of the shift the note was written for,
 * unless the incoming engineer has accepted it; null when not (or no
 * longer) owed.
 */
export function stayAvailableUntil(handoffAt: number, accepted: boolean, now: number): number | null {
  if (accepted || now < handoffAt) return null;
  const until = handoffAt + STAY_AVAILABLE_MS;
  return now < until ? until : null;
}
