import { describe, expect, it } from 'vitest';
import { lookupPgpass, parsePgpass, pgpassTooOpen } from './pgpass.js';
import { resolveDbPassword, secretKeyFor, type PgpassFile } from './db-password.js';
import { memorySecretStore } from './secret-store.js';

const target = { host: 'hft-prod-01', port: 5432, database: 'hft_db', user: 'hft_user' };

describe('.pgpass', () => {
  it('parses escapes: \\: inside a field, \\\\ for a backslash, colons kept in the password', () => {
    const [entry] = parsePgpass('db\\:host:5432:hft_db:hft_user:pa\\\\ss:wo\\:rd\n');
    expect(entry).toEqual({ host: 'db:host', port: '5432', database: 'hft_db', user: 'hft_user', password: 'pa\\ss:wo:rd' });
  });

  it('skips comments, blank and short lines; the first match wins; * matches anything', () => {
    const entries = parsePgpass(['# prod', '', 'broken:line', 'hft-prod-02:*:*:*:two', '*:5432:hft_db:hft_user:one', '*:*:*:*:any'].join('\r\n'));
    expect(entries).toHaveLength(3);
    expect(lookupPgpass(entries, target)).toBe('one');
    expect(lookupPgpass(entries, { ...target, host: 'hft-prod-02' })).toBe('two');
    expect(lookupPgpass(entries, { ...target, port: 6432 })).toBe('any');
    expect(lookupPgpass(parsePgpass('hft-prod-02:*:*:*:two'), target)).toBeNull();
  });

  it('is too open when group or others have any permission', () => {
    expect(pgpassTooOpen(0o100600)).toBe(false);
    expect(pgpassTooOpen(0o100640)).toBe(true);
    expect(pgpassTooOpen(0o100604)).toBe(true);
  });
});

describe('where the password comes from', () => {
  const file = (text: string, mode = 0o600): PgpassFile => ({ read: async (path) => (path === '/home/a/.pgpass' ? { text, mode } : null) });

  it('follows libpq: explicit, then PGPASSWORD, then the password file', async () => {
    const sources = { env: { PGPASSWORD: 'env' }, pgpassFile: file('*:*:*:*:file'), homeDir: '/home/a' };
    expect(await resolveDbPassword(target, { ...sources, explicit: 'x' })).toMatchObject({ password: 'x', source: 'explicit' });
    expect(await resolveDbPassword(target, sources)).toMatchObject({ password: 'env', source: 'environment' });
    expect(await resolveDbPassword(target, { ...sources, env: {} })).toMatchObject({ password: 'file', source: 'pgpass' });
  });

  it('then the secret store, then asks, and gives up when the engineer cancels', async () => {
    const store = memorySecretStore({ [secretKeyFor(target)]: 'kept' });
    expect(await resolveDbPassword(target, { secretStore: store })).toMatchObject({ password: 'kept', source: 'secret_store' });
    expect(await resolveDbPassword(target, { secretStore: memorySecretStore(), askPassword: async () => 'typed' })).toMatchObject({ source: 'asked' });
    expect(await resolveDbPassword(target, { askPassword: async () => null })).toBeNull();
  });

  it('passes over a readable password file with a note saying how to fix it', async () => {
    const r = await resolveDbPassword(target, { pgpassFile: file('*:*:*:*:file', 0o644), homeDir: '/home/a', askPassword: async () => 'typed' });
    expect(r?.source).toBe('asked');
    expect(r?.notes).toEqual(['/home/a/.pgpass ignored: group or others can read it (chmod 0600 /home/a/.pgpass)']);
  });
});
