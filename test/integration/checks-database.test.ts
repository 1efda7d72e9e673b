/**
 * The database check against a real PostgreSQL 15 on loopback: the
 * password from each source, the failures the engineer meets (wrong
 * password, missing database, server down), and the secret store kept
 * only once a typed password worked.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase, type DatabaseTarget } from '../../src/services/checks/db-check.js';
import { pgpassFileOnDisk, secretKeyFor } from '../../src/services/checks/db-password.js';
import { memorySecretStore } from '../../src/services/checks/secret-store.js';
import { startPostgres, type PostgresHarness } from '../harness/postgres.js';

let pg: PostgresHarness;
let home: string;
let target: DatabaseTarget;
const never = new AbortController().signal;

beforeAll(async () => {
  pg = await startPostgres();
  home = await mkdtemp(join(tmpdir(), 'cockpit-home-'));
  target = { host: pg.host, port: pg.port, user: pg.user, database: pg.database };
});

afterAll(async () => {
  await pg?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('database check', () => {
  it('passes with the password from PGPASSWORD', async () => {
    const outcome = await checkDatabase(target, { env: { PGPASSWORD: pg.password } }, never);
    expect(outcome).toMatchObject({ state: 'passed', message: 'SELECT 1 as hft_user on hft_db works (password from PGPASSWORD)' });
  });

  it('passes with the password from ~/.pgpass, escapes and wildcards included', async () => {
    const path = join(home, '.pgpass');
    const escaped = pg.password.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
    await writeFile(path, `# other systems\nother-host:*:*:*:nope\n127.0.0.1:${pg.port}:*:hft_user:${escaped}\n*:*:*:*:too-late\n`);
    await chmod(path, 0o600);
    const outcome = await checkDatabase(target, { pgpassFile: pgpassFileOnDisk, homeDir: home, env: {} }, never);
    expect(outcome).toMatchObject({ state: 'passed', message: expect.stringMatching(/password from \.pgpass/) });
  });

  it('ignores a .pgpass others can read, as libpq does, and says so', async () => {
    const path = join(home, 'open-pgpass');
    await writeFile(path, `*:*:*:*:${pg.password}\n`);
    await chmod(path, 0o644);
    const outcome = await checkDatabase(target, { pgpassFile: pgpassFileOnDisk, env: { PGPASSFILE: path } }, never);
    expect(outcome).toMatchObject({ state: 'failed', message: 'No database password available' });
  });

  it('says the password is wrong', async () => {
    const outcome = await checkDatabase(target, { explicit: 'not-the-password' }, never);
    expect(outcome).toMatchObject({ state: 'failed', message: 'Wrong password for hft_user' });
    expect(outcome.hint).toMatch(/pgpass/);
    expect(outcome.rawError).toMatch(/^28P01: password authentication failed for user "hft_user"/);
  });

  it('says the database does not exist', async () => {
    const outcome = await checkDatabase({ ...target, database: 'hft_db_missing' }, { explicit: pg.password }, never);
    expect(outcome).toMatchObject({ state: 'failed', message: 'Database hft_db_missing does not exist on this server' });
    expect(outcome.rawError).toMatch(/^3D000/);
  });

  it('keeps a typed password in the secret store only once it worked, and forgets it when it stops working', async () => {
    const store = memorySecretStore();
    const asked: string[] = [];
    const wrong = await checkDatabase(target, { secretStore: store, askPassword: async (t) => (asked.push(t.user), 'typo') }, never);
    expect(wrong.state).toBe('failed');
    expect(await store.get(secretKeyFor(target))).toBeNull();

    const right = await checkDatabase(target, { secretStore: store, askPassword: async () => pg.password }, never);
    expect(right).toMatchObject({ state: 'passed', message: expect.stringMatching(/password from you/) });
    expect(await store.get(secretKeyFor(target))).toBe(pg.password);

    const remembered = await checkDatabase(target, { secretStore: store, askPassword: async () => { throw new Error('must not ask'); } }, never);
    expect(remembered.message).toMatch(/password from the secret store/);
    expect(asked).toEqual(['hft_user']);

    await pg.sql(`ALTER ROLE hft_user PASSWORD 'rotated'`);
    try {
      const stale = await checkDatabase(target, { secretStore: store }, never);
      expect(stale.message).toBe('Wrong password for hft_user');
      expect(await store.get(secretKeyFor(target))).toBeNull();
    } finally {
      await pg.sql(`ALTER ROLE hft_user PASSWORD '${pg.password}'`);
    }
  });

  it('says the connection is refused on the port when the server is down, and recovers when it is back', async () => {
    await pg.stopServer();
    try {
      const outcome = await checkDatabase(target, { explicit: pg.password }, never);
      expect(outcome).toMatchObject({ state: 'failed', message: `Connection refused on ${pg.port}` });
      expect(outcome.hint).toMatch(/VPN up/);
      expect(outcome.rawError).toMatch(/ECONNREFUSED 127\.0\.0\.1/);
    } finally {
      await pg.startServer();
    }
    expect((await checkDatabase(target, { explicit: pg.password }, never)).state).toBe('passed');
  });
});
