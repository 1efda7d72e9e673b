/**
 * A throwaway PostgreSQL server on loopback for integration tests: Debian's
 * PostgreSQL binaries (the newest installed major version, or $PG_BIN), a fresh cluster in a temp dir, listening only on
 * 127.0.0.1 on a free port with its unix socket in the temp dir. The role
 * hft_user (with a password, SCRAM over TCP) and the database hft_db are
 * created as in production.
 *
 * PostgreSQL refuses to run as root and the tests run as root here, so every
 * server process runs as the `postgres` system user (spawned with its uid
 * and gid) in a directory it owns. Durability is switched off (fsync, full
 * page writes, synchronous commit): the cluster lives for one test file.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

const PG_ROOT = '/usr/lib/postgresql';

/** Debian installs each major version under /usr/lib/postgresql/<major>/bin; take the newest that has initdb. */
export function findPgBin(root = PG_ROOT, env = process.env): string {
  if (env.PG_BIN) return env.PG_BIN;
  const majors = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb'))) : [];
  majors.sort((a, b) => Number(b) - Number(a));
  if (majors.length === 0) throw new Error(`no PostgreSQL server found under ${root}: install Debian's postgresql package (scripts/system-deps.sh) or set PG_BIN`);
  return join(root, majors[0]!, 'bin');
}

const PG_BIN = findPgBin();
const READY_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
/** Free-port races with other suites: try a few ports before giving up. */
const PORT_ATTEMPTS = 5;

export interface PostgresHarness {
  host: '127.0.0.1';
  port: number;
  user: 'hft_user';
  password: string;
  database: 'hft_db';
  /** The unix socket directory (superuser access, trust). */
  socketDir: string;
  /** Fast shutdown of the server, keeping the cluster: for "server stopped" tests. */
  stopServer(): Promise<void>;
  /** Starts the server again on the same port. */
  startServer(): Promise<void>;
  /** Runs SQL as the superuser over the unix socket; returns psql's output. */
  sql(statement: string, database?: string): Promise<string>;
  /** Stops the server and removes the cluster. */
  stop(): Promise<void>;
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}


export async function startPostgres({ password = 'hft-test-password' }: { password?: string } = {}): Promise<PostgresHarness> {
  const ids = await postgresIds();
  const root = await mkdtemp(join(tmpdir(), 'cockpit-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  let server: ChildProcess | null = null;
  let port = 0;
  let log = '';

  const asPostgres = (file: string, args: string[]) =>
    run(join(PG_BIN, file), args, { uid: ids.uid, gid: ids.gid, cwd: root, env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' } });

  const launch = async (): Promise<boolean> => {
    log = '';
    const proc = spawn(
      join(PG_BIN, 'postgres'),
      [
        '-D', dataDir,
        '-p', String(port),
        '-k', socketDir,
        '-c', 'listen_addresses=127.0.0.1',
        '-c', 'fsync=off',
        '-c', 'full_page_writes=off',
        '-c', 'synchronous_commit=off',
        '-c', 'shared_buffers=16MB',
        '-c', 'max_connections=20',
      ],
      { uid: ids.uid, gid: ids.gid, cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { LANG: 'C.UTF-8' } },
    );
    const ready = await new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(false), READY_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          done(true);
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', () => {
        clearTimeout(timer);
        done(false);
      });
    });
    if (ready) {
      server = proc;
      return true;
    }
    await halt(proc);
    return false;
  };

  const halt = async (proc: ChildProcess) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((done) => proc.once('exit', () => done()));
    // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, no waiting on them.
    proc.kill('SIGINT');
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const sql = async (statement: string, database = 'postgres') => {
    const { stdout } = await asPostgres('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', database, '-c', statement]);
    return stdout.trim();
  };

  try {
    await mkdir(socketDir);
    await chown(root, ids.uid, ids.gid);
    await chown(socketDir, ids.uid, ids.gid);
    await asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync', '-E', 'UTF8']);
    let started = false;
    for (let attempt = 0; attempt < PORT_ATTEMPTS && !started; attempt++) {
      port = await freePort();
      started = await launch();
    }
    if (!started) throw new Error(`PostgreSQL did not start:\n${log}`);
    const quoted = password.replace(/'/g, "''");
    await sql(`CREATE ROLE hft_user LOGIN PASSWORD '${quoted}'`);
    await sql('CREATE DATABASE hft_db OWNER hft_user');
  } catch (error) {
    if (server) await halt(server);
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  return {
    host: '127.0.0.1',
    port,
    user: 'hft_user',
    password,
    database: 'hft_db',
    socketDir,
    sql,
    async stopServer() {
      if (server) await halt(server);
      server = null;
    },
    async startServer() {
      if (server) return;
      if (!(await launch())) throw new Error(`PostgreSQL did not restart on ${port}:\n${log}`);
    },
    async stop() {
      if (server) await halt(server);
      server = null;
      await rm(root, { recursive: true, force: true });
    },
  };
}
