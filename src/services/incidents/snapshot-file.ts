/**
 * `incidents.json`: the incident list, the alert rules' memory and the
 * breaches already announced, as of one audit record (`auditSeq`). It is a
 * shortcut, not the record: the audit log is. On start the service loads
 * it and replays the audit records after `auditSeq`; a snapshot that is
 * missing, torn or unreadable means replaying the whole log.
 *
 * Written atomically: a temp file in the same folder, fsync'd, renamed over
 * the old one, then the folder fsync'd, so a crash leaves either the old
 * snapshot or the new one, never half of one.
 */
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { AlertState } from '../../core/alerts/index.js';
import { IncidentsState } from '../../core/incidents/index.js';
import { Playbook, ScenarioId, Severity } from '../../core/playbook/index.js';

export const SNAPSHOT_FILE = 'incidents.json';
export const SNAPSHOT_FORMAT = 1;

const ConditionTrack = z.object({
  scenario: ScenarioId,
  severity: Severity,
  subjects: z.array(z.string()),
  raisedAt: z.number(),
  clearSince: z.number().nullable(),
  marks: z.array(z.enum(['prepare_kill', 'limit_reached', 'killswitch_fired'])),
});

/**
 * The core keeps AlertState as a plain type; this checks one read back from
 * disk. Fields added later default, so a state saved before them reads.
 */
export const AlertStateSchema = z.object({
  open: z.record(z.string(), ConditionTrack),
  pending: z.record(z.string(), z.object({ since: z.number() })).default({}),
  latencyHighSince: z.number().nullable(),
  inhibited: z
    .object({ since: z.number(), interrupted: z.array(z.object({ title: z.string(), heldMs: z.number() })) })
    .nullable()
    .default(null),
}) satisfies z.ZodType<AlertState, unknown>;

export const IncidentsSnapshot = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  /** The last audit record whose effect this snapshot includes. */
  auditSeq: z.number().int().nonnegative(),
  incidents: IncidentsState,
  alerts: AlertStateSchema,
  /** Breach keys (view.ts `breachKey`) already announced. */
  announced: z.array(z.string()),
  /** The playbook in force at `auditSeq`, so a replay computes the deadlines it computed then. */
  playbook: Playbook,
});
export type IncidentsSnapshot = z.infer<typeof IncidentsSnapshot>;

export type SnapshotRead = { kind: 'missing' } | { kind: 'ok'; snapshot: IncidentsSnapshot } | { kind: 'unreadable'; reason: string };

export async function readSnapshot(dataDir: string): Promise<SnapshotRead> {
  let text: string;
  try {
    text = await readFile(join(dataDir, SNAPSHOT_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: (e as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { kind: 'unreadable', reason: `not valid JSON: ${(e as Error).message}` };
  }
  const parsed = IncidentsSnapshot.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'unreadable', reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  return { kind: 'ok', snapshot: parsed.data };
}

/** Writes `text` to `path` so that a crash leaves the old file or the new one whole. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Removes temp files a crash left between write and rename (`<name>.<pid>.tmp`); they hold nothing the log lacks. */
export async function removeLeftoverTemps(dataDir: string, names: readonly string[]): Promise<number> {
  const leftovers = (await readdir(dataDir)).filter((f) => names.some((n) => f.startsWith(`${n}.`) && f.endsWith('.tmp')));
  await Promise.all(leftovers.map((f) => rm(join(dataDir, f), { force: true })));
  return leftovers.length;
}

export function writeSnapshot(dataDir: string, snapshot: IncidentsSnapshot): Promise<void> {
  return writeFileAtomic(join(dataDir, SNAPSHOT_FILE), JSON.stringify(snapshot));
}
