import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../src/contract/index.js';
import type { DocSearchHit, DocSummary } from '../../src/contract/docs.js';
import { docsActions } from './docs-actions.js';
import { createDocsStore } from './docs-store.js';

const summary: DocSummary = { id: 'runbook', name: 'runbook.md', importedAt: 1, chars: 10, sections: [{ id: 's1', title: 'Latency', level: 1, path: [] }] };
const hit: DocSearchHit = { docId: 'runbook', docName: 'runbook.md', sectionId: 's1', title: 'Latency', path: [], score: 2, terms: ['latency'], snippet: [{ text: 'Latency', match: true }] };
const section = { docId: 'runbook', docName: 'runbook.md', section: { id: 's1', title: 'Latency', level: 1, path: [], text: 'Run the report.', line: 1 }, previousId: null, nextId: null };

/** A host answering from a table, recording every call. */
function fakeHost(answers: Record<string, (request: unknown) => Result<unknown>>) {
  const calls: [string, unknown][] = [];
  return {
    calls,
    host: {
      call: async (name: string, request: unknown) => {
        calls.push([name, request]);
        const answer = answers[name];
        return (answer ? answer(request) : fail('unknown_call', name)) as never;
      },
    },
  };
}

describe('docs store and actions', () => {
  it('searches the trimmed query and reads the hit with its words to mark', async () => {
    const store = createDocsStore();
    const { host, calls } = fakeHost({ 'docs.search': () => ok([hit]), 'docs.section': () => ok(section) });
    const actions = docsActions(host, store);
    store.getState().setQuery(' latency ');
    await actions.search(' latency ');
    expect(calls[0]).toEqual(['docs.search', { query: 'latency', limit: 20 }]);
    expect(store.getState().hits).toEqual([hit]);
    await actions.openHit(hit);
    expect(store.getState().reading).toEqual(section);
    expect(store.getState().readingTerms).toEqual(['latency']);
  });

  it('drops an answer to a query the engineer has typed past', () => {
    const store = createDocsStore();
    store.getState().setQuery('lat');
    store.getState().setQuery('latency');
    store.getState().setHits('lat', [hit]);
    expect(store.getState().hits).toEqual([]);
    store.getState().setQuery('');
    expect(store.getState().hitsFor).toBe('');
  });

  it('shows the host’s refusal and clears it once a call works', async () => {
    const store = createDocsStore();
    let refuse = true;
    const { host } = fakeHost({
      'docs.import': () => (refuse ? fail('invalid_request', 'docs.import: text: larger than 2000000 characters') : ok({ document: summary, replaced: false })),
      'docs.list': () => ok([summary]),
    });
    const actions = docsActions(host, store);
    expect(await actions.importFile('big.txt', 'x')).toBe(false);
    expect(store.getState().error).toMatch(/larger than/);
    refuse = false;
    expect(await actions.importFile('runbook.md', '# Latency')).toBe(true);
    expect(store.getState().error).toBeNull();
    expect(store.getState().docs).toEqual([summary]);
  });

  it('closes the section being read when its document is deleted', async () => {
    const store = createDocsStore();
    const { host } = fakeHost({ 'docs.delete': () => ok(null), 'docs.list': () => ok([]) });
    store.getState().setDocs([summary]);
    store.getState().setReading(section, ['latency']);
    await docsActions(host, store).remove('runbook');
    expect(store.getState().docs).toEqual([]);
    expect(store.getState().reading).toBeNull();
  });

  it('opens on the documents tab when the search is asked for', () => {
    const store = createDocsStore();
    store.getState().setOpen(true, 'contacts');
    store.getState().requestSearchFocus();
    expect(store.getState()).toMatchObject({ open: true, tab: 'documents', focusRequest: 1 });
  });
});
