import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../services/audit-log.js';
import { createSignoff } from './signoff-host.js';

const NOW = Date.UTC(2026, 11, 4, 16, 30);
const HANDOFF_AT = Date.UTC(2026, 11, 4, 17, 0);
const NOTE = '# On-call handoff: 2026-12-04 16:30 (UTC)\n\n- From: ana\n- To: bob\n';

let dirs: string[] = [];
beforeEach(async () => {
  dirs = [await mkdtemp(join(tmpdir(), 'signoff-a-')), await mkdtemp(join(tmpdir(), 'signoff-b-'))];
});
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function cockpit(dataDir: string, operator: string, at: { now: number }) {
  const audit: AuditEntry[] = [];
  const signoff = createSignoff({ dataDir, now: () => at.now, audit: { append: async (e) => void audit.push(e) }, operator: () => operator, timeZone: () => 'UTC' });
  return { signoff, audit };
}

describe('the handoff sign-off across two cockpits', () => {
  it('exports, is imported and accepted on the other side, and hears the acceptance back', async () => {
    const clock = { now: NOW };
    const outgoing = cockpit(dirs[0]!, 'ana', clock);
    const incoming = cockpit(dirs[1]!, 'bob', clock);
    const file = await outgoing.signoff.stamp(NOTE, 'bob', HANDOFF_AT);
    expect(file.startsWith(NOTE)).toBe(true);
    expect((await outgoing.signoff.view()).outgoing).toMatchObject({ to: 'bob', exportedAt: NOW, handoffAt: HANDOFF_AT, acceptedBy: null, acceptedAt: null });

    clock.now = NOW + 60_000;
    const imported = await incoming.signoff.importNote(file);
    expect(imported.incoming).toMatchObject({ from: 'ana', to: 'bob', note: NOTE, importedAt: NOW + 60_000, acceptedBy: null });
    clock.now = NOW + 120_000;
    const { signoff, file: acceptance } = await incoming.signoff.accept();
    expect(signoff.incoming).toMatchObject({ acceptedBy: 'bob', acceptedAt: NOW + 120_000 });
    expect(acceptance.filename).toBe('handoff-accepted-2026-12-04-1632.json');

    clock.now = NOW + 180_000;
    expect((await outgoing.signoff.importAcceptance(acceptance.text)).outgoing).toMatchObject({ acceptedBy: 'bob', acceptedAt: NOW + 120_000 });
    expect(outgoing.audit.map((e) => `${e.type} ${e.actor}`)).toEqual(['handoff.exported ana', 'handoff.acceptance_received ana']);
    expect(incoming.audit.map((e) => `${e.type} ${e.actor}`)).toEqual(['handoff.imported bob', 'handoff.accepted bob']);

    // Both sides keep it across a restart.
    expect((await cockpit(dirs[0]!, 'ana', clock).signoff.view()).outgoing?.acceptedBy).toBe('bob');
    expect((await cockpit(dirs[1]!, 'bob', clock).signoff.view()).incoming?.acceptedAt).toBe(NOW + 120_000);
  });

  it('refuses a note changed after export, a file that is not one, and an acceptance of another note', async () => {
    const clock = { now: NOW };
    const outgoing = cockpit(dirs[0]!, 'ana', clock);
    const incoming = cockpit(dirs[1]!, 'bob', clock);
    const file = await outgoing.signoff.stamp(NOTE, 'bob', HANDOFF_AT);
    await expect(incoming.signoff.importNote(file.replace('- To: bob', '- To: eve'))).rejects.toMatchObject({ code: 'invalid_request', message: 'the note was changed after it was exported: ask for the file again' });
    await expect(incoming.signoff.importNote(NOTE)).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(incoming.signoff.accept()).rejects.toMatchObject({ code: 'conflict' });

    const other = cockpit(dirs[1]!, 'bob', clock);
    await other.signoff.importNote(await cockpit(dirs[1]!, 'carl', clock).signoff.stamp('# another note\n', 'bob', HANDOFF_AT));
    const foreign = (await other.signoff.accept()).file.text;
    await expect(outgoing.signoff.importAcceptance(foreign)).rejects.toMatchObject({ code: 'not_found' });

    // An acceptance of an earlier export, after the note was exported again, is not the latest read.
    await incoming.signoff.importNote(file);
    const early = (await incoming.signoff.accept()).file.text;
    await outgoing.signoff.stamp(`${NOTE}- Notes: one more thing\n`, 'bob', HANDOFF_AT);
    await expect(outgoing.signoff.importAcceptance(early)).rejects.toMatchObject({ code: 'conflict' });
    expect((await outgoing.signoff.view()).outgoing?.acceptedBy).toBeNull();
  });
});
