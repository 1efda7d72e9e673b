/**
 * The offline documents and the handoff through the whole backend, against
 * the embedded simulator on loopback: import the procedures document through
 * the contract, search it, read a section, close the cockpit, start it again
 * on the same data folder and find it all still there; save a handoff draft,
 * open an incident, export the note.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocImportAnswer, DocSearchHit, DocSectionView, DocSummary, ExportedFile, HandoffContext, Incident, Result } from '../../src/contract/index.js';
import { createBackend, type Backend } from '../../src/host/backend.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';

const FIXTURE = readFileSync(new URL('../../../shared/fixtures/oncall-procedures.txt', import.meta.url), 'utf8');
const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-docs-'));
const settings = createMemorySettingsStore({ operatorName: 'ana', timeZone: 'UTC' });
let backend: Backend | undefined;

afterAll(async () => {
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () => createBackend({ dataDir, hostKind: 'browser', pollMs: 500, settings });

async function call<T>(name: string, request: unknown): Promise<T> {
  const result = (await backend!.handle(name, request)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('docs and handoff through the backend', () => {
  it('imports, searches and reads the procedures document, and keeps it across a restart', async () => {
    backend = await start();
    const imported = await call<DocImportAnswer>('docs.import', { name: 'oncall-procedures.txt', text: FIXTURE });
    expect(imported.document.sections.some((s) => s.title === '7. HANDOFF PROCEDURES')).toBe(true);

    const hits = await call<DocSearchHit[]>('docs.search', { query: 'latency' });
    expect(hits[0]!.title).toMatch(/High Latency/);
    const view = await call<DocSectionView>('docs.section', { docId: hits[0]!.docId, sectionId: hits[0]!.sectionId });
    expect(view.section.text).toContain('latency_report.sh');

    await backend.close();
    backend = await start();
    const listed = await call<DocSummary[]>('docs.list', {});
    expect(listed.map((d) => d.name)).toEqual(['oncall-procedures.txt']);
    expect((await call<DocSearchHit[]>('docs.search', { query: 'latency' }))[0]!.sectionId).toBe(hits[0]!.sectionId);
  });

  it('refuses a document over the size cap and a missing section with the contract codes', async () => {
    const big = (await backend!.handle('docs.import', { name: 'big.txt', text: 'x'.repeat(2_000_001) })) as Result<unknown>;
    expect(big.ok ? null : big.error.code).toBe('invalid_request');
    const missing = (await backend!.handle('docs.section', { docId: 'oncall-procedures', sectionId: 's9999' })) as Result<unknown>;
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
    const gone = (await backend!.handle('docs.delete', { docId: 'never-imported' })) as Result<unknown>;
    expect(gone.ok ? null : gone.error.code).toBe('not_found');
  });

  it('keeps the handoff draft across a restart and exports a note naming the open incident', async () => {
    const fields = { to: 'bob', monitoring: 'Binance flaky', maintenance: 'Sunday 02:00 UTC database upgrade', notes: '', reachAt: '+1-555-0199' };
    const saved = await call<{ savedAt: number }>('handoff.save', { fields });
    expect(saved.savedAt).toBeGreaterThan(0);
    const incident = await call<Incident>('incidents.open', { title: 'Orders stuck pending on kraken', severity: 'SEV2' });

    await backend!.close();
    backend = await start();
    const context = await call<HandoffContext>('handoff.get', {});
    expect(context).toMatchObject({ draft: { fields }, from: 'ana', timeZone: 'UTC' });
    expect(context.shiftStartedAt).toBeLessThanOrEqual(Date.now());

    const file = await call<ExportedFile>('handoff.export', {});
    expect(file.filename).toMatch(/^handoff-\d{4}-\d\d-\d\d-\d{4}\.md$/);
    expect(file.text).toContain(`### ${incident.id} SEV2: Orders stuck pending on kraken`);
    expect(file.text).toContain('- To: bob');
    expect(file.text).toContain('- Sunday 02:00 UTC database upgrade');
    expect(file.text).toContain('- +1-555-0199');
  });
});
