/**
 * Checking a whole audit log file, as `npm run audit:verify` does: every
 * link, every record under a key held, anything after the last record, and
 * optionally a chain head copied from an export (a handoff, a timeline, a
 * pre-shift report), which catches a history rewritten and re-hashed by
 * someone without the key. The answer is the first problem, in a sentence.
 */
import { scanLog } from '../audit-log.js';
import { checkChain, type ChainHead, type ChainKeys } from './chain.js';

export type LogVerdict = { ok: true; message: string } | { ok: false; message: string };

export function verifyLogBytes(bytes: Uint8Array, keys?: ChainKeys, head?: ChainHead): LogVerdict {
  const { lines, keepBytes } = scanLog(bytes);
  const chain = checkChain(lines, keys);
  if (!chain.ok) {
    return { ok: false, message: `line ${chain.line}${chain.seq === null ? '' : ` (seq ${chain.seq})`}: ${chain.reason}` };
  }
  if (keepBytes < bytes.length) {
    return { ok: false, message: `after record ${chain.records} (byte ${keepBytes}): ${bytes.length - keepBytes} bytes that are not a complete record (a torn or damaged end)` };
  }
  if (head) {
    const at = lines[head.seq - 1];
    if (!at || !('record' in at)) return { ok: false, message: `the export's chain head is record ${head.seq}, but the log ends at record ${chain.records}` };
    if (at.record.hash !== head.hash) return { ok: false, message: `record ${head.seq} does not match the export's chain head: the history up to it was rewritten` };
  }
  const unchecked = chain.unauthenticated ? `; ${chain.unauthenticated} under a chain key not given here (links checked, keys not)` : '';
  const keyed = keys ? '' : '; no chain key given: links checked, keys not';
  return { ok: true, message: `ok: ${chain.records} records, head seq ${chain.head.seq} hash ${chain.head.hash}${keyed || unchecked}` };
}
