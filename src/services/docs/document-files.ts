/**
 * The imported documents on disk: `<dataDir>/documents/<id>.json`, one file
 * per document with its sections. Each write goes to a temporary file that
 * is fsync'd and renamed over the old one, then the folder is fsync'd, so a
 * crash leaves either the old document or the new one, never half of one.
 * A file that does not read as a document is set aside as
 * `<id>.corrupt-<ms>.json` and the others still load.
 */
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StoredDocument } from '../../core/docs/document.js';

export const DOCUMENTS_FOLDER = 'documents';

/** Only files named like a document id are documents; temporary and set-aside files are not. */
const DOCUMENT_FILE = /^([a-z0-9][a-z0-9-]*)\.json$/;

export interface DocumentFiles {
  readonly dir: string;
  readAll(): Promise<{ documents: StoredDocument[]; problems: string[] }>;
  write(document: StoredDocument): Promise<void>;
  remove(id: string): Promise<void>;
}

export function documentFiles(dataDir: string, now: () => number): DocumentFiles {
  const dir = join(dataDir, DOCUMENTS_FOLDER);
  const pathOf = (id: string) => join(dir, `${id}.json`);

  return {
    dir,
    async readAll() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { documents: [], problems: [] };
        throw error;
      }
      const documents: StoredDocument[] = [];
      const problems: string[] = [];
      for (const name of names.sort()) {
        const id = DOCUMENT_FILE.exec(name)?.[1];
        if (!id) continue;
        const parsed = await readDocument(pathOf(id));
        if (parsed && parsed.id === id) {
          documents.push(parsed);
          continue;
        }
        const aside = join(dir, `${id}.corrupt-${now()}.json`);
        await rename(pathOf(id), aside);
        problems.push(`documents: ${name} could not be read and was set aside as ${aside}`);
      }
      return { documents, problems };
    },
    async write(document) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temp = join(dir, `.${document.id}.${process.pid}.tmp`);
      const file = await open(temp, 'w', 0o600);
      try {
        await file.writeFile(`${JSON.stringify(document)}\n`, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, pathOf(document.id));
      await syncFolder(dir);
    },
    async remove(id) {
      await rm(pathOf(id), { force: true });
      await syncFolder(dir);
    },
  };
}

async function readDocument(path: string): Promise<StoredDocument | null> {
  try {
    const result = StoredDocument.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** A rename is durable only once its folder is; Windows cannot open a folder for this, and does not need to. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
