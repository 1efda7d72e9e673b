/**
 * The killswitch and strategy stops against the real simulator over
 * loopback, with a write key, the real audit log on disk and real time:
 * a healthy system is halted and proven halted; `killswitch_ignored` ends
 * in NOT VERIFIED with what was seen; a slow killswitch endpoint is waited
 * for, a garbled 200 is proven by reading back, `hang` is reported within
 * 15 s; every press leaves its intent and outcome on the audit log. The SSH path's curl is run here by a local shell, which
 * proves its quoting and its key-on-stdin against the real API.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Status, Strategies } from '../../src/contract/hft.js';
import { strategiesLosingToday, strategiesOnExchange } from '../../src/core/killswitch/select.js';
import { deskContactOf } from '../../src/core/killswitch/verify.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { openAuditLog, type AuditLog } from '../../src/services/audit-log.js';
import { systemClock } from '../../src/services/clock.js';
import { createHftClient, type HftClient } from '../../src/services/hft/client.js';
import { createKillswitchArming } from '../../src/services/killswitch/arming.js';
import { fireKillswitch } from '../../src/services/killswitch/fire.js';
import { createSshApi, type HostCommandRunner } from '../../src/services/killswitch/ssh-api.js';
import { stopStrategies } from '../../src/services/killswitch/stop.js';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index.js';

const API_KEY = 'sim-write-key-7f3a';
const desk = deskContactOf(DEFAULT_PLAYBOOK);

let sim: SimulatorHandle;
let dir: string;
let audit: AuditLog;
let client: HftClient;

beforeEach(async () => {
  sim = await startSimulator({ port: 0, seed: 11, apiKey: API_KEY });
  dir = await mkdtemp(join(tmpdir(), 'killswitch-'));
  audit = await openAuditLog(join(dir, 'audit.jsonl'));
  client = createHftClient({ baseUrl: sim.url, apiKey: API_KEY });
});

afterEach(async () => {
  await audit.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const drill = async (body: Record<string, unknown>) => {
  const res = await fetch(`${sim.url}/sim/v1/scenario`, { method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(5_000) });
  expect(res.status).toBe(200);
};
const read = async <T>(path: string, schema: { parse(v: unknown): T }) =>
  schema.parse(await (await fetch(sim.url + path, { signal: AbortSignal.timeout(5_000) })).json());

const fire = (reason: string, extra: Partial<Parameters<typeof fireKillswitch>[0]> = {}) =>
  fireKillswitch({ client, audit, clock: systemClock, reason, idempotencyKey: crypto.randomUUID(), desk, actor: 'ana', ...extra });

describe('the killswitch against the simulator', () => {
  it('halts a healthy system and proves it: every strategy stopped, the reason as given', async () => {
    const before = await read('/api/v1/strategies', Strategies);
    const outcome = await fire('loss limit at 92%: desk agreed');
    expect(outcome).toMatchObject({ verified: true, path: 'direct', attempts: 1, strategiesStopped: before.strategies.length });
    expect(outcome.strategiesStopped).toBeGreaterThan(10);
    expect(outcome.elapsedMs).toBeLessThan(1_500);
    const status = await read('/api/v1/status', Status);
    expect(status.killswitch).toMatchObject({ active: true, reason: 'loss limit at 92%: desk agreed', source: 'manual' });

    const [intent, result] = [await audit.read({ type: 'killswitch.intent' }), await audit.read({ type: 'killswitch.outcome' })];
    expect(intent).toHaveLength(1);
    expect(intent[0]).toMatchObject({ actor: 'ana', data: { reason: 'loss limit at 92%: desk agreed', idempotencyKey: outcome.idempotencyKey } });
    expect(result[0]!.seq).toBeGreaterThan(intent[0]!.seq);
    expect(result[0]!.data).toMatchObject({ verified: true, strategiesStopped: outcome.strategiesStopped });
    expect(await audit.verify()).toMatchObject({ ok: true, records: 2 });
  });

  it('shows NOT VERIFIED, with what it saw, when the system ignores the killswitch', async () => {
    await drill({ name: 'killswitch_ignored' });
    const outcome = await fire('runaway strategy');
    expect(outcome).toMatchObject({ verified: false, verifiedAt: null, path: 'direct', attempts: 1 });
    expect(outcome.seen[0]).toBe('killswitch.active is false');
    expect(outcome.seen[1]).toBe('trading_enabled is true');
    expect(outcome.seen[2]).toMatch(/^\d+ strategies still running: /);
    expect(outcome.nextSteps.some((s) => s.command?.startsWith('curl -X POST http://localhost:8080/api/v1/killswitch'))).toBe(true);
    expect(outcome.nextSteps.at(-1)?.phone).toBe('+1-555-0103');
    expect((await audit.read({ type: 'killswitch.outcome' }))[0]!.data).toMatchObject({ verified: false, seen: outcome.seen });
  });

  it('waits for a slow killswitch endpoint instead of abandoning it, and proves the halt when it lands', async () => {
    await drill({ name: 'slow', target: 'killswitch', delay_ms: 3_000 });
    const outcome = await fire('loaded system');
    expect(outcome).toMatchObject({ verified: true, attempts: 1, path: 'direct' });
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(3_000);
    expect((await read('/api/v1/status', Status)).trading_enabled).toBe(false);
  }, 15_000);

  it('proves a halt answered with a garbled 200 by reading it back, without repeating the request', async () => {
    await drill({ name: 'malformed_json', target: 'killswitch' });
    const outcome = await fire('garbled answers');
    expect(outcome).toMatchObject({ verified: true, attempts: 1, path: 'direct' });
    expect(outcome.error).toBeUndefined();
  });

  it('keeps a hung killswitch request open to the send deadline and reports failure within 15 s', async () => {
    await drill({ name: 'hang', target: 'killswitch' });
    const started = performance.now();
    const outcome = await fire('exchange feed storm');
    const took = performance.now() - started;
    expect(took).toBeLessThan(15_000);
    expect(took).toBeGreaterThanOrEqual(10_000);
    expect(outcome).toMatchObject({ verified: false, path: null, attempts: 1, error: 'no answer within 10 s' });
    expect(outcome.seen).toContain('killswitch.active is false');
    expect(await audit.read({ type: 'killswitch.intent' })).toHaveLength(1);
    expect(await audit.read({ type: 'killswitch.outcome' })).toHaveLength(1);
  }, 20_000);

  it('fires through the arming tokens only, once per token', async () => {
    const arming = createKillswitchArming({
      clock: systemClock,
      audit,
      fire: ({ reason, idempotencyKey }) => fire(reason, { idempotencyKey }),
    });
    expect(await arming.fire('forged', 'x')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await read('/api/v1/status', Status)).killswitch.active).toBe(false);
    const { token } = arming.prepare();
    expect(await arming.fire(token, 'desk asked')).toMatchObject({ ok: true, value: { verified: true } });
    expect(await arming.fire(token, 'desk asked')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await audit.read({ type: 'killswitch.refused' })).map((r) => r.data)).toEqual([{ why: 'unknown' }, { why: 'replayed' }]);
    expect(await audit.read({ type: 'killswitch.intent' })).toHaveLength(1);
  });
});

describe('strategy stops against the simulator', () => {
  it('stops every strategy trading on an exchange and proves it', async () => {
    const before = await read('/api/v1/strategies', Strategies);
    const onBinance = strategiesOnExchange(before, 'binance').map((s) => s.strategy_id);
    expect(onBinance.length).toBeGreaterThan(0);
    const outcome = await stopStrategies({ client, audit, clock: systemClock, ids: onBinance, reason: 'binance down', desk });
    expect(outcome).toMatchObject({ verified: true, stopped: onBinance, notStopped: [], path: 'direct' });
    const after = await read('/api/v1/strategies', Strategies);
    expect(strategiesOnExchange(after, 'binance')).toEqual([]);
    expect(after.strategies.filter((s) => s.status === 'running').length).toBeGreaterThan(0);
    expect((await audit.read({ type: 'strategies.stop.outcome' }))[0]!.data).toMatchObject({ verified: true, ids: onBinance });
  });

  it('stops the strategies losing today and proves it', async () => {
    await drill({ name: 'loss_limit_approach', target_pct: 60, over_s: 1 });
    await new Promise((r) => setTimeout(r, 1_300));
    const losing = strategiesLosingToday(await read('/api/v1/strategies', Strategies)).map((s) => s.strategy_id);
    expect(losing.length).toBeGreaterThan(0);
    const outcome = await stopStrategies({ client, audit, clock: systemClock, ids: losing, reason: 'losing today', desk });
    expect(outcome).toMatchObject({ verified: true, stopped: losing });
    expect(strategiesLosingToday(await read('/api/v1/strategies', Strategies))).toEqual([]);
  });
});

/** Runs the command in a local shell with `stdin` as its input: the host's side of the SSH path, without SSH. */
const localShell = (commands: string[]): HostCommandRunner => (command, { stdin, timeoutMs }) =>
  new Promise((resolve, reject) => {
    commands.push(command);
    const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });

describe('the curl of the SSH path', () => {
  it('carries any reason intact and the key on stdin only, and the halt is proven through it', async () => {
    const commands: string[] = [];
    const viaHost = createSshApi({ run: localShell(commands), apiKey: API_KEY, hostApiBase: sim.url });
    const unreachable = createHftClient({ baseUrl: 'http://127.0.0.1:9', apiKey: API_KEY });
    const reason = `it's "bad" $(touch ${dir}/pwned) \`id\` ; & | ✓`;
    const outcome = await fire(reason, { client: unreachable, sshFallback: viaHost });
    expect(outcome).toMatchObject({ verified: true, path: 'ssh' });
    // The direct path goes on repeating on its own refusals while the curl over SSH is out.
    expect(outcome.attempts).toBeGreaterThanOrEqual(2);
    expect((await read('/api/v1/status', Status)).killswitch.reason).toBe(reason);
    expect(commands.length).toBeGreaterThanOrEqual(3);
    for (const command of commands) expect(command).not.toContain(API_KEY);
    expect(commands[0]).toContain('-H @-');
    await expect(rm(join(dir, 'pwned'))).rejects.toThrow(/ENOENT/);
  });

  it('reports a refused key as an HTTP failure without retrying', async () => {
    const viaHost = createSshApi({ run: localShell([]), apiKey: 'wrong-key', hostApiBase: sim.url });
    const result = await viaHost.killswitch('x', { signal: AbortSignal.timeout(5_000), idempotencyKey: 'k' });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'http', status: 401 } });
    expect(JSON.stringify(result)).not.toContain('wrong-key');
  });

  it('tells an API that does not answer on the host from one that answers badly', async () => {
    const down = createSshApi({ run: localShell([]), hostApiBase: 'http://127.0.0.1:9' });
    expect(await down.get('status', AbortSignal.timeout(5_000))).toMatchObject({ ok: false, failure: { kind: 'network' } });
    await drill({ name: 'schema_drift', target: 'status' });
    const drifting = createSshApi({ run: localShell([]), hostApiBase: sim.url });
    expect(await drifting.get('status', AbortSignal.timeout(5_000))).toMatchObject({ ok: false, failure: { kind: 'invalid' } });
    expect(await drifting.get('strategies', AbortSignal.timeout(5_000))).toMatchObject({ ok: true });
  });
});
