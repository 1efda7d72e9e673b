import { describe, expect, it } from 'vitest';
import { applyIncidentEvents, initialIncidentsState } from '../incidents/index.js';
import { DEFAULT_PLAYBOOK } from '../playbook/default.js';
import { externalAlertEvents, fromAlertmanager, scenarioOf, type AlertmanagerAlert } from './alertmanager.js';

const T0 = Date.UTC(2026, 11, 2, 3, 0, 0);
const am = (fingerprint: string, labels: Record<string, string>, summary = ''): AlertmanagerAlert => ({
  fingerprint, labels, annotations: summary ? { summary } : {},
});
const mapped = (...alerts: AlertmanagerAlert[]) => alerts.map(fromAlertmanager).filter((a) => a !== null);

describe('Alertmanager alerts as incidents', () => {
  it('maps alert names to the playbook scenarios, and anything else to external', () => {
    expect(scenarioOf('ExchangeDisconnected')).toBe('exchange_disconnected');
    expect(scenarioOf('HighOrderLatencyP99')).toBe('high_latency');
    expect(scenarioOf('DailyLossLimitApproaching')).toBe('loss_limit');
    expect(scenarioOf('InstanceDown')).toBe('system_down');
    expect(scenarioOf('node_filesystem_almost_full')).toBe('disk_low');
    expect(scenarioOf('CertificateExpiresSoon')).toBeNull();
    expect(fromAlertmanager(am('f1', { alertname: 'ExchangeDisconnected', exchange: 'kraken', severity: 'high' }, 'Kraken websocket down'))).toEqual({
      fingerprint: 'f1', conditionKey: 'exchange_disconnected', scenario: 'exchange_disconnected', severity: 'SEV2',
      title: 'ExchangeDisconnected: kraken', detail: 'Kraken websocket down', subjects: ['kraken'],
    });
    expect(fromAlertmanager(am('f2', { alertname: 'CertificateExpiresSoon', severity: 'warning' }))).toMatchObject({
      conditionKey: 'alertmanager:f2', scenario: null, severity: 'SEV3',
    });
    expect(fromAlertmanager(am('f3', { alertname: 'HighLatency', source: 'oncall-cockpit' }))).toBeNull();
  });

  it('raises one incident per condition and notes the other source on an open one, once', () => {
    const raised = externalAlertEvents(initialIncidentsState(), mapped(
      am('f1', { alertname: 'ExchangeDisconnected', exchange: 'kraken', severity: 'high' }),
      am('f2', { alertname: 'ExchangeDisconnected', exchange: 'okx', severity: 'critical' }),
    ), []);
    expect(raised).toMatchObject([{ type: 'external_raise', conditionKey: 'exchange_disconnected', severity: 'SEV1', subjects: ['kraken', 'okx'] }]);
    const state = applyIncidentEvents(initialIncidentsState(), raised, T0, DEFAULT_PLAYBOOK);
    expect(state.incidents).toHaveLength(1);
    expect(state.incidents[0]!.timeline[0]!.text).toMatch(/\(from Alertmanager\)$/);

    // The cockpit's own rules already have the latency incident: the alert is a note on it, and only once.
    const own = applyIncidentEvents(state, [{ type: 'open', by: 'ana', severity: 'SEV3', title: 'High latency' }], T0, DEFAULT_PLAYBOOK);
    const withKey = { ...own, incidents: own.incidents.map((i) => (i.id === 'INC-2' ? { ...i, conditionKey: 'high_latency' } : i)) };
    const latency = mapped(am('f9', { alertname: 'HighLatency', severity: 'warning' }, 'p99 over 50 ms'));
    const kraken = mapped(am('f1', { alertname: 'ExchangeDisconnected', exchange: 'kraken' }));
    const noted = externalAlertEvents(withKey, [...kraken, ...latency], ['high_latency']);
    expect(noted).toEqual([{ type: 'note', incidentId: 'INC-2', by: null, text: 'Alertmanager also reports: HighLatency. p99 over 50 ms' }]);
    const after = applyIncidentEvents(withKey, noted, T0 + 1000, DEFAULT_PLAYBOOK);
    expect(externalAlertEvents(after, [...kraken, ...latency], ['high_latency'])).toEqual([]);
  });

  it('clears what it raised once the alert is gone, but not what the cockpit\'s rules still hold', () => {
    const raise = externalAlertEvents(initialIncidentsState(), mapped(am('c1', { alertname: 'CertificateExpiresSoon' }), am('d1', { alertname: 'DiskFull' })), []);
    const state = applyIncidentEvents(initialIncidentsState(), raise, T0, DEFAULT_PLAYBOOK);
    const gone = externalAlertEvents(state, [], ['disk_low']);
    expect(gone).toEqual([{ type: 'external_cleared', incidentId: 'INC-1', source: 'Alertmanager' }]);
    const cleared = applyIncidentEvents(state, gone, T0 + 5000, DEFAULT_PLAYBOOK);
    expect(cleared.incidents[0]!.conditionClearedAt).toBe(T0 + 5000);
    expect(externalAlertEvents(cleared, [], ['disk_low'])).toEqual([]);
  });
});
