/**
 * The offline documents and the handoff, as one part of the backend:
 * `createDocsPart` opens the document library in the data folder and
 * answers the `docs.*` and `handoff.*` calls.
 */
import { openDocumentLibrary, type DocumentLibrary } from '../../services/docs/index.js';
import { docsHandlers, type DocsHandlers } from './docs-handlers.js';
import { createHandoff, type ChannelNote, type HandoffHandlers, type HandoffHostOptions } from './handoff-host.js';

export { DEFAULT_SEARCH_LIMIT, docsHandlers, type DocsHandlers } from './docs-handlers.js';
export { createHandoff, HANDOFF_DRAFT_FILE, type ChannelNote, type HandoffHandlers } from './handoff-host.js';

export interface DocsPartOptions extends HandoffHostOptions {
  log?: (line: string) => void;
}

export interface DocsPart {
  handlers: DocsHandlers & HandoffHandlers;
  library: DocumentLibrary;
  /** The handoff note for Slack. */
  handoffForChannel(): Promise<ChannelNote>;
}

export async function createDocsPart(opts: DocsPartOptions): Promise<DocsPart> {
  const library = await openDocumentLibrary({ dataDir: opts.dataDir, clock: opts.clock, ...(opts.log ? { log: opts.log } : {}) });
  const handoff = createHandoff(opts);
  return { handlers: { ...docsHandlers(library), ...handoff.handlers }, library, handoffForChannel: handoff.forChannel };
}
