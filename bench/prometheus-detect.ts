/**
 * The same staged exchange disconnect as the `incident` group, watched the
 * way the team's standard monitoring would: Debian's Prometheus scraping the
 * simulator's `/metrics` every second, one alert rule evaluated every
 * second (`hft_exchange_connected == 0`, no `for`), sending to Debian's
 * Alertmanager. Timed from the fault to the alert listed by Alertmanager's
 * API (`GET /api/v2/alerts`, asked every 20 ms), which is where the team's
 * routing starts; the `incident` group times the cockpit from the same fault
 * to the incident on screen. `run.ts` prints the two p95s as a ratio when
 * both groups run.
 *
 * Each round starts a fresh simulator, Prometheus and Alertmanager (so no
 * alert state carries over), waits until Prometheus has scraped the
 * simulator, then stages the fault at a random phase of the scrape. Needs
 * `prometheus` and `prometheus-alertmanager` from Debian; without them the
 * group says so and measures nothing. Runnable alone: `npx tsx
 * bench/prometheus-detect.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALERTMANAGER_BIN, startAlertmanager } from '../test/harness/alertmanager.js';
import { freePort } from '../test/harness/free-port.js';
import { startTs } from '../test/harness/process.js';
import { formatFigure, percentiles, type BenchFigure } from './figure.js';

const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const ROUNDS = Number(process.env.INCIDENT_BENCH_ROUNDS ?? 5);
/** Prometheus's scrape and rule-evaluation interval, ms: the "1 s scrape" of the comparison. */
const SCRAPE_MS = 1_000;
/** How often Alertmanager's API is asked whether the alert is there, ms. */
const ASK_EVERY_MS = 20;
/** Longest a round may take from the fault to the alert, ms. */
const ROUND_TIMEOUT_MS = 20_000;
const READY_TIMEOUT_MS = 30_000;
const EXCHANGE = 'kraken';
const ALERT = 'ExchangeDisconnected';

/** Shared with `run.ts`, which sets the cockpit's p95 against this one. */
export const PROMETHEUS_P95_NAME = `exchange_disconnected fault to the alert in Alertmanager, Prometheus at ${SCRAPE_MS / 1000} s, p95`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Prometheus {
  url: string;
  stop(): Promise<void>;
}

async function startPrometheus(dir: string, simUrl: string, alertmanagerUrl: string): Promise<Prometheus> {
  const rules = join(dir, 'rules.yml');
  writeFileSync(rules, `groups:
  - name: hft
    interval: ${SCRAPE_MS / 1000}s
    rules:
      - alert: ${ALERT}
        expr: hft_exchange_connected == 0
        labels: { severity: sev2 }
`);
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, `global:
  scrape_interval: ${SCRAPE_MS / 1000}s
  evaluation_interval: ${SCRAPE_MS / 1000}s
rule_files: [${JSON.stringify(rules)}]
alerting:
  alertmanagers:
    - static_configs: [{ targets: [${JSON.stringify(new URL(alertmanagerUrl).host)}] }]
scrape_configs:
  - job_name: hft
    static_configs: [{ targets: [${JSON.stringify(new URL(simUrl).host)}] }]
`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc: ChildProcess = spawn(PROMETHEUS_BIN, [
    `--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  // Ready once it has scraped the simulator: the target's `up` is 1.
  const end = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`prometheus exited with ${proc.exitCode}:\n${out}`);
    const up = await fetch(`${url}/api/v1/query?query=up`).then((r) => (r.ok ? r.json() : null), () => null) as
      { data?: { result?: { value: [number, string] }[] } } | null;
    if (up?.data?.result?.[0]?.value[1] === '1') return { url, stop };
    await sleep(100);
  }
  await stop();
  throw new Error(`prometheus did not scrape the simulator within ${READY_TIMEOUT_MS} ms:\n${out}`);
}

/** One round: fresh processes, the fault at a random phase of the scrape, the time until Alertmanager lists the alert, ms. */
async function round(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-prom-'));
  const sim = await startTs('src/sim/cli.ts', ['--port', '0', '--seed', '7'], /(http:\/\/127\.0\.0\.1:\d+)/);
  const alertmanager = await startAlertmanager();
  let prometheus: Prometheus | null = null;
  try {
    const simUrl = sim.match[1]!;
    prometheus = await startPrometheus(dir, simUrl, alertmanager.url);
    await sleep(Math.random() * SCRAPE_MS);
    const stagedAt = Date.now();
    const res = await fetch(`${simUrl}/sim/v1/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'exchange_disconnect', exchange: EXCHANGE }),
    });
    if (!res.ok) throw new Error(`simulator refused the scenario: ${res.status}`);
    while (Date.now() - stagedAt < ROUND_TIMEOUT_MS) {
      const alerts = await alertmanager.alerts();
      if (alerts.some((a) => a.labels.alertname === ALERT && a.labels.exchange === EXCHANGE)) return Date.now() - stagedAt;
      await sleep(ASK_EVERY_MS);
    }
    throw new Error(`Alertmanager did not list ${ALERT} within ${ROUND_TIMEOUT_MS} ms`);
  } finally {
    await prometheus?.stop();
    await alertmanager.stop();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPrometheusDetect(): Promise<BenchFigure[]> {
  const missing = [PROMETHEUS_BIN, ALERTMANAGER_BIN].filter((bin) => !existsSync(bin));
  if (missing.length > 0) {
    console.log(`     skipped: ${missing.join(' and ')} not found (Debian: apt-get install prometheus prometheus-alertmanager)`);
    return [];
  }
  const latencies: number[] = [];
  for (let i = 0; i < ROUNDS; i++) latencies.push(await round());
  const p = percentiles(latencies);
  return [
    { name: PROMETHEUS_P95_NAME.replace(/p95$/, `p50 (${ROUNDS} rounds)`), value: p.p50, unit: 'ms' },
    { name: PROMETHEUS_P95_NAME, value: p.p95, unit: 'ms' },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const figure of await benchPrometheusDetect()) console.log(formatFigure(figure));
}

/**
 * The cockpit's staged exchange disconnect to the incident on screen (the
 * `incident` group) against Prometheus + Alertmanager's p95 of the same
 * run, as a share: below 100 % the cockpit is ahead. Null unless both ran.
 */
export function cockpitAgainstPrometheus(figures: readonly BenchFigure[]): BenchFigure | null {
  const cockpit = figures.find((f) => f.name.startsWith('exchange_disconnected (hold') && f.name.includes(', p95 ('));
  const prometheus = figures.find((f) => f.name === PROMETHEUS_P95_NAME);
  if (!cockpit || !prometheus || !(prometheus.value > 0)) return null;
  return { name: 'exchange disconnect p95: the cockpit as a share of Prometheus + Alertmanager, this run', value: (cockpit.value / prometheus.value) * 100, unit: '%' };
}
