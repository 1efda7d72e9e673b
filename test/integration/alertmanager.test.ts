/**
 * Alertmanager both ways, against the real one (Debian's
 * prometheus-alertmanager, started on a free loopback port for this file):
 * an alert posted to it opens an incident on the cockpit's next read; the
 * cockpit's own incident appears in Alertmanager through the outbox and is
 * not read back as a second incident; an alert that ends clears what it raised.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegrationsPart, type IntegrationsPart } from '../../src/host/integrations/integrations-part.js';
import { openAuditLog, type AuditLog } from '../../src/services/audit-log.js';
import { systemClock } from '../../src/services/clock.js';
import { systemTimers } from '../../src/services/hft/timers.js';
import { openIncidentsService, type IncidentsService } from '../../src/services/incidents/index.js';
import { createAlertmanagerSource } from '../../src/services/integrations/alertmanager.js';
import { fetchHttpClient } from '../../src/services/integrations/http.js';
import { freePort } from '../harness/free-port.js';
import { startAlertmanager, type AlertmanagerHarness } from '../harness/alertmanager.js';

let am: AlertmanagerHarness;
let dir: string;
let audit: AuditLog;
let incidents: IncidentsService;
let part: IntegrationsPart;

beforeAll(async () => {
  am = await startAlertmanager();
  dir = await mkdtemp(join(tmpdir(), 'am-cockpit-'));
  audit = await openAuditLog(join(dir, 'audit.log'));
  incidents = await openIncidentsService({ dataDir: dir, audit, operator: () => 'ana', timeZone: () => 'UTC', log: () => {} });
  part = await createIntegrationsPart({
    audit, incidents, clock: systemClock, timers: systemTimers, http: fetchHttpClient(), log: () => {},
    configs: () => ({ pagerduty: null, slack: null, statuspage: null, alertmanager: { baseUrl: am.url }, since: { alertmanager: 0 } }),
    // Reads are driven by the test; the timed loop is far away.
    alertmanagerReadMs: 3_600_000,
  });
});
afterAll(async () => {
  await part?.close();
  await incidents?.close();
  await audit?.close();
  await am?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('Alertmanager', () => {
  it('opens an incident from an alert posted to Alertmanager on the next read', async () => {
    await am.post([{ labels: { alertname: 'CertificateExpiresSoon', severity: 'critical', job: 'gateway' }, annotations: { summary: 'TLS certificate expires in 3 days' } }]);
    const started = performance.now();
    await part.alertmanager.readNow();
    const tookMs = performance.now() - started;
    const incident = incidents.view().incidents.find((i) => i.title === 'CertificateExpiresSoon: gateway');
    expect(incident).toMatchObject({ severity: 'SEV1', scenario: null, detail: 'TLS certificate expires in 3 days' });
    expect(incident!.conditionKey).toMatch(/^alertmanager:[0-9a-f]+$/);
    expect(part.alertmanager.status()).toMatchObject({ failingSince: null, reason: null });
    process.stdout.write(`alertmanager: read to incident recorded in ${tookMs.toFixed(0)} ms\n`);
    // A second read of the same alert changes nothing.
    const before = incidents.view().incidents.length;
    await part.alertmanager.readNow();
    expect(incidents.view().incidents).toHaveLength(before);
  });

  it("shows the cockpit's own incident in Alertmanager, and does not read it back as another", async () => {
    const own = await incidents.open({ title: 'Exchange disconnected: binance', severity: 'SEV2' });
    await part.plan();
    await part.outbox.idle();
    const listed = await am.alerts();
    const mine = listed.find((a) => a.labels.incident === own.id);
    expect(mine?.labels).toMatchObject({ source: 'oncall-cockpit', severity: 'sev2', alertname: 'CockpitIncident' });
    expect(part.outbox.deliveries(own.id)).toMatchObject([{ channel: 'alertmanager', status: 'sent' }]);
    const count = incidents.view().incidents.length;
    await part.alertmanager.readNow();
    expect(incidents.view().incidents).toHaveLength(count);

    await incidents.act({ incidentId: own.id, action: { type: 'resolve', note: 'binance back', finalUpdate: { text: 'Binance is back; this is the final update.' } } });
    await part.plan();
    await part.outbox.idle();
    expect((await am.alerts()).find((a) => a.labels.incident === own.id)).toBeUndefined();
  });

  it('marks an incident it raised cleared when the alert ends in Alertmanager', async () => {
    const labels = { alertname: 'CertificateExpiresSoon', severity: 'critical', job: 'gateway' };
    await am.post([{ labels, startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() - 1_000).toISOString() }]);
    await part.alertmanager.readNow();
    const incident = incidents.view().incidents.find((i) => i.title === 'CertificateExpiresSoon: gateway')!;
    expect(incident.conditionClearedAt).not.toBeNull();
    expect(incident.timeline.at(-1)!.text).toBe('Condition cleared: Alertmanager no longer reports it. Ready to resolve.');
  });

  it('says why when Alertmanager cannot be read, and raises nothing', async () => {
    const seen: unknown[] = [];
    const closed = await freePort();
    const down = createAlertmanagerSource({
      config: () => ({ baseUrl: `http://127.0.0.1:${closed}` }), http: fetchHttpClient(), clock: systemClock, timers: systemTimers,
      intervalMs: 3_600_000, onAlerts: async (alerts) => void seen.push(alerts),
    });
    await down.readNow();
    expect(down.status()).toMatchObject({ lastReadAt: null, reason: `cannot reach 127.0.0.1:${closed} (ECONNREFUSED)` });
    expect(down.status().failingSince).not.toBeNull();
    expect(seen).toEqual([]);
  });
});
