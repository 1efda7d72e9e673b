/**
 * The offline documents and the shift handoff, as they cross the host
 * boundary.
 *
 * Documents: the engineer imports a procedures text (plain text or
 * Markdown); the host cuts it into sections (src/core/docs), keeps it in the
 * data folder and indexes it, so search and reading work with no network.
 * Search hits carry a snippet as plain-text pieces with the matched words
 * flagged, never HTML.
 *
 * Handoff: the host keeps the draft of the free-text fields (so a crash
 * loses nothing) and builds the note from the incidents it holds
 * (src/core/handoff); the renderer previews the same note with the same
 * function as the engineer types.
 */
import { z } from 'zod';
import { DocSectionSchema } from '../core/docs/document.js';
import { HandoffFields } from '../core/handoff/note.js';
import { ShiftEvent } from '../core/handoff/shift-events.js';
import { ExportedFile } from './incidents.js';

/** Largest document imported, characters: a long runbook is a few hundred KB; 2 MB keeps the index and the IPC message small. */
export const DOC_IMPORT_MAX_CHARS = 2_000_000;
/** Most hits one search answers. */
export const DOC_SEARCH_MAX_HITS = 100;

const DocId = z.string().min(1).max(80);

export const DocSectionHead = DocSectionSchema.pick({ id: true, title: true, level: true, path: true });
export type DocSectionHead = z.infer<typeof DocSectionHead>;

export const DocSummary = z.object({
  id: z.string(),
  name: z.string(),
  importedAt: z.number(),
  chars: z.number().int().nonnegative(),
  /** The table of contents: every section's title, level and enclosing titles, in order. */
  sections: z.array(DocSectionHead),
});
export type DocSummary = z.infer<typeof DocSummary>;

export const DocImportRequest = z
  .object({
    /** The file's name as picked; importing the same name again replaces the older copy. */
    name: z.string().trim().min(1).max(200),
    text: z.string().min(1, { error: 'the document is empty' }).max(DOC_IMPORT_MAX_CHARS, { error: `larger than ${DOC_IMPORT_MAX_CHARS} characters` }),
  })
  .strict();
export type DocImportRequest = z.infer<typeof DocImportRequest>;

export const DocImportAnswer = z.object({ document: DocSummary, replaced: z.boolean() });
export type DocImportAnswer = z.infer<typeof DocImportAnswer>;

export const DocSearchRequest = z
  .object({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(DOC_SEARCH_MAX_HITS).optional() })
  .strict();
export type DocSearchRequest = z.infer<typeof DocSearchRequest>;

export const SnippetPiece = z.object({ text: z.string(), match: z.boolean() });

export const DocSearchHit = z.object({
  docId: z.string(),
  docName: z.string(),
  sectionId: z.string(),
  title: z.string(),
  path: z.array(z.string()),
  score: z.number(),
  /** The words of the section that matched, lower case (for highlighting the full text too). */
  terms: z.array(z.string()),
  snippet: z.array(SnippetPiece),
});
export type DocSearchHit = z.infer<typeof DocSearchHit>;

export const DocSectionRequest = z.object({ docId: DocId, sectionId: z.string().min(1).max(20) }).strict();

export const DocSectionView = z.object({
  docId: z.string(),
  docName: z.string(),
  section: DocSectionSchema,
  /** Ids of the sections before and after, for reading on; null at the ends. */
  previousId: z.string().nullable(),
  nextId: z.string().nullable(),
});
export type DocSectionView = z.infer<typeof DocSectionView>;

export const HandoffDraft = z.object({
  fields: HandoffFields,
  /** Host wall-clock ms of the last save; null before the first. */
  savedAt: z.number().nullable(),
});
export type HandoffDraft = z.infer<typeof HandoffDraft>;

/** The sign-off on both sides: what this cockpit exported and heard back, and what it imported from the outgoing engineer. */
export const HandoffSignoff = z.object({
  outgoing: z
    .object({
      handoffId: z.string(),
      to: z.string(),
      exportedAt: z.number(),
      /** The handoff time of the shift the note was for: "stay available" runs 30 min from here. */
      handoffAt: z.number(),
      acceptedBy: z.string().nullable(),
      acceptedAt: z.number().nullable(),
    })
    .nullable(),
  incoming: z
    .object({
      handoffId: z.string(),
      from: z.string(),
      to: z.string(),
      exportedAt: z.number(),
      note: z.string(),
      importedAt: z.number(),
      acceptedBy: z.string().nullable(),
      acceptedAt: z.number().nullable(),
    })
    .nullable(),
});
export type HandoffSignoff = z.infer<typeof HandoffSignoff>;

export const HandoffContext = z.object({
  draft: HandoffDraft,
  /** Who hands off: the name actions are recorded under. */
  from: z.string(),
  /** Epoch ms the current shift began: recent activity is counted from here. */
  shiftStartedAt: z.number(),
  timeZone: z.string(),
  /** Killswitch presses, strategy stops and the pre-shift result of the shift, from the audit log and the last access report. */
  events: z.array(ShiftEvent),
  signoff: HandoffSignoff,
});
export type HandoffContext = z.infer<typeof HandoffContext>;


const FileText = z.object({ text: z.string().min(1).max(1_000_000) }).strict();

const Empty = z.object({}).strict();

export const docsCalls = {
  'docs.list': { request: Empty, response: z.array(DocSummary) },
  /** invalid_request for an empty or oversized text, or one with no readable section. */
  'docs.import': { request: DocImportRequest, response: DocImportAnswer },
  'docs.search': { request: DocSearchRequest, response: z.array(DocSearchHit) },
  'docs.section': { request: DocSectionRequest, response: DocSectionView },
  'docs.delete': { request: z.object({ docId: DocId }).strict(), response: z.null() },
  'handoff.get': { request: Empty, response: HandoffContext },
  'handoff.save': { request: z.object({ fields: HandoffFields }).strict(), response: HandoffDraft },
  /** The note as Markdown, built from the saved fields and the incidents now. */
  'handoff.export': { request: Empty, response: ExportedFile },
  /** The outgoing engineer's exported note, opened by the incoming one; invalid_request when it is not one, or was changed. */
  'handoff.import': { request: FileText, response: HandoffSignoff },
  /** "Read and accepted" by this cockpit's engineer: recorded, and the acceptance file to send back. */
  'handoff.accept': { request: Empty, response: z.object({ signoff: HandoffSignoff, file: ExportedFile }) },
  /** The incoming engineer's acceptance, opened by the outgoing one; not_found when it answers no note exported here. */
  'handoff.importAcceptance': { request: FileText, response: HandoffSignoff },
} as const;

export { HandoffFields };
