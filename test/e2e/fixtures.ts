/**
 * Playwright fixtures: a simulator and a browser host pointed at it, both
 * real processes on loopback, fresh for each test and stopped after it.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBundledHost, startTs, type Started } from '../harness/process.js';

export interface Simulator {
  url: string;
  stage(body: Record<string, unknown>): Promise<void>;
  clear(): Promise<void>;
}

export interface Cockpit {
  url: string;
  dataDir: string;
  process: Started;
  /** Stops the backend (SIGTERM, or SIGKILL with `crash`) and starts it again on the same data dir. */
  restart(opts?: { crash?: boolean }): Promise<void>;
}

const SIM_READY = /(http:\/\/127\.0\.0\.1:\d+)/;
const HOST_READY = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;

async function simControl(url: string, method: 'POST' | 'DELETE', body?: unknown) {
  const res = await fetch(`${url}/sim/v1/scenario`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator refused ${method} scenario: ${res.status} ${await res.text()}`);
}

/** Scenario control of the simulator at `url`. */
export function simulatorAt(url: string): Simulator {
  return { url, stage: (body) => simControl(url, 'POST', body), clear: () => simControl(url, 'DELETE') };
}

export const test = base.extend<{ sim: Simulator; cockpit: Cockpit; hostArgs: string[] }>({
  hostArgs: [[], { option: true }],
  sim: async ({}, use) => {
    const proc = await startTs('src/sim/cli.ts', ['--port', '0', '--seed', '7'], SIM_READY);
    await use(simulatorAt(proc.match[1]!));
    await proc.stop();
  },
  cockpit: async ({ sim, hostArgs }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-'));
    const args = ['--api', sim.url, '--port', '0', '--data-dir', dataDir, ...hostArgs];
    const cockpit: Cockpit = {
      url: '',
      dataDir,
      process: await startBundledHost(args, HOST_READY),
      async restart({ crash = false } = {}) {
        if (crash) await this.process.kill();
        else await this.process.stop();
        // Same port, so the page's origin (and its token-less reload) stays valid.
        const port = new URL(this.url).port;
        const again = args.map((a, i) => (args[i - 1] === '--port' ? port : a));
        this.process = await startBundledHost(again, HOST_READY);
        this.url = this.process.match[1]!;
      },
    };
    cockpit.url = cockpit.process.match[1]!;
    await use(cockpit);
    await cockpit.process.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

/**
 * Holds back, by `delayMs`, the answers to the page's calls that `picks` on
 * their way from the backend to the page, as a loaded backend would; every
 * other message passes at once. Applies to the sockets the page opens from
 * now on (call before `goto` or a reload).
 */
export async function holdBackAnswers(page: Page, picks: (call: { name?: string; request?: unknown }) => boolean, delayMs: number) {
  await page.routeWebSocket(/\/ws\?/, (ws) => {
    const server = ws.connectToServer();
    const held = new Set<number>();
    ws.onMessage((message) => {
      const call = typeof message === 'string' ? (JSON.parse(message) as { id?: number; name?: string; request?: unknown }) : null;
      if (call && typeof call.id === 'number' && picks(call)) held.add(call.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const answer = typeof message === 'string' ? (JSON.parse(message) as { type?: string; id?: number }) : null;
      if (answer?.type === 'result' && typeof answer.id === 'number' && held.delete(answer.id)) setTimeout(() => ws.send(message), delayMs);
      else ws.send(message);
    });
  });
}

/** Opens the cockpit and waits until the live view has data. */
export async function openCockpit(page: Page, cockpit: Cockpit) {
  await page.goto(cockpit.url);
  await expect(page.getByRole('region', { name: 'Exchanges' })).toBeVisible();
}

/** The simulator's killswitch as the trading system reports it. */
export async function killswitchState(simUrl: string) {
  const res = await fetch(`${simUrl}/api/v1/status`);
  return ((await res.json()) as { killswitch: { active: boolean; reason: string | null; source: string | null } }).killswitch;
}

/** Holds the button with the mouse for `ms`, then lets go. */
export async function holdWithMouse(page: Page, button: Locator, ms: number) {
  await button.hover();
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

export { expect };
