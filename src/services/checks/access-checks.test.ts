import { describe, expect, it } from 'vitest';
import { applyCheckEvent, type CheckEvent } from '../../core/checks/progress.js';
import { newReport } from '../../core/checks/model.js';
import { planAccessChecks } from '../../core/checks/plan.js';
import { summarise } from '../../core/checks/summary.js';
import { systemClock } from '../clock.js';
import { accessCheckTasks, accessHostsFrom, accessTargets, type AccessCheckConfig } from './access-checks.js';
import { runChecks } from './runner.js';
import { SUDO_STATUS_COMMAND } from './ssh-checks.js';

type Profile = { host: string };
const RUNNING = { code: 0, stdout: '     Active: active (running) since Tue 2026-11-24 06:00:01 UTC\n', stderr: '' };

describe('the composed pre-shift run', () => {
  it('runs every automated check of the plan through its service and reports in words', async () => {
    const config: AccessCheckConfig<Profile> = {
      hosts: [
        { id: 'p1', name: 'hft-prod-01', expectedHostname: 'hft-prod-01', profile: { host: 'hft-prod-01' } },
        { id: 'p2', name: 'hft-prod-02', expectedHostname: 'hft-prod-02', profile: { host: 'hft-prod-02' } },
      ],
      api: { url: 'http://api.test:8080', viaSshHostId: 'p1', writeKey: null },
      database: null,
      manual: [{ id: 'vpn', label: 'VPN connected' }],
    };
    const services = {
      ssh: {
        async exec(profile: Profile, command: string) {
          if (profile.host === 'hft-prod-02') throw new Error('All configured authentication methods failed');
          if (command === 'hostname') return { code: 0, stdout: `${profile.host}\n`, stderr: '' };
          if (command === SUDO_STATUS_COMMAND) return RUNNING;
          throw new Error(command);
        },
        forwardLocal: async () => ({ localUrl: 'http://forwarded.test', close: () => undefined }),
      },
      fetch: async (url: string) =>
        url.startsWith('http://forwarded.test/')
          ? Response.json({ status: 'ok', version: '2.14.1', uptime_s: 1, timestamp: '2026-11-24T08:00:00Z' })
          : Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 10.1.1.1:8080'), { code: 'ECONNREFUSED' }) })),
    };
    const tasks = accessCheckTasks(config, services);
    expect(tasks.map((t) => t.definition.id)).toEqual(['ssh:p1', 'sudo:p1', 'ssh:p2', 'sudo:p2', 'api:health', 'api:health-via-ssh']);

    const events: CheckEvent[] = [];
    await runChecks(tasks, { clock: systemClock, onProgress: (e) => events.push(e) });
    const report = events.reduce(applyCheckEvent, newReport('alice', planAccessChecks(accessTargets(config)), 0));
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId['sudo:p1']!.state).toBe('passed');
    expect(byId['ssh:p2']!.message).toBe('hft-prod-02: Permission denied (publickey)');
    expect(byId['sudo:p2']!.state).toBe('skipped');
    expect(byId['api:health']).toMatchObject({ state: 'failed', message: 'Connection refused on 8080', rawError: 'fetch failed\nconnect ECONNREFUSED 10.1.1.1:8080' });
    expect(byId['api:health-via-ssh']!.state).toBe('passed');
    expect(summarise(report, 'UTC').text).toMatch(/^Access check \d\d:\d\d: 3 failed, 3\/7 ok$/);
  });

  it('covers production and standby profiles, expecting the host name unless the host is an address', () => {
    const hosts = accessHostsFrom([
      { id: 'a', name: 'hft-prod-01', host: 'hft-prod-01.trading.internal', role: 'prod' as const },
      { id: 'b', name: 'hft-prod-02', host: '10.20.0.12', role: 'standby' as const },
      { id: 'c', name: 'grafana', host: 'grafana.internal', role: 'other' as const },
    ]);
    expect(hosts.map((h) => [h.id, h.expectedHostname])).toEqual([
      ['a', 'hft-prod-01.trading.internal'],
      ['b', 'hft-prod-02'],
    ]);
  });
});
