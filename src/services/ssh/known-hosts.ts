/**
 * OpenSSH's known_hosts, read the way sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"
 * describes it: `[marker] patterns keytype base64 [comment]`, where patterns
 * are comma-separated names with `*`/`?` wildcards and `!` negation, a
 * non-standard port is written `[host]:port`, and a hashed entry is
 * `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
 *
 * Markers: `@revoked` keys are refused wherever they appear.
 * `@cert-authority` lines vouch for host certificates, which the cockpit
 * does not use: they are skipped, so such a host is "unknown" here rather
 * than silently trusted.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface KnownHostLine {
  marker: 'revoked' | 'cert-authority' | null;
  patterns: string[];
  keyType: string;
  keyBase64: string;
  /** 1-based line number, for messages. */
  line: number;
}

export function parseKnownHosts(text: string): KnownHostLine[] {
  const entries: KnownHostLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostLine['marker'] = null;
    if (fields[0]!.startsWith('@')) {
      const name = fields.shift()!.slice(1);
      if (name !== 'revoked' && name !== 'cert-authority') return;
      marker = name;
    }
    const [patterns, keyType, keyBase64] = fields;
    if (!patterns || !keyType || !keyBase64) return;
    entries.push({ marker, patterns: patterns.split(','), keyType, keyBase64, line: index + 1 });
  });
  return entries;
}

/** How a host is written in known_hosts: bare for port 22, `[host]:port` otherwise. */
export const knownHostsName = (host: string, port: number) => (port === 22 ? host : `[${host}]:${port}`);

function hashedMatches(pattern: string, name: string): boolean {
  const parts = pattern.split('|'); // ['', '1', salt, hash]
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2]!, 'base64');
  const expected = Buffer.from(parts[3]!, 'base64');
  const actual = createHmac('sha1', salt).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function wildcardMatches(pattern: string, name: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(name);
}

function patternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|')) return hashedMatches(pattern, name);
  return wildcardMatches(pattern, name);
}

/** Whether a line's patterns cover host:port (a negated match excludes the line). */
export function lineMatches(entry: KnownHostLine, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  let matched = false;
  for (const pattern of entry.patterns) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    if (patternMatches(body, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

export interface KnownKeys {
  /** Keys listed as valid for this host. */
  trusted: { keyType: string; keyBase64: string; line: number }[];
  /** Keys refused for this host (@revoked; a revoked line usually names every host with `*`). */
  revoked: string[];
}

export function knownKeysFor(entries: KnownHostLine[], host: string, port: number): KnownKeys {
  const result: KnownKeys = { trusted: [], revoked: [] };
  for (const entry of entries) {
    if (!lineMatches(entry, host, port)) continue;
    if (entry.marker === 'revoked') result.revoked.push(entry.keyBase64);
    else if (entry.marker === null) result.trusted.push({ keyType: entry.keyType, keyBase64: entry.keyBase64, line: entry.line });
  }
  return result;
}

/** A hashed pattern for `name`, for tests and for writing entries OpenSSH can read. */
export function hashHostName(name: string, salt: Buffer): string {
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}
