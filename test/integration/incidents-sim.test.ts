/**
 * The five alert scenarios end to end: the backend polls the real embedded
 * simulator every 200 ms, a drill is staged through /sim/v1/scenario, and
 * the incident must appear with the playbook's severity through the
 * contract's incidents.list. Then an acknowledgement moves the next clock,
 * and a backend restart on the same data dir keeps incidents and deadlines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentAlert, IncidentsView } from '../../src/contract/index.js';
import { nextDeadlines } from '../../src/core/incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/index.js';
import { createBackend, type Backend } from '../../src/host/backend.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-incidents-sim-'));
const settings = createMemorySettingsStore({ operatorName: 'ana', timeZone: 'UTC' });
let backend: Backend | undefined;
afterAll(async () => {
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () => createBackend({ dataDir, hostKind: 'browser', pollMs: 200, settings, log: () => {} });

async function incidents(): Promise<Incident[]> {
  const result = await backend!.handle('incidents.list', {});
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as IncidentsView).incidents;
}

/** Polls the incident list every 50 ms until `pick` finds one, for at most 15 s plus `holdS`, the rule's hold time. */
async function incidentWhere(pick: (i: Incident) => boolean, holdS = 0): Promise<Incident> {
  const deadline = Date.now() + 15_000 + holdS * 1000;
  while (Date.now() < deadline) {
    const found = (await incidents()).find(pick);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no such incident within ${15 + holdS} s; have ${JSON.stringify((await incidents()).map((i) => [i.title, i.severity]))}`);
}

async function stage(body: Record<string, unknown>) {
  const answer = await fetch(`${backend!.info.apiUrl}/sim/v1/scenario`, { method: 'POST', body: JSON.stringify(body) });
  expect(answer.status, JSON.stringify(body)).toBe(200);
}

/** The first response clock still pending (flags raised by the day's loss add escalation clocks due at once). */
const firstPending = (incident: Incident) =>
  nextDeadlines({ incidents: [incident], nextNumber: 1 }, Date.now()).find((d) => d.kind === 'ack' || d.kind === 'engage')?.kind;

describe('incidents from the simulator', () => {
  it('opens each scenario with its severity, moves the clock on acknowledge, and keeps it all across a restart', async () => {
    backend = await start();
    const alerts: IncidentAlert[] = [];
    backend.subscribe((name, payload) => name === 'incidents.alert' && alerts.push(payload as IncidentAlert));

    await stage({ name: 'exchange_disconnect', exchange: 'binance' });
    const exchange = await incidentWhere((i) => i.scenario === 'exchange_disconnected');
    expect(exchange).toMatchObject({ severity: 'SEV2', title: 'Exchange disconnected: binance', phase: 'triggered' });
    await stage({ name: 'exchange_disconnect', exchange: 'kraken' });
    const both = await incidentWhere((i) => i.id === exchange.id && i.severity === 'SEV1');
    expect(both.subjects).toEqual(['binance', 'kraken']);

    await stage({ name: 'high_latency', order_p99_ms: 25 });
    expect(await incidentWhere((i) => i.scenario === 'high_latency')).toMatchObject({ severity: 'SEV3' });

    await stage({ name: 'loss_limit_approach', target_pct: 95, over_s: 1 });
    expect(await incidentWhere((i) => i.scenario === 'loss_limit')).toMatchObject({ severity: 'SEV1' });

    await stage({ name: 'disk_low', disk_pct: 90 });
    const disk = await incidentWhere((i) => i.scenario === 'disk_low', DEFAULT_PLAYBOOK.scenarios.disk_low.holdSeconds);
    expect(disk.severity).toBe('SEV3');
    await stage({ name: 'disk_low', disk_pct: 97 });
    const fuller = await incidentWhere((i) => i.id === disk.id && i.severity === 'SEV2');

    expect(firstPending(fuller)).toBe('ack');
    const acked = await backend.handle('incidents.act', { incidentId: disk.id, action: { type: 'acknowledge' } });
    expect(acked).toMatchObject({ ok: true, value: { acknowledged: { by: 'ana' } } });
    expect(firstPending((acked as { value: Incident }).value)).toBe('engage');

    await stage({ name: 'crash' });
    expect(await incidentWhere((i) => i.scenario === 'system_down')).toMatchObject({ severity: 'SEV1' });

    const kinds = new Set(alerts.filter((a) => a.kind === 'new' || a.kind === 'severity_raised').map((a) => `${a.kind} ${a.severity}`));
    expect(kinds).toEqual(new Set(['new SEV2', 'severity_raised SEV1', 'new SEV3', 'new SEV1', 'severity_raised SEV2']));

    const before = await incidents();
    expect(before).toHaveLength(5);
    await backend.close();

    backend = await start();
    const after = await incidents();
    expect(after.map((i) => [i.id, i.severity, i.phase, i.due, i.done])).toEqual(before.map((i) => [i.id, i.severity, i.phase, i.due, i.done]));
    expect(after.find((i) => i.id === disk.id)!.acknowledged?.by).toBe('ana');
    expect((await backend.audit.verify()).ok).toBe(true);
  }, 120_000);
});
