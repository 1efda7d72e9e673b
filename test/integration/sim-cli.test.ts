/**
 * `npm run sim` as an operator runs it: one line with the URL on start, a
 * clean exit on SIGTERM and SIGINT, and a clear refusal of bad flags or a
 * taken port.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Health } from '../../src/contract/hft.js';
import { startSimulator } from '../../src/sim/index.js';
import { ROOT, startTs } from '../harness/process.js';

const READY = /simulator listening on (http:\/\/127\.0\.0\.1:(\d+))\n/;
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const CLI = resolve(ROOT, 'src/sim/cli.ts');

/** Runs the CLI to its end; resolves with its exit code and output either way. */
async function runToEnd(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [CLI, ...args], { cwd: ROOT, timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('sim CLI', () => {
  it('prints exactly one line with its URL, serves, and exits 0 on SIGTERM', async () => {
    const sim = await startTs('src/sim/cli.ts', ['--port', '0', '--seed', '7'], READY);
    try {
      const health = Health.parse(await (await fetch(`${sim.match[1]}/api/v1/health`)).json());
      expect(health.status).toBe('ok');
      const exit = new Promise<number | null>((done) => sim.proc.once('exit', (code) => done(code)));
      sim.proc.kill('SIGTERM');
      expect(await exit).toBe(0);
      const lines = sim.output().split('\n').filter((l) => l.trim() !== '' && !/^npm warn/i.test(l));
      expect(lines).toEqual([`simulator listening on ${sim.match[1]}`]);
    } finally {
      await sim.stop();
    }
  });

  it('exits 0 on SIGINT too', async () => {
    const sim = await startTs('src/sim/cli.ts', ['--port', '0'], READY);
    try {
      const exit = new Promise<number | null>((done) => sim.proc.once('exit', (code) => done(code)));
      sim.proc.kill('SIGINT');
      expect(await exit).toBe(0);
    } finally {
      await sim.stop();
    }
  });

  it('refuses a bad flag with a message and a non-zero exit', async () => {
    const bad = await runToEnd(['--port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be an integer');
    const unknown = await runToEnd(['--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--colour');
  });

  it('says so when the port is taken', async () => {
    const holder = await startSimulator({ port: 0 });
    try {
      const taken = await runToEnd(['--port', String(holder.port)]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain(`port ${holder.port} is already in use`);
      expect(taken.stdout).not.toContain('listening');
    } finally {
      await holder.close();
    }
  });
});
