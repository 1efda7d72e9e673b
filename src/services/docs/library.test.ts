import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { DOCUMENTS_FOLDER, LibraryRefusal, openDocumentLibrary } from './index.js';

const FIXTURE = new URL('../../../../shared/fixtures/oncall-procedures.txt', import.meta.url);
const clock: Clock = { now: () => 1_764_000_000_000, monotonic: () => 0 };

const SMALL = ['# Disk', 'Archive logs older than 30 days.', '', '# Latency', 'Run the report; look at CPU.', '', '## Memory', 'A leak shows as memory growing.'].join('\n');

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'docs-library-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const marked = (hit: { snippet: { text: string; match: boolean }[] }) => hit.snippet.filter((p) => p.match).map((p) => p.text.toLowerCase());

describe('document library', () => {
  it('imports the procedures document and finds the high-latency scenario first for "latency"', async () => {
    const library = await openDocumentLibrary({ dataDir, clock });
    const { document, replaced } = await library.importText('oncall-procedures.txt', await readFile(FIXTURE, 'utf8'));
    expect(replaced).toBe(false);
    expect(document).toMatchObject({ id: 'oncall-procedures', name: 'oncall-procedures.txt', importedAt: clock.now() });
    expect(document.sections.length).toBeGreaterThan(20);

    const hits = library.search('latency', 10);
    expect(hits[0]!.title).toMatch(/^SCENARIO 2: "High Latency"/);
    expect(hits[0]!.path[0]).toMatch(/^4\. COMMON SCENARIOS/);
    expect(marked(hits[0]!)).toContain('latency');
    const view = library.section(hits[0]!.docId, hits[0]!.sectionId);
    expect(view.section.text).toContain('./scripts/latency_report.sh');
    expect(view.previousId).not.toBeNull();
  });

  it('finds words by their start and through a typo', async () => {
    const library = await openDocumentLibrary({ dataDir, clock });
    await library.importText('small.md', SMALL);
    expect(library.search('arch', 5).map((h) => h.title)).toEqual(['Disk']);
    expect(library.search('memry', 5).map((h) => h.title)).toEqual(['Memory']);
    expect(marked(library.search('memry', 5)[0]!)).toEqual(['memory']);
  });

  it('prefers sections with every word, and falls back to any word', async () => {
    const library = await openDocumentLibrary({ dataDir, clock });
    await library.importText('small.md', SMALL);
    expect(library.search('memory leak', 5).map((h) => h.title)).toEqual(['Memory']);
    expect(library.search('leak disk', 5).map((h) => h.title).sort()).toEqual(['Disk', 'Memory']);
    expect(library.search('nothing-like-this', 5)).toEqual([]);
  });

  it('keeps documents across a restart, one JSON file each', async () => {
    const first = await openDocumentLibrary({ dataDir, clock });
    await first.importText('small.md', SMALL);
    expect(await readdir(join(dataDir, DOCUMENTS_FOLDER))).toEqual(['small.json']);
    const again = await openDocumentLibrary({ dataDir, clock });
    expect(again.list().map((d) => d.name)).toEqual(['small.md']);
    expect(again.search('cpu', 5).map((h) => h.title)).toEqual(['Latency']);
  });

  it('replaces a document imported again under the same name, old sections gone from the index', async () => {
    const library = await openDocumentLibrary({ dataDir, clock });
    await library.importText('small.md', SMALL);
    const { replaced } = await library.importText('small.md', '# Failover\nSwitch to the standby host.');
    expect(replaced).toBe(true);
    expect(library.list()).toHaveLength(1);
    expect(library.search('archive', 5)).toEqual([]);
    expect(library.search('standby', 5).map((h) => h.title)).toEqual(['Failover']);
  });

  it('deletes a document from disk and from search', async () => {
    const library = await openDocumentLibrary({ dataDir, clock });
    await library.importText('small.md', SMALL);
    await library.remove('small');
    expect(library.list()).toEqual([]);
    expect(library.search('disk', 5)).toEqual([]);
    expect(await readdir(join(dataDir, DOCUMENTS_FOLDER))).toEqual([]);
    await expect(library.remove('small')).rejects.toBeInstanceOf(LibraryRefusal);
  });

  it('refuses a text with nothing in it and names a missing section', async () => {
    const library = await openDocumentLibrary({ dataDir, clock });
    await expect(library.importText('blank.txt', '\n  \n')).rejects.toMatchObject({ code: 'invalid_request' });
    await library.importText('small.md', SMALL);
    expect(() => library.section('small', 's99')).toThrow(/no section s99/);
    expect(() => library.section('nope', 's1')).toThrow(LibraryRefusal);
  });

  it('sets a broken file aside and still loads the others', async () => {
    const first = await openDocumentLibrary({ dataDir, clock });
    await first.importText('small.md', SMALL);
    await writeFile(join(dataDir, DOCUMENTS_FOLDER, 'broken.json'), '{"format": 1, "id": "bro');
    const lines: string[] = [];
    const again = await openDocumentLibrary({ dataDir, clock, log: (l) => lines.push(l) });
    expect(again.list().map((d) => d.id)).toEqual(['small']);
    expect(lines).toEqual([expect.stringContaining('broken.json could not be read')]);
    expect((await readdir(join(dataDir, DOCUMENTS_FOLDER))).sort()).toEqual([`broken.corrupt-${clock.now()}.json`, 'small.json']);
  });
});
