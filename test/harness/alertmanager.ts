/**
 * A throwaway Alertmanager for integration tests: Debian's
 * `prometheus-alertmanager` (scripts/system-deps.sh) with a config that
 * routes everything to a receiver with no integrations, its storage in a
 * temp dir, the web API on 127.0.0.1 on a free port and clustering off
 * (an empty `--cluster.listen-address`), so nothing leaves loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';
const READY_TIMEOUT_MS = 20_000;
const PORT_ATTEMPTS = 5;

/** Every alert to one receiver that sends nothing; grouping short so the API shows alerts at once. */
const CONFIG = `route:
  receiver: nowhere
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: nowhere
`;

export interface AlertmanagerHarness {
  url: string;
  /** Posts alerts as Prometheus would (POST /api/v2/alerts). */
  post(alerts: { labels: Record<string, string>; annotations?: Record<string, string>; startsAt?: string; endsAt?: string }[]): Promise<void>;
  /** The active alerts the API lists. */
  alerts(): Promise<{ labels: Record<string, string>; annotations: Record<string, string>; fingerprint: string; endsAt: string }[]>;
  output(): string;
  stop(): Promise<void>;
}


async function waitReady(url: string, proc: ChildProcess, out: () => string): Promise<void> {
  const end = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`alertmanager exited with ${proc.exitCode}:\n${out()}`);
    const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`alertmanager not ready within ${READY_TIMEOUT_MS} ms:\n${out()}`);
}

export async function startAlertmanager(): Promise<AlertmanagerHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'alertmanager-'));
  const config = join(dir, 'alertmanager.yml');
  await writeFile(config, CONFIG);
  let lastError: Error | null = null;
  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const proc = spawn(ALERTMANAGER_BIN, [
      `--config.file=${config}`, `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    try {
      await waitReady(url, proc, () => out);
    } catch (e) {
      lastError = e as Error;
      proc.kill('SIGKILL');
      await exited;
      continue;
    }
    return {
      url,
      async post(alerts) {
        const r = await fetch(`${url}/api/v2/alerts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alerts) });
        if (!r.ok) throw new Error(`alertmanager refused the alerts: ${r.status} ${await r.text()}`);
      },
      async alerts() {
        return (await (await fetch(`${url}/api/v2/alerts?active=true`)).json()) as Awaited<ReturnType<AlertmanagerHarness['alerts']>>;
      },
      output: () => out,
      async stop() {
        if (proc.exitCode === null) {
          proc.kill('SIGTERM');
          const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError ?? new Error('alertmanager did not start');
}
