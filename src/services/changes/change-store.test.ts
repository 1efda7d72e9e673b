import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeDraft } from '../../contract/changes.js';
import { openAuditLog, type AuditLog } from '../audit-log.js';
import { CHANGES_FILE, openChangeStore } from './change-store.js';

const NOW = Date.UTC(2026, 11, 3, 10, 0);
const HOUR = 3_600_000;
const draft = (over: Partial<ChangeDraft> = {}): ChangeDraft => ({
  ticket: 'CHG-1042', kind: 'normal', summary: 'Gateway 2.15 rollout', risk: 'medium', testPlan: 'staging soak', rollbackPlan: 'redeploy 2.14',
  approvals: [{ name: 'Lee Chen', verbal: false }], communicated: true, window: { start: NOW + 72 * HOUR, end: NOW + 76 * HOUR }, ...over,
});

let dir: string;
let audit: AuditLog;
let now = NOW;
const clock = { now: () => now };
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'changes-'));
  audit = await openAuditLog(join(dir, 'audit.log'));
  now = NOW;
});
afterEach(async () => {
  await audit.close();
  await rm(dir, { recursive: true, force: true });
});

describe('change store', () => {
  it('records a change with its id and times, on the audit log and across a restart', async () => {
    const store = await openChangeStore({ dataDir: dir, clock, audit });
    const change = await store.record(draft(), 'ana');
    expect(change).toMatchObject({ id: 'CR-1', ticket: 'CHG-1042', recordedAt: NOW, documentedAt: null, reviewedAt: null, approvals: [{ name: 'Lee Chen', verbal: false, at: NOW }] });
    const records = await audit.read({ type: 'change.recorded' });
    expect(records.map((r) => [r.actor, (r.data as { change: { id: string } }).change.id])).toEqual([['ana', 'CR-1']]);

    const reopened = await openChangeStore({ dataDir: dir, clock, audit });
    expect(reopened.list()).toEqual([change]);
    expect((await reopened.record(draft({ window: { start: NOW, end: NOW + HOUR } }), 'ana')).id).toBe('CR-2');
    // The latest window first.
    expect(reopened.list().map((c) => c.id)).toEqual(['CR-1', 'CR-2']);
  });

  it('refuses a window that ends before it starts or runs past a week, and stores nothing', async () => {
    const store = await openChangeStore({ dataDir: dir, clock, audit });
    await expect(store.record(draft({ window: { start: NOW, end: NOW } }), 'ana')).rejects.toMatchObject({ code: 'invalid_request', message: 'the window must end after it starts' });
    await expect(store.record(draft({ window: { start: NOW, end: NOW + 8 * 24 * HOUR } }), 'ana')).rejects.toMatchObject({ code: 'invalid_request' });
    expect(store.list()).toEqual([]);
    expect(await audit.read()).toEqual([]);
  });

  it('marks an emergency change written up (with its ticket) and reviewed, once each, and only an emergency one', async () => {
    const store = await openChangeStore({ dataDir: dir, clock, audit });
    const normal = await store.record(draft(), 'ana');
    await expect(store.mark({ changeId: normal.id, mark: 'reviewed' }, 'ana')).rejects.toMatchObject({ code: 'conflict' });
    const emergency = await store.record(draft({ kind: 'emergency', ticket: '', approvals: [{ name: 'Lee Chen', verbal: true }] }), 'ana');
    await expect(store.mark({ changeId: emergency.id, mark: 'documented' }, 'ana')).rejects.toMatchObject({ code: 'invalid_request' });
    now = NOW + 5 * HOUR;
    expect(await store.mark({ changeId: emergency.id, mark: 'documented', ticket: 'CHG-1043' }, 'bob')).toMatchObject({ ticket: 'CHG-1043', documentedAt: NOW + 5 * HOUR });
    await expect(store.mark({ changeId: emergency.id, mark: 'documented', ticket: 'CHG-1' }, 'bob')).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.mark({ changeId: emergency.id, mark: 'reviewed' }, 'bob')).toMatchObject({ reviewedAt: NOW + 5 * HOUR });
    await expect(store.mark({ changeId: 'CR-99', mark: 'reviewed' }, 'bob')).rejects.toMatchObject({ code: 'not_found' });
    expect((await audit.read()).map((r) => `${r.type} ${r.actor}`)).toEqual(['change.recorded ana', 'change.recorded ana', 'change.documented bob', 'change.reviewed bob']);
    expect((await openChangeStore({ dataDir: dir, clock, audit })).list().find((c) => c.id === emergency.id)).toMatchObject({ ticket: 'CHG-1043', reviewedAt: NOW + 5 * HOUR });
  });

  it('makes no change the audit log refused', async () => {
    const store = await openChangeStore({ dataDir: dir, clock, audit: { append: async () => { throw new Error('disk full'); } } });
    await expect(store.record(draft(), 'ana')).rejects.toThrow('disk full');
    expect(store.list()).toEqual([]);
    expect(await readdir(dir)).not.toContain(CHANGES_FILE);
  });

  it('sets an unreadable file aside and starts empty', async () => {
    await writeFile(join(dir, CHANGES_FILE), '{"version": 1, "changes": [');
    const lines: string[] = [];
    const store = await openChangeStore({ dataDir: dir, clock, audit, log: (l) => lines.push(l) });
    expect(store.list()).toEqual([]);
    expect(await readdir(dir)).toContain(`changes.corrupt-${NOW}.json`);
    expect(lines).toHaveLength(1);
    await store.record(draft(), 'ana');
    expect(JSON.parse(await readFile(join(dir, CHANGES_FILE), 'utf8')).changes).toHaveLength(1);
  });
});
