import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyIncidentEvent, initialIncidentsState } from '../../core/incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../../core/playbook/index.js';
import { EMPTY_HANDOFF_FIELDS } from '../../core/handoff/note.js';
import { createHandoff, HANDOFF_DRAFT_FILE } from './handoff-host.js';

const NOW = Date.UTC(2026, 10, 27, 16, 30);
const CHANGE = {
  id: 'CR-1', ticket: 'CHG-7', kind: 'normal' as const, summary: 'Gateway rollout', risk: 'low' as const, testPlan: 't', rollbackPlan: 'r',
  approvals: [], communicated: true, window: { start: NOW - 600_000, end: NOW + 600_000 }, recordedAt: NOW - 3_600_000, documentedAt: null, reviewedAt: null,
};
const PRESS = { at: NOW - 600_000, kind: 'killswitch' as const, text: 'Killswitch pressed by ana: test; trading halted, verified' };
const incidents = applyIncidentEvent(initialIncidentsState(), { type: 'open', by: 'ana', severity: 'SEV3', title: 'Disk filling' }, NOW - 3_600_000, DEFAULT_PLAYBOOK).incidents;

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'handoff-host-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The handoff's call handlers, as the backend serves them. */
const handoffHandlers = (opts: Parameters<typeof createHandoff>[0]) => createHandoff(opts).handlers;

const make = (timeZone = 'UTC') =>
  handoffHandlers({
    dataDir,
    clock: { now: () => NOW, monotonic: () => 0 },
    incidents: { state: () => ({ incidents, nextNumber: incidents.length + 1 }), playbook: () => DEFAULT_PLAYBOOK },
    operator: () => 'ana',
    timeZone: () => timeZone,
    shiftStartedAt: async () => NOW - 86_400_000,
    shiftEndsAt: async () => NOW + 1_800_000,
    audit: { append: async () => undefined },
    shiftEvents: async (from, to) => (from === NOW - 86_400_000 && to === NOW ? [PRESS] : []),
    changes: () => [CHANGE],
  });

describe('handoff host', () => {
  it('starts with empty fields and keeps a saved draft for the next start', async () => {
    expect(await make()['handoff.get']({})).toEqual({
      draft: { fields: EMPTY_HANDOFF_FIELDS, savedAt: null },
      from: 'ana',
      shiftStartedAt: NOW - 86_400_000,
      timeZone: 'UTC',
      events: [PRESS],
      signoff: { outgoing: null, incoming: null },
    });
    const fields = { ...EMPTY_HANDOFF_FIELDS, to: 'bob' };
    expect(await make()['handoff.save']({ fields })).toEqual({ fields, savedAt: NOW });
    expect((await make()['handoff.get']({})).draft).toEqual({ fields, savedAt: NOW });
  });

  it('exports the note in the engineer’s zone with the saved fields and the open incidents', async () => {
    await make()['handoff.save']({ fields: { ...EMPTY_HANDOFF_FIELDS, to: 'bob' } });
    const file = await make('Europe/London')['handoff.export']({});
    expect(file.filename).toBe('handoff-2026-11-27-1630.md');
    expect(file.mediaType).toBe('text/markdown');
    expect(file.text).toMatch(/^# On-call handoff: 2026-11-27 16:30 \(Europe\/London\)\n/);
    expect(file.text).toContain('- To: bob');
    expect(file.text).toContain('### INC-1 SEV3: Disk filling');
    expect(file.text).toContain('- 16:20 Killswitch pressed by ana: test; trading halted, verified');
    expect(file.text).toContain('- IN FLIGHT since 16:20, until 16:40: CHG-7, normal change, low risk: Gateway rollout');
  });

  it('exports every incident of a week-long shift from the whole history, not the last 24 h', async () => {
    const DAY = 86_400_000;
    let state = initialIncidentsState();
    state = applyIncidentEvent(state, { type: 'open', by: 'ana', severity: 'SEV2', title: 'Exchange disconnected: kraken' }, NOW - 4 * DAY, DEFAULT_PLAYBOOK);
    state = applyIncidentEvent(state, { type: 'resolve', incidentId: 'INC-1', by: 'ana', note: 'Kraken back.' }, NOW - 4 * DAY + 3_600_000, DEFAULT_PLAYBOOK);
    const file = await handoffHandlers({
      dataDir,
      clock: { now: () => NOW, monotonic: () => 0 },
      incidents: { state: () => state, playbook: () => DEFAULT_PLAYBOOK },
      operator: () => 'ana',
      timeZone: () => 'UTC',
      shiftStartedAt: async () => NOW - 7 * DAY,
      shiftEndsAt: async () => NOW + 1_800_000,
      audit: { append: async () => undefined },
      shiftEvents: async () => [],
      changes: () => [],
    })['handoff.export']({});
    expect(file.text).toContain('INC-1 (Exchange disconnected: kraken)');
    expect(file.text).not.toContain('No incident activity this shift');
  });

  it('sets an unreadable draft aside and starts empty', async () => {
    await writeFile(join(dataDir, HANDOFF_DRAFT_FILE), '{"fields": 3');
    expect((await make()['handoff.get']({})).draft.savedAt).toBeNull();
    expect(await readdir(dataDir)).toEqual([`handoff-draft.corrupt-${NOW}.json`]);
  });
});
