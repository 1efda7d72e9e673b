/**
 * The `docs.*` calls, answered from the document library. The library's
 * refusals become the contract's error codes.
 */
import { LibraryRefusal, type DocumentLibrary } from '../../services/docs/index.js';
import { CallFailure, type CallHandlers } from '../dispatch.js';

export type DocsCallName = Extract<keyof CallHandlers, `docs.${string}`>;
export type DocsHandlers = Pick<CallHandlers, DocsCallName>;

/** Hits a search answers when the renderer does not say: a screenful. */
export const DEFAULT_SEARCH_LIMIT = 20;

export function docsHandlers(library: DocumentLibrary): DocsHandlers {
  return {
    'docs.list': () => library.list(),
    'docs.import': ({ name, text }) => refusalsAsFailures(() => library.importText(name, text)),
    'docs.search': ({ query, limit }) => library.search(query, limit ?? DEFAULT_SEARCH_LIMIT),
    'docs.section': ({ docId, sectionId }) => refusalsAsFailures(async () => library.section(docId, sectionId)),
    'docs.delete': ({ docId }) => refusalsAsFailures(async () => {
      await library.remove(docId);
      return null;
    }),
  };
}

async function refusalsAsFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LibraryRefusal) throw new CallFailure(error.code, error.message);
    throw error;
  }
}
