/**
 * Full-text search over the sections of the imported documents, with
 * MiniSearch (the only file that imports it): prefix matching so "lat"
 * finds "latency" as the engineer types, a little fuzziness for typos under
 * pressure, and titles weighted above body text, since a section called
 * "High latency" is a better answer than one that mentions latency once.
 */
import MiniSearch from 'minisearch';
import type { StoredDocument } from '../../core/docs/document.js';
import type { DocSection } from '../../core/docs/sections.js';

export interface SectionMatch {
  docId: string;
  sectionId: string;
  score: number;
  /** The indexed words that matched, lower case. */
  terms: string[];
}

interface IndexedSection {
  key: string;
  docId: string;
  sectionId: string;
  title: string;
  path: string;
  text: string;
}

/** Title words count three times a body word, enclosing titles and document names once and a half. */
const BOOST = { title: 3, path: 1.5, docName: 1.5, text: 1 };
/** Edit distance allowed, as a share of the word's length (MiniSearch's `fuzzy`): one typo in a word of five. */
const FUZZY = 0.2;

export interface SearchIndex {
  replaceDocument(document: StoredDocument): void;
  removeDocument(docId: string): void;
  search(query: string, limit: number): SectionMatch[];
}

export function createSearchIndex(): SearchIndex {
  const index = new MiniSearch<IndexedSection & { docName: string }>({
    idField: 'key',
    fields: ['title', 'path', 'docName', 'text'],
    storeFields: ['docId', 'sectionId'],
    searchOptions: { boost: BOOST, prefix: true, fuzzy: FUZZY },
  });
  const keysByDoc = new Map<string, string[]>();

  const entry = (document: StoredDocument, section: DocSection) => ({
    key: `${document.id}/${section.id}`,
    docId: document.id,
    sectionId: section.id,
    docName: document.name,
    title: section.title,
    path: section.path.join(' '),
    text: section.text,
  });

  const removeDocument = (docId: string) => {
    for (const key of keysByDoc.get(docId) ?? []) index.discard(key);
    keysByDoc.delete(docId);
  };

  return {
    replaceDocument(document) {
      removeDocument(document.id);
      const entries = document.sections.map((s) => entry(document, s));
      index.addAll(entries);
      keysByDoc.set(document.id, entries.map((e) => e.key));
    },
    removeDocument,
    search(query, limit) {
      // Every word must match when some section has them all; otherwise any word, best first.
      let results = index.search(query, { combineWith: 'AND' });
      if (results.length === 0) results = index.search(query, { combineWith: 'OR' });
      return results.slice(0, limit).map((r) => ({
        docId: r.docId as string,
        sectionId: r.sectionId as string,
        score: r.score,
        terms: r.terms,
      }));
    },
  };
}
