/**
 * The handoff's sign-off as the backend keeps it, in
 * `<dataDir>/handoff-signoff.json` and on the audit log: the notes this
 * cockpit exported (stamped, src/core/handoff/signoff.ts) and the
 * acceptance heard back for the latest, and the note imported from the
 * outgoing engineer with this engineer's acceptance. Each step is on the
 * audit log first (`handoff.exported`, `handoff.imported`,
 * `handoff.accepted`, `handoff.acceptance_received`).
 */
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { HandoffSignoff } from '../../contract/docs.js';
import type { ExportedFile } from '../../contract/incidents.js';
import { HandoffAcceptance, HandoffStamp, readAcceptanceFile, readHandoffFile, stampNote } from '../../core/handoff/signoff.js';
import { formatLocalDateTime } from '../../core/shift/zoned-time.js';
import type { AuditEntry } from '../../services/audit-log.js';
import { JsonFile } from '../checks/json-file.js';
import { CallFailure } from '../dispatch.js';

export const HANDOFF_SIGNOFF_FILE = 'handoff-signoff.json';
/** Exports remembered: an acceptance may answer one of the last few (the note was exported again after a late edit). */
const EXPORTS_KEPT = 20;

const Exported = HandoffStamp.extend({ handoffAt: z.number() });
const SignoffFile = z.object({
  version: z.literal(1),
  exported: z.array(Exported),
  accepted: HandoffAcceptance.nullable(),
  incoming: z
    .object({ stamp: HandoffStamp, note: z.string(), importedAt: z.number(), acceptedBy: z.string().nullable(), acceptedAt: z.number().nullable() })
    .nullable(),
});
type SignoffFile = z.infer<typeof SignoffFile>;

export interface SignoffOptions {
  dataDir: string;
  now(): number;
  audit: { append(entry: AuditEntry): Promise<unknown> };
  operator(): string;
  timeZone(): string;
}

export interface Signoff {
  view(): Promise<HandoffSignoff>;
  /** Stamps a note for export and remembers it; `handoffAt` is the handoff time of the shift it was written for. */
  stamp(note: string, to: string, handoffAt: number): Promise<string>;
  importNote(text: string): Promise<HandoffSignoff>;
  accept(): Promise<{ signoff: HandoffSignoff; file: ExportedFile }>;
  importAcceptance(text: string): Promise<HandoffSignoff>;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function createSignoff(opts: SignoffOptions): Signoff {
  const file = new JsonFile(join(opts.dataDir, HANDOFF_SIGNOFF_FILE), SignoffFile, opts.now);
  let state: SignoffFile | null = null;
  const load = async () => (state ??= (await file.read()) ?? { version: 1, exported: [], accepted: null, incoming: null });
  const save = async (next: SignoffFile, entry: AuditEntry) => {
    await opts.audit.append(entry);
    await file.write(next);
    state = next;
  };

  const view = async (): Promise<HandoffSignoff> => {
    const s = await load();
    const last = s.exported.at(-1) ?? null;
    const accepted = last && s.accepted?.handoffId === last.id ? s.accepted : null;
    return {
      outgoing: last
        ? { handoffId: last.id, to: last.to, exportedAt: last.exportedAt, handoffAt: last.handoffAt, acceptedBy: accepted?.acceptedBy ?? null, acceptedAt: accepted?.acceptedAt ?? null }
        : null,
      incoming: s.incoming
        ? {
            handoffId: s.incoming.stamp.id, from: s.incoming.stamp.from, to: s.incoming.stamp.to, exportedAt: s.incoming.stamp.exportedAt,
            note: s.incoming.note, importedAt: s.incoming.importedAt, acceptedBy: s.incoming.acceptedBy, acceptedAt: s.incoming.acceptedAt,
          }
        : null,
    };
  };

  return {
    view,
    async stamp(note, to, handoffAt) {
      const s = await load();
      const at = opts.now();
      const stamp: HandoffStamp = { id: randomUUID(), from: opts.operator(), to, exportedAt: at, sha256: sha256(note) };
      await save(
        { ...s, exported: [...s.exported, { ...stamp, handoffAt }].slice(-EXPORTS_KEPT) },
        { type: 'handoff.exported', actor: stamp.from, at, data: { handoffId: stamp.id, to, sha256: stamp.sha256 } },
      );
      return stampNote(note, stamp);
    },
    async importNote(text) {
      const read = readHandoffFile(text);
      if (!read.ok) throw new CallFailure('invalid_request', read.error);
      if (sha256(read.note) !== read.stamp.sha256) throw new CallFailure('invalid_request', 'the note was changed after it was exported: ask for the file again');
      const s = await load();
      const at = opts.now();
      const same = s.incoming?.stamp.id === read.stamp.id ? s.incoming : null;
      await save(
        { ...s, incoming: same ?? { stamp: read.stamp, note: read.note, importedAt: at, acceptedBy: null, acceptedAt: null } },
        { type: 'handoff.imported', actor: opts.operator(), at, data: { handoffId: read.stamp.id, from: read.stamp.from, to: read.stamp.to } },
      );
      return view();
    },
    async accept() {
      const s = await load();
      if (!s.incoming) throw new CallFailure('conflict', 'open the outgoing engineer’s handoff first');
      const at = s.incoming.acceptedAt ?? opts.now();
      const acceptedBy = s.incoming.acceptedBy ?? opts.operator();
      if (s.incoming.acceptedAt === null) {
        await save(
          { ...s, incoming: { ...s.incoming, acceptedBy, acceptedAt: at } },
          { type: 'handoff.accepted', actor: acceptedBy, at, data: { handoffId: s.incoming.stamp.id, from: s.incoming.stamp.from } },
        );
      }
      const acceptance: HandoffAcceptance = {
        kind: 'oncall-handoff-acceptance', handoffId: s.incoming.stamp.id, sha256: s.incoming.stamp.sha256, from: s.incoming.stamp.from, acceptedBy, acceptedAt: at,
      };
      const stamp = formatLocalDateTime(at, opts.timeZone()).replace(' ', '-').replace(':', '');
      return {
        signoff: await view(),
        file: { filename: `handoff-accepted-${stamp}.json`, mediaType: 'application/json', text: `${JSON.stringify(acceptance, null, 2)}\n` },
      };
    },
    async importAcceptance(text) {
      const read = readAcceptanceFile(text);
      if (!read.ok) throw new CallFailure('invalid_request', read.error);
      const s = await load();
      const exported = s.exported.find((e) => e.id === read.acceptance.handoffId && e.sha256 === read.acceptance.sha256);
      if (!exported) throw new CallFailure('not_found', 'this acceptance answers a handoff this cockpit did not export');
      if (exported !== s.exported.at(-1)) throw new CallFailure('conflict', 'this acceptance answers an earlier export of the handoff: the incoming engineer has not read the latest');
      await save(
        { ...s, accepted: read.acceptance },
        { type: 'handoff.acceptance_received', actor: opts.operator(), at: opts.now(), data: read.acceptance },
      );
      return view();
    },
  };
}
