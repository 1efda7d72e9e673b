/**
 * The change records: `<dataDir>/changes.json`, every record the engineer
 * made, with each one also on the audit log (`change.recorded`,
 * `change.documented`, `change.reviewed`) under who did it. The audit
 * record goes first: a change the log does not hold is not made, so the
 * file never claims what the log cannot show. The file is written whole to
 * a temporary file that is fsync'd and renamed, then the folder is
 * fsync'd; one that does not read is set aside as
 * `changes.corrupt-<ms>.json` and the list starts empty, so the cockpit
 * still starts.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { ChangeDraft, ChangeMarkRequest } from '../../contract/changes.js';
import { ChangeRecord } from '../../core/change/record.js';
import { MAX_CHANGE_WINDOW_MS } from '../../core/change/window.js';
import type { AuditEntry } from '../audit-log.js';
import type { Clock } from '../clock.js';
import { Refusal } from '../refusal.js';

export const CHANGES_FILE = 'changes.json';

const ChangesFile = z.object({ version: z.literal(1), nextNumber: z.number().int().min(1), changes: z.array(ChangeRecord) });
type ChangesFile = z.infer<typeof ChangesFile>;

/** Why a call was refused, for the host to answer with the matching error code. */
export class ChangeRefused extends Refusal<'invalid_request' | 'not_found' | 'conflict'> {}

export interface ChangeStoreOptions {
  dataDir: string;
  clock: Pick<Clock, 'now'>;
  audit: { append(entry: AuditEntry): Promise<unknown> };
  log?: (line: string) => void;
}

export interface ChangeStore {
  /** Every record, the latest window first. */
  list(): ChangeRecord[];
  record(draft: ChangeDraft, actor: string): Promise<ChangeRecord>;
  mark(request: ChangeMarkRequest, actor: string): Promise<ChangeRecord>;
}

export async function openChangeStore(opts: ChangeStoreOptions): Promise<ChangeStore> {
  const path = join(opts.dataDir, CHANGES_FILE);
  let state: ChangesFile = (await readChanges(path, opts.clock.now(), opts.log)) ?? { version: 1, nextNumber: 1, changes: [] };
  // One change at a time: two quick saves must not both take the same number or write over each other.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T,>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };

  const commit = async (next: ChangesFile, entry: AuditEntry) => {
    await opts.audit.append(entry);
    await writeChanges(path, next);
    state = next;
  };

  return {
    list: () => [...state.changes].sort((a, b) => b.window.start - a.window.start),
    record: (draft, actor) =>
      serial(async () => {
        if (!(draft.window.end > draft.window.start)) throw new ChangeRefused('invalid_request', 'the window must end after it starts');
        if (draft.window.end - draft.window.start > MAX_CHANGE_WINDOW_MS) throw new ChangeRefused('invalid_request', 'a change window is at most 7 days');
        const at = opts.clock.now();
        const change: ChangeRecord = {
          id: `CR-${state.nextNumber}`,
          ...draft,
          approvals: draft.approvals.map((a) => ({ ...a, at })),
          recordedAt: at,
          documentedAt: null,
          reviewedAt: null,
        };
        await commit(
          { version: 1, nextNumber: state.nextNumber + 1, changes: [...state.changes, change] },
          { type: 'change.recorded', actor, at, data: { change } },
        );
        return change;
      }),
    mark: ({ changeId, mark, ticket }, actor) =>
      serial(async () => {
        const change = state.changes.find((c) => c.id === changeId);
        if (!change) throw new ChangeRefused('not_found', `no change ${changeId}`);
        if (change.kind !== 'emergency') throw new ChangeRefused('conflict', `${changeId} is a ${change.kind} change: only an emergency change is written up and reviewed afterwards`);
        const field = mark === 'documented' ? 'documentedAt' : 'reviewedAt';
        if (change[field] !== null) throw new ChangeRefused('conflict', `${changeId} is already marked ${mark}`);
        const newTicket = mark === 'documented' ? (ticket ?? change.ticket) : change.ticket;
        if (mark === 'documented' && newTicket.trim() === '') throw new ChangeRefused('invalid_request', 'name the ticket the change was written up in');
        const at = opts.clock.now();
        const updated: ChangeRecord = { ...change, ticket: newTicket, [field]: at };
        await commit(
          { ...state, changes: state.changes.map((c) => (c.id === changeId ? updated : c)) },
          { type: `change.${mark}`, actor, at, data: { changeId, ticket: updated.ticket } },
        );
        return updated;
      }),
  };
}

async function readChanges(path: string, now: number, log?: (line: string) => void): Promise<ChangesFile | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = ChangesFile.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: set aside below.
  }
  const aside = path.replace(/\.json$/, `.corrupt-${now}.json`);
  await rename(path, aside);
  log?.(`changes: ${path} could not be read and was set aside as ${aside}`);
  return null;
}

async function writeChanges(path: string, value: ChangesFile): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  const file = await open(temp, 'w', 0o600);
  try {
    await file.writeFile(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
