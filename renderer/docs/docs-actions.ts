/**
 * What the Docs view asks its host: list, import, search, read, delete.
 * Each answer lands in the docs store; a refusal lands in its error line,
 * in the host's words, so an oversized file or a missing section says why.
 */
import type { CockpitHost } from '../../src/contract/host.js';
import { callReporting } from '../host/call-reporting.js';
import type { DocSearchHit } from '../../src/contract/docs.js';
import type { DocsStore } from './docs-store.js';

/** Most hits asked for: a screenful of results the engineer can scan. */
export const SEARCH_LIMIT = 20;

export interface DocsActions {
  refresh(): Promise<void>;
  importFile(name: string, text: string): Promise<boolean>;
  search(query: string): Promise<void>;
  read(docId: string, sectionId: string, terms?: string[]): Promise<void>;
  openHit(hit: DocSearchHit): Promise<void>;
  remove(docId: string): Promise<void>;
}

export function docsActions(host: Pick<CockpitHost, 'call'>, store: DocsStore): DocsActions {
  const call = callReporting(() => host, (message) => store.getState().setError(message));

  const refresh = async () => {
    const docs = await call('docs.list', {});
    if (docs) store.getState().setDocs(docs);
  };

  const read = async (docId: string, sectionId: string, terms: string[] = []) => {
    const view = await call('docs.section', { docId, sectionId });
    if (view) store.getState().setReading(view, terms);
  };

  const search = async (query: string) => {
    const q = query.trim();
    if (!q) return;
    const hits = await call('docs.search', { query: q, limit: SEARCH_LIMIT });
    if (hits) store.getState().setHits(q, hits);
  };

  return {
    refresh,
    read,
    search,
    async importFile(name, text) {
      const answer = await call('docs.import', { name, text });
      if (!answer) return false;
      await refresh();
      const query = store.getState().query.trim();
      if (query) await search(query);
      return true;
    },
    openHit: (hit) => read(hit.docId, hit.sectionId, hit.terms),
    async remove(docId) {
      if ((await call('docs.delete', { docId })) === null && store.getState().error) return;
      await refresh();
      const query = store.getState().query.trim();
      if (query) await search(query);
    },
  };
}
