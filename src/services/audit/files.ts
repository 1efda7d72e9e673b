/**
 * The file operations the audit log makes, as a seam: the real one below,
 * and in tests one that records every write and fsync (or makes them slow
 * or fail), so a test can prove that each record is fsync'd before its
 * append resolves and that a new file's folder is fsync'd too.
 *
 * Every file is created owner-only (0600) whatever the umask: the mode is
 * set on the open handle, not left to the process's umask.
 */
import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const OWNER_ONLY_FILE = 0o600;

export interface AppendHandle {
  append(bytes: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface AuditFiles {
  /** The whole file, or null when there is none. */
  read(path: string): Promise<Buffer | null>;
  /** Opens for appending, creating it owner-only; `created` says whether it was new. */
  openAppend(path: string): Promise<{ handle: AppendHandle; created: boolean }>;
  /** Writes a new owner-only file and fsyncs it (it must not exist). */
  writeNew(path: string, bytes: Uint8Array): Promise<void>;
  /** fsyncs the folder holding `path`, so a file created in it survives a power cut. */
  syncDir(path: string): Promise<void>;
}

const missing = (e: NodeJS.ErrnoException) => e.code === 'ENOENT';

export const nodeAuditFiles: AuditFiles = {
  async read(path) {
    return readFile(path).catch((e: NodeJS.ErrnoException) => {
      if (missing(e)) return null;
      throw e;
    });
  },
  async openAppend(path) {
    let created = true;
    const file = await open(path, 'ax', OWNER_ONLY_FILE).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
      created = false;
      return open(path, 'a');
    });
    await file.chmod(OWNER_ONLY_FILE);
    return {
      created,
      handle: {
        append: async (bytes) => {
          await file.appendFile(bytes);
        },
        sync: () => file.sync(),
        truncate: (length) => file.truncate(length),
        close: () => file.close(),
      },
    };
  },
  async writeNew(path, bytes) {
    const file = await open(path, 'wx', OWNER_ONLY_FILE);
    try {
      await file.chmod(OWNER_ONLY_FILE);
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
  },
  async syncDir(path) {
    const dir = await open(dirname(path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  },
};
