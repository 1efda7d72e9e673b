/**
 * The database check: `SELECT 1` as hft_user on hft_db, the way the
 * runbook's `psql -h hft-prod-01 -U hft_user -d hft_db -c "SELECT 1;"` does,
 * through the `pg` client. Only this file imports `pg`.
 */
import pg from 'pg';
import { explainFailure } from '../../core/checks/explain.js';
import type { CheckOutcome } from '../../core/checks/model.js';
import { resolveDbPassword, secretKeyFor, type DbPasswordSources, type ResolvedPassword } from './db-password.js';
import { describeError } from './describe-error.js';

export interface DatabaseTarget {
  host: string;
  port: number;
  user: string;
  database: string;
}

export const DEFAULT_DATABASE: Omit<DatabaseTarget, 'host'> = { port: 5432, user: 'hft_user', database: 'hft_db' };

/** SQLSTATE invalid_password: the stored password is stale, forget it. */
const INVALID_PASSWORD = '28P01';

export async function checkDatabase(target: DatabaseTarget, sources: DbPasswordSources, signal: AbortSignal): Promise<CheckOutcome> {
  const where = `${target.user}@${target.host}:${target.port}/${target.database}`;
  let resolved: ResolvedPassword | null;
  try {
    resolved = await resolveDbPassword(target, sources);
  } catch (error) {
    return failed(`reading the password: ${describeError(error)}`, where);
  }
  if (resolved === null) return failed('no password available for ' + where, where);

  const client = new pg.Client({
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database,
    password: resolved.password,
    application_name: 'oncall-cockpit access check',
    // The runner's deadline aborts us anyway; this only stops pg from waiting longer on its own.
    connectionTimeoutMillis: 0,
  });
  // An error after the check settled (server going away) must not crash the host.
  client.on('error', () => {});
  const onAbort = () => void client.end().catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    const result = await client.query<{ ok: number }>('SELECT 1 AS ok');
    if (result.rows[0]?.ok !== 1) return failed(`SELECT 1 answered ${JSON.stringify(result.rows)}`, where);
    if (resolved.source === 'asked' && sources.secretStore) {
      await sources.secretStore.set(secretKeyFor(target), resolved.password);
    }
    return {
      state: 'passed',
      message: `SELECT 1 as ${target.user} on ${target.database} works (password from ${SOURCE_WORDS[resolved.source]})`,
      hint: null,
      rawError: null,
    };
  } catch (error) {
    if ((error as { code?: string }).code === INVALID_PASSWORD && resolved.source === 'secret_store') {
      await sources.secretStore?.delete(secretKeyFor(target));
    }
    const raw = [describeError(error), ...resolved.notes].join('\n');
    return failed(raw, where);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await client.end().catch(() => {});
  }
}

const SOURCE_WORDS: Record<ResolvedPassword['source'], string> = {
  explicit: 'settings',
  environment: 'PGPASSWORD',
  pgpass: '.pgpass',
  secret_store: 'the secret store',
  asked: 'you',
};

function failed(raw: string, where: string): CheckOutcome {
  const { message, hint } = explainFailure('database', raw, { target: where });
  return { state: 'failed', message, hint, rawError: raw };
}
