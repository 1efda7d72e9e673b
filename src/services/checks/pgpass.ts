/**
 * ~/.pgpass as libpq reads it (PostgreSQL manual, "The Password File"):
 * lines `hostname:port:database:username:password`, `*` matching anything in
 * the first four fields, `\:` and `\\` escaping, `#` comments, the first
 * matching line winning. libpq ignores the file when group or others may
 * read it; so do we, and say why.
 */

export interface PgpassEntry {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
}

export interface PgpassLookup {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** Splits one line on unescaped colons; null when it does not have five fields. */
function fields(line: string): string[] | null {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length) {
      current += line[++i]!;
    } else if (ch === ':' && out.length < 4) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.length === 5 ? out : null;
}

export function parsePgpass(text: string): PgpassEntry[] {
  const entries: PgpassEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const f = fields(raw);
    if (!f) continue;
    const [host, port, database, user, password] = f as [string, string, string, string, string];
    entries.push({ host, port, database, user, password });
  }
  return entries;
}

const matches = (pattern: string, value: string) => pattern === '*' || pattern === value;

/** The password of the first entry matching, or null. */
export function lookupPgpass(entries: readonly PgpassEntry[], target: PgpassLookup): string | null {
  for (const e of entries) {
    if (
      matches(e.host, target.host) &&
      matches(e.port, String(target.port)) &&
      matches(e.database, target.database) &&
      matches(e.user, target.user)
    ) {
      return e.password;
    }
  }
  return null;
}

/** True when the file mode lets group or others read it: libpq then ignores the file. */
export const pgpassTooOpen = (mode: number) => (mode & 0o077) !== 0;
