/**
 * An imported document as the cockpit keeps it: its name, when it was
 * imported, and its sections (sections.ts). One of these is one JSON file in
 * the data folder's documents/ folder, so the zod schema is what a restart
 * reads back.
 */
import { z } from 'zod';
import { splitSections } from './sections.js';

/** Bumped only when old files need migrating. */
export const DOCUMENT_FORMAT = 1;

export const DocSectionSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  level: z.number().int().min(1),
  path: z.array(z.string()),
  text: z.string(),
  line: z.number().int().min(1),
});

export const StoredDocument = z.object({
  format: z.literal(DOCUMENT_FORMAT),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  /** Epoch ms of the import. */
  importedAt: z.number(),
  /** Length of the imported text, characters. */
  chars: z.number().int().nonnegative(),
  sections: z.array(DocSectionSchema),
});
export type StoredDocument = z.infer<typeof StoredDocument>;

/** Longest document id, characters: a file name that every file system takes. */
const ID_MAX_CHARS = 60;

/**
 * The id of a document, from its name: importing a file of the same name
 * again replaces the older copy, which is what an engineer re-importing an
 * updated runbook expects.
 */
export function documentIdFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\.(txt|md|markdown)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ID_MAX_CHARS)
    .replace(/-+$/, '');
  return slug || 'document';
}

export function importDocument(name: string, text: string, importedAt: number): StoredDocument {
  const title = name.trim();
  return {
    format: DOCUMENT_FORMAT,
    id: documentIdFor(title),
    name: title,
    importedAt,
    chars: text.length,
    sections: splitSections(text, title),
  };
}
