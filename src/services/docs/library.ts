/**
 * The offline document library: the imported documents, kept in the data
 * folder (document-files.ts) and indexed in memory (search-index.ts) when
 * the cockpit starts and on every import, so search and reading need
 * nothing but this machine.
 *
 * Imports and deletions run one at a time, so the index and the files
 * always describe the same documents.
 */
import type { DocSearchHit, DocSectionView, DocSummary } from '../../contract/docs.js';
import { importDocument, type StoredDocument } from '../../core/docs/document.js';
import { buildSnippet } from '../../core/docs/snippet.js';
import type { Clock } from '../clock.js';
import { documentFiles } from './document-files.js';
import { createSearchIndex } from './search-index.js';
import { Refusal } from '../refusal.js';

/** Why the library refused, with the contract's error code. */
export class LibraryRefusal extends Refusal<'not_found' | 'invalid_request'> {}

export interface DocumentLibrary {
  list(): DocSummary[];
  importText(name: string, text: string): Promise<{ document: DocSummary; replaced: boolean }>;
  remove(docId: string): Promise<void>;
  search(query: string, limit: number): DocSearchHit[];
  section(docId: string, sectionId: string): DocSectionView;
}

export interface DocumentLibraryOptions {
  dataDir: string;
  clock: Clock;
  log?: (line: string) => void;
}

export async function openDocumentLibrary(opts: DocumentLibraryOptions): Promise<DocumentLibrary> {
  const files = documentFiles(opts.dataDir, () => opts.clock.now());
  const index = createSearchIndex();
  const documents = new Map<string, StoredDocument>();
  // An unreadable folder must not keep the cockpit from starting: it starts with no documents and says why.
  const { documents: loaded, problems } = await files.readAll().catch((error: Error) => ({
    documents: [],
    problems: [`documents: could not read ${files.dir}: ${error.message}`],
  }));
  for (const problem of problems) opts.log?.(problem);
  for (const document of loaded) {
    documents.set(document.id, document);
    index.replaceDocument(document);
  }

  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };

  const find = (docId: string) => {
    const document = documents.get(docId);
    if (!document) throw new LibraryRefusal('not_found', `no document ${docId}`);
    return document;
  };

  return {
    list: () => [...documents.values()].sort((a, b) => a.name.localeCompare(b.name)).map(summaryOf),

    importText: (name, text) =>
      oneAtATime(async () => {
        const document = importDocument(name, text, opts.clock.now());
        if (document.sections.length === 0) throw new LibraryRefusal('invalid_request', `${name} has no text to keep`);
        const replaced = documents.has(document.id);
        await files.write(document);
        documents.set(document.id, document);
        index.replaceDocument(document);
        return { document: summaryOf(document), replaced };
      }),

    remove: (docId) =>
      oneAtATime(async () => {
        find(docId);
        await files.remove(docId);
        documents.delete(docId);
        index.removeDocument(docId);
      }),

    search(query, limit) {
      return index.search(query, limit).flatMap((match) => {
        const document = documents.get(match.docId);
        const section = document?.sections.find((s) => s.id === match.sectionId);
        if (!document || !section) return [];
        return [
          {
            docId: document.id,
            docName: document.name,
            sectionId: section.id,
            title: section.title,
            path: section.path,
            score: match.score,
            terms: match.terms,
            snippet: buildSnippet(section.text, match.terms),
          },
        ];
      });
    },

    section(docId, sectionId) {
      const document = find(docId);
      const at = document.sections.findIndex((s) => s.id === sectionId);
      if (at === -1) throw new LibraryRefusal('not_found', `no section ${sectionId} in ${document.name}`);
      return {
        docId: document.id,
        docName: document.name,
        section: document.sections[at]!,
        previousId: document.sections[at - 1]?.id ?? null,
        nextId: document.sections[at + 1]?.id ?? null,
      };
    },
  };
}

const summaryOf = (document: StoredDocument): DocSummary => ({
  id: document.id,
  name: document.name,
  importedAt: document.importedAt,
  chars: document.chars,
  sections: document.sections.map(({ id, title, level, path }) => ({ id, title, level, path })),
});
