/**
 * The Docs view as the renderer holds it: whether it is open and on which
 * tab, the imported documents, the search and its hits, the section being
 * read, and the last call error in words. Vanilla zustand, so tests drive
 * it without React; calls go through `connectDocs`' actions.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DocSearchHit, DocSectionView, DocSummary } from '../../src/contract/docs.js';

export type DocsTab = 'documents' | 'contacts';

export interface DocsState {
  open: boolean;
  tab: DocsTab;
  /** Bumped to ask the search box to take focus (the `/` key). */
  focusRequest: number;
  docs: DocSummary[];
  query: string;
  hits: DocSearchHit[];
  /** The query the hits answer; a slower answer to an older query is dropped. */
  hitsFor: string;
  reading: DocSectionView | null;
  /** Words to mark in the section being read: those of the hit that opened it. */
  readingTerms: string[];
  error: string | null;
  setOpen(open: boolean, tab?: DocsTab): void;
  requestSearchFocus(): void;
  setTab(tab: DocsTab): void;
  setDocs(docs: DocSummary[]): void;
  setQuery(query: string): void;
  setHits(query: string, hits: DocSearchHit[]): void;
  setReading(view: DocSectionView | null, terms?: string[]): void;
  setError(error: string | null): void;
}

export type DocsStore = StoreApi<DocsState>;

export function createDocsStore(): DocsStore {
  return createStore<DocsState>()((set, get) => ({
    open: false,
    tab: 'documents',
    focusRequest: 0,
    docs: [],
    query: '',
    hits: [],
    hitsFor: '',
    reading: null,
    readingTerms: [],
    error: null,
    setOpen: (open, tab) => set({ open, ...(tab ? { tab } : {}) }),
    requestSearchFocus: () => set((s) => ({ open: true, tab: 'documents', focusRequest: s.focusRequest + 1 })),
    setTab: (tab) => set({ tab }),
    setDocs: (docs) => {
      const reading = get().reading;
      // A deleted document's section is no longer there to read.
      const stillThere = reading === null || docs.some((d) => d.id === reading.docId);
      set({ docs, ...(stillThere ? {} : { reading: null, readingTerms: [] }) });
    },
    setQuery: (query) => set(query.trim() === '' ? { query, hits: [], hitsFor: '' } : { query }),
    setHits: (query, hits) => {
      if (query !== get().query.trim()) return;
      set({ hits, hitsFor: query });
    },
    setReading: (reading, terms = []) => set({ reading, readingTerms: terms }),
    setError: (error) => set({ error }),
  }));
}
