/**
 * The trading API through a prod host's SSH connection, end to end: the
 * direct URL is a dead loopback port, the host is a real OpenSSH sshd on
 * loopback reached with an ssh-agent, and the API "on the host" is the
 * simulator (same machine, so the forward targets the simulator's port
 * instead of 8080). The poller must end fresh through the tunnel, survive
 * the host dropping it, come back to the direct URL once something answers
 * there, and the backend must say which route is in use.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot, LiveUpdate, PromptAsk, Result } from '../../src/contract/index.js';
import { createBackend } from '../../src/host/backend.js';
import type { AuditEntry } from '../../src/services/audit-log.js';
import { systemClock } from '../../src/services/clock.js';
import { createApiRoute, DIRECT_FAILURES_BEFORE_SSH, reportingHealthTo } from '../../src/services/hft/api-route.js';
import { createHftClient } from '../../src/services/hft/client.js';
import { createPoller } from '../../src/services/hft/poller.js';
import { systemTimers } from '../../src/services/hft/timers.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';
import { startSimulator, type SimulatorHandle } from '../../src/sim/index.js';
import { cockpitSsh, freePort, makeDir, makeUserKeys, removeDir, startAgent, startSshd, TEST_USER, type TestAgent, type TestSshd } from '../harness/sshd.js';

/** Fast polls, so the switch happens within a second or two (the cockpit's default is 1 s). */
const POLL_MS = 150;
const REQUEST_TIMEOUT_MS = 1_000;
/** Direct probes while on the tunnel; the cockpit's default is 30 s. */
const PROBE_MS = 300;

let dir: string;
let sshd: TestSshd;
let agent: TestAgent;
let sim: SimulatorHandle;

beforeAll(async () => {
  dir = makeDir('api-route-ssh');
  const keys = await makeUserKeys(dir);
  sshd = await startSshd({ dir, authorizedKeys: keys.authorizedKeys });
  agent = await startAgent(dir, [keys.plain]);
  sim = await startSimulator({ host: '127.0.0.1', port: 0, seed: 5 });
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await sshd?.stop();
  await agent?.stop();
  if (dir) removeDir(dir);
});

async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = probe();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

const simPort = () => Number(new URL(sim.url).port);

describe('the API route through a real SSH tunnel', () => {
  it('polls through the prod host when the direct URL is dead, reopens a tunnel the host dropped, and goes back when direct answers', async () => {
    const directPort = await freePort();
    const directUrl = `http://127.0.0.1:${directPort}`;
    const stack = cockpitSsh({ dir, name: 'route' });
    // The SSH service's profile has no API flag; the cockpit's profile adds it.
    const prod = {
      ...stack.profile({ id: 'prod', name: 'hft-prod-01', host: sshd.host, port: sshd.port, user: TEST_USER, role: 'prod', auth: { method: 'agent', agentSocket: agent.socket } }),
      apiViaSsh: true,
    };
    const audit: AuditEntry[] = [];
    const lines: string[] = [];
    const route = createApiRoute({
      directUrl,
      profiles: { list: async () => [prod] },
      connector: stack.connector,
      audit: { append: async (e) => void audit.push(e) },
      timers: systemTimers,
      remoteHost: '127.0.0.1',
      remotePort: simPort(),
      probeIntervalMs: PROBE_MS,
      log: (line) => lines.push(line),
    });
    const poller = createPoller({
      client: reportingHealthTo(route, createHftClient({ baseUrl: route.current })),
      clock: systemClock,
      pollMs: POLL_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    });
    let directAgain: SimulatorHandle | null = null;
    try {
      poller.start();
      await waitFor('the tunnel', () => route.view().kind === 'ssh').catch((error: Error) => {
        throw new Error(`${error.message}; the route said: ${lines.join(' | ') || 'nothing'}`);
      });
      expect(route.view()).toEqual({ kind: 'ssh', via: 'hft-prod-01', note: null });
      expect(route.current()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(route.current()).not.toBe(directUrl);
      expect(stack.connector.openConnections()).toEqual(['prod']);
      expect(audit[0]).toMatchObject({ type: 'api.route.switched', data: { from: 'direct', to: 'ssh', via: 'hft-prod-01', remote: `127.0.0.1:${simPort()}` } });
      expect(String((audit[0]!.data as { reason: string }).reason)).toContain(`${DIRECT_FAILURES_BEFORE_SSH} health polls in a row`);

      // Every endpoint ends fresh, with the simulator's data, through the tunnel.
      const fresh = await waitFor('every endpoint fresh', () => {
        const snapshot = poller.snapshot();
        return Object.values(snapshot.endpoints).every((v) => v.freshness === 'fresh') ? snapshot : null;
      });
      expect(fresh.endpoints.status.data!.exchanges.length).toBeGreaterThan(5);

      // The host drops every connection (a crash, a network cut): the tunnel is counted dead and reopened once sshd is back.
      const firstTunnel = route.current();
      await sshd.kill();
      await waitFor('the tunnel counted lost', () => route.view().note?.includes('lost; reopening'));
      expect(route.current()).toBe(directUrl);
      await sshd.restart();
      await waitFor('the tunnel reopened', () => route.view().kind === 'ssh');
      expect(route.current()).not.toBe(firstTunnel);
      await waitFor('fresh health through the new tunnel', () => poller.snapshot().endpoints.health.freshness === 'fresh');

      // Something answers on the direct URL again: the route goes back, and the tunnel closes.
      directAgain = await startSimulator({ host: '127.0.0.1', port: directPort, seed: 5 });
      await waitFor('the switch back', () => route.view().kind === 'direct');
      expect(route.current()).toBe(directUrl);
      expect(audit.at(-1)).toMatchObject({ type: 'api.route.switched', data: { from: 'ssh', to: 'direct' } });
      await waitFor('the SSH connection let go', () => stack.connector.openConnections().length === 0);
      await waitFor('fresh health on the direct URL', () => poller.snapshot().endpoints.health.freshness === 'fresh');
    } finally {
      await poller.stop();
      await route.close();
      stack.connector.closeAll();
      await directAgain?.close();
    }
  });

  it('shows the route in the backend live view and audits the switch', async () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    const backend = await createBackend({
      apiUrl: `http://127.0.0.1:${await freePort()}`,
      pollMs: POLL_MS,
      dataDir: join(dir, 'data'),
      hostKind: 'browser',
      settings: createMemorySettingsStore({ timeZone: 'UTC', operatorName: 'ana', requestTimeoutMs: REQUEST_TIMEOUT_MS }),
      terminal: { home },
      apiViaSsh: { remoteHost: '127.0.0.1', remotePort: simPort() },
    });
    const updates: LiveUpdate[] = [];
    backend.subscribe((name, payload) => {
      if (name === 'live.update') updates.push(payload as LiveUpdate);
      if (name === 'prompts.ask') {
        const ask = payload as PromptAsk;
        void backend.handle('prompts.answer', { promptId: ask.promptId, answer: ask.question.kind === 'host_key_unknown' });
      }
    });
    const value = <T>(result: Result<unknown>): T => {
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value as T;
    };
    try {
      value(
        await backend.handle('ssh.profiles.save', {
          id: 'prod1',
          name: 'hft-prod-01',
          host: sshd.host,
          port: sshd.port,
          user: TEST_USER,
          role: 'prod',
          apiViaSsh: true,
          auth: { method: 'agent', agentSocket: agent.socket },
        }),
      );
      await waitFor('a live update saying the route is SSH', () => updates.some((u) => u.apiRoute?.kind === 'ssh'), 20_000);
      const live = await waitFor(
        'fresh health through the tunnel',
        () => updates.find((u) => u.endpoints.health?.freshness === 'fresh' && u.apiRoute?.kind === 'ssh'),
        20_000,
      );
      expect(live.apiRoute).toEqual({ kind: 'ssh', via: 'hft-prod-01', note: null });
      const shown = value<LiveSnapshot>(await backend.handle('live.snapshot', {}));
      expect(shown.apiRoute).toEqual({ kind: 'ssh', via: 'hft-prod-01', note: null });
      const switched = await backend.audit.read({ type: 'api.route.switched' });
      expect(switched.map((r) => r.data)).toEqual([expect.objectContaining({ from: 'direct', to: 'ssh', via: 'hft-prod-01' })]);
    } finally {
      await backend.close();
    }
  });
});
