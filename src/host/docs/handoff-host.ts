/**
 * The handoff as the backend keeps it: the engineer's draft fields, saved
 * in the data folder on every change (so a crash or a closed window loses
 * nothing), and the note built from them and the incidents the backend
 * holds, in the engineer's time zone, stamped for the incoming engineer's
 * sign-off (signoff-host.ts).
 */
import { join } from 'node:path';
import { HandoffDraft, type HandoffContext } from '../../contract/docs.js';
import type { ExportedFile } from '../../contract/incidents.js';
import { buildHandoffNote, EMPTY_HANDOFF_FIELDS, type HandoffInput } from '../../core/handoff/note.js';
import type { ShiftEvent } from '../../core/handoff/shift-events.js';
import type { ChangeRecord } from '../../core/change/record.js';
import type { IncidentsState } from '../../core/incidents/index.js';
import type { Playbook } from '../../core/playbook/schema.js';
import { formatLocalDateTime } from '../../core/shift/zoned-time.js';
import type { Clock } from '../../services/clock.js';
import type { AuditEntry } from '../../services/audit-log.js';
import { JsonFile } from '../checks/json-file.js';
import { createSignoff } from './signoff-host.js';
import type { CallHandlers } from '../dispatch.js';

export const HANDOFF_DRAFT_FILE = 'handoff-draft.json';

export type HandoffCallName = Extract<keyof CallHandlers, `handoff.${string}`>;
export type HandoffHandlers = Pick<CallHandlers, HandoffCallName>;

export interface HandoffHostOptions {
  dataDir: string;
  clock: Clock;
  /** The whole history, not the list's last 24 h: the note covers the shift, a week long. */
  incidents: { state(): IncidentsState; playbook(): Playbook };
  operator(): string;
  timeZone(): string;
  /** Epoch ms the current shift began (the shift host's rotation). */
  shiftStartedAt(): Promise<number>;
  /** Epoch ms the current shift ends: the handoff time the note is written for. */
  shiftEndsAt(): Promise<number>;
  /** Where the sign-off's steps are recorded. */
  audit: { append(entry: AuditEntry): Promise<unknown> };
  /** What the note lists beyond the incidents between the shift's start and now: killswitch presses, strategy stops, the pre-shift result. */
  shiftEvents(shiftStartedAt: number, now: number): Promise<ShiftEvent[]>;
  /** Every change record: the note lists those of the shift as scheduled maintenance. */
  changes(): readonly ChangeRecord[];
}

/** The handoff note for a channel (Slack): the note as it reads now, and as it reads clockless, which says whether a second post repeats the first. */
export interface ChannelNote {
  text: string;
  clockless: string;
}

export interface Handoff {
  handlers: HandoffHandlers;
  forChannel(): Promise<ChannelNote>;
}

export function createHandoff(opts: HandoffHostOptions): Handoff {
  const file = new JsonFile(join(opts.dataDir, HANDOFF_DRAFT_FILE), HandoffDraft, () => opts.clock.now());
  let draft: HandoffDraft | null = null;
  const load = async () => (draft ??= (await file.read()) ?? { fields: EMPTY_HANDOFF_FIELDS, savedAt: null });
  const signoff = createSignoff({ dataDir: opts.dataDir, now: () => opts.clock.now(), audit: opts.audit, operator: opts.operator, timeZone: opts.timeZone });

  const noteInput = async (): Promise<HandoffInput> => {
    const now = opts.clock.now();
    const shiftStartedAt = await opts.shiftStartedAt();
    return {
      from: opts.operator(),
      fields: (await load()).fields,
      // A drill's incidents are practice: the note speaks of the real shift only (the drill reports keep them).
      incidents: opts.incidents.state().incidents.filter((i) => !i.drill),
      playbook: opts.incidents.playbook(),
      shiftStartedAt,
      now,
      timeZone: opts.timeZone(),
      events: await opts.shiftEvents(shiftStartedAt, now),
      changes: opts.changes(),
    };
  };

  // A channel's copy is not the file: no sign-off stamp, so nothing for the incoming engineer to accept.
  const forChannel = async (): Promise<ChannelNote> => {
    const input = await noteInput();
    return { text: buildHandoffNote(input), clockless: buildHandoffNote(input, { clockless: true }) };
  };

  const handlers: HandoffHandlers = {
    'handoff.get': async (): Promise<HandoffContext> => {
      const shiftStartedAt = await opts.shiftStartedAt();
      return {
        draft: await load(),
        from: opts.operator(),
        shiftStartedAt,
        timeZone: opts.timeZone(),
        events: await opts.shiftEvents(shiftStartedAt, opts.clock.now()),
        signoff: await signoff.view(),
      };
    },
    'handoff.save': async ({ fields }) => {
      const saved = { fields, savedAt: opts.clock.now() };
      await file.write(saved);
      draft = saved;
      return saved;
    },
    'handoff.export': async (): Promise<ExportedFile> => {
      const input = await noteInput();
      const text = await signoff.stamp(buildHandoffNote(input), input.fields.to.trim(), await opts.shiftEndsAt());
      const stamp = formatLocalDateTime(input.now, input.timeZone).replace(' ', '-').replace(':', '');
      return { filename: `handoff-${stamp}.md`, mediaType: 'text/markdown', text };
    },
    'handoff.import': ({ text }) => signoff.importNote(text),
    'handoff.accept': () => signoff.accept(),
    'handoff.importAcceptance': ({ text }) => signoff.importAcceptance(text),
  };
  return { handlers, forChannel };
}
