/**
 * Where the database password comes from, in libpq's order and then the
 * cockpit's own: an explicit password, PGPASSWORD, ~/.pgpass (or
 * PGPASSFILE), a password kept earlier in the OS secret store, and last the
 * engineer, asked. A password the engineer typed is kept in the secret store
 * only once it worked.
 */
import { lookupPgpass, parsePgpass, pgpassTooOpen, type PgpassLookup } from './pgpass.js';
import type { SecretStore } from './secret-store.js';

export type PasswordSource = 'explicit' | 'environment' | 'pgpass' | 'secret_store' | 'asked';

export interface PgpassFile {
  /** File contents and mode, or null when there is no such file. */
  read(path: string): Promise<{ text: string; mode: number } | null>;
}

export interface DbPasswordSources {
  explicit?: string | null;
  /** The process environment (PGPASSWORD, PGPASSFILE). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Reads the password file; absent means no password file is consulted. */
  pgpassFile?: PgpassFile;
  /** The engineer's home directory, for ~/.pgpass. */
  homeDir?: string;
  secretStore?: SecretStore;
  /** Asks the engineer; null when they cancel. */
  askPassword?: (target: PgpassLookup) => Promise<string | null>;
}

export interface ResolvedPassword {
  password: string;
  source: PasswordSource;
  /** Why a source was passed over (e.g. a .pgpass readable by others), for the raw error. */
  notes: string[];
}

export const secretKeyFor = (t: PgpassLookup) => `postgres://${t.user}@${t.host}:${t.port}/${t.database}`;

export async function resolveDbPassword(target: PgpassLookup, sources: DbPasswordSources): Promise<ResolvedPassword | null> {
  const notes: string[] = [];
  if (sources.explicit) return { password: sources.explicit, source: 'explicit', notes };
  const env = sources.env ?? {};
  if (env.PGPASSWORD) return { password: env.PGPASSWORD, source: 'environment', notes };
  const path = env.PGPASSFILE ?? (sources.homeDir ? `${sources.homeDir}/.pgpass` : null);
  if (sources.pgpassFile && path) {
    const file = await sources.pgpassFile.read(path);
    if (file && pgpassTooOpen(file.mode)) {
      notes.push(`${path} ignored: group or others can read it (chmod 0600 ${path})`);
    } else if (file) {
      const password = lookupPgpass(parsePgpass(file.text), target);
      if (password !== null) return { password, source: 'pgpass', notes };
    }
  }
  if (sources.secretStore) {
    const stored = await sources.secretStore.get(secretKeyFor(target));
    if (stored !== null) return { password: stored, source: 'secret_store', notes };
  }
  if (sources.askPassword) {
    const typed = await sources.askPassword(target);
    if (typed) return { password: typed, source: 'asked', notes };
  }
  return null;
}

/** The password file as it is on this machine's disk. */
export const pgpassFileOnDisk: PgpassFile = {
  async read(path) {
    const { readFile, stat } = await import('node:fs/promises');
    try {
      const [info, text] = await Promise.all([stat(path), readFile(path, 'utf8')]);
      return { text, mode: info.mode };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
};
