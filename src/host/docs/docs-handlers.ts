/**
 * The `docs.*` calls, answered from the document library. The library's
 * refusals become the contract's error codes.
 */
import type { DocumentLibrary } from '../../services/docs/index.js';
import type { CallHandlers } from '../dispatch.js';

export type DocsCallName = Extract<keyof CallHandlers, `docs.${string}`>;
export type DocsHandlers = Pick<CallHandlers, DocsCallName>;

/** Hits a search answers when the renderer does not say: a screenful. */
export const DEFAULT_SEARCH_LIMIT = 20;

export function docsHandlers(library: DocumentLibrary): DocsHandlers {
  return {
    'docs.list': () => library.list(),
    'docs.import': ({ name, text }) => library.importText(name, text),
    'docs.search': ({ query, limit }) => library.search(query, limit ?? DEFAULT_SEARCH_LIMIT),
    'docs.section': ({ docId, sectionId }) => library.section(docId, sectionId),
    'docs.delete': async ({ docId }) => {
      await library.remove(docId);
      return null;
    },
  };
}
