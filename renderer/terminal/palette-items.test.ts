import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/index.js';
import type { Incident } from '../../src/contract/incidents.js';
import { filterPalette, isKillswitchCommand, paletteItems } from './palette-items.js';

const incident = { id: 'INC-3', scenario: 'exchange_disconnected', subjects: ['binance'], phase: 'triggered' } as unknown as Incident;

describe('paletteItems', () => {
  it('fills the quick commands for the host and never offers the killswitch', () => {
    const items = paletteItems({ host: 'hft-prod-01' });
    expect(items.find((i) => i.id === 'quick:database-check')?.command).toBe('psql -h hft-prod-01 -U hft_user -d hft_db -c "SELECT 1;"');
    expect(items.every((i) => !isKillswitchCommand(i.command))).toBe(true);
    expect(items.every((i) => !i.command.endsWith('\r') && !i.command.endsWith('\n'))).toBe(true);
  });

  it('puts the current incident runbook first, filled for its exchange, and drops killswitch steps', () => {
    const playbook = structuredClone(DEFAULT_PLAYBOOK);
    playbook.scenarios.exchange_disconnected.runbook.push({ id: 'ks', text: 'Stop everything', command: 'curl -X POST http://localhost:8080/api/v1/killswitch -d x' });
    const items = paletteItems({ host: 'hft-prod-01', incident, playbook });
    const runbook = items.filter((i) => i.source === 'runbook');
    expect(items[0]!.source).toBe(runbook.length > 0 ? 'runbook' : 'quick');
    expect(runbook.some((i) => i.id === 'runbook:ks')).toBe(false);
    expect(runbook.every((i) => !i.command.includes('{exchange}'))).toBe(true);
    expect(items.find((i) => i.id === 'quick:exchange-status')?.command).toContain('check_exchange_status.sh binance');
  });

  it('filters by every word of the query', () => {
    const items = paletteItems({ host: 'h' });
    expect(filterPalette(items, 'system res').map((i) => i.id)).toEqual(['quick:system-resources']);
    expect(filterPalette(items, 'killswitch')).toEqual([]);
    expect(filterPalette(items, '  ').length).toBe(items.length);
  });

  it('offers the exchange commands once for each exchange a multi-exchange incident names', () => {
    const two = { ...incident, subjects: ['binance', 'kraken'] } as Incident;
    const items = paletteItems({ host: 'hft-prod-01', incident: two, playbook: DEFAULT_PLAYBOOK });
    expect(items.filter((i) => i.id.startsWith('quick:exchange-status')).map((i) => [i.label, i.command, i.missing])).toEqual([
      ['Exchange status: binance', 'cd /opt/hft_system && ./scripts/check_exchange_status.sh binance', []],
      ['Exchange status: kraken', 'cd /opt/hft_system && ./scripts/check_exchange_status.sh kraken', []],
    ]);
    expect(items.filter((i) => i.id.startsWith('runbook:check-exchange')).map((i) => i.command)).toEqual([
      './scripts/check_exchange_status.sh BINANCE',
      './scripts/check_exchange_status.sh KRAKEN',
    ]);
  });

  it('fills the exchange from any incident whose subjects are exchanges the system trades on', () => {
    const latency = { id: 'INC-4', scenario: 'high_latency', subjects: ['okx', 'mm-btc-01'], phase: 'triggered' } as unknown as Incident;
    const items = paletteItems({ host: 'h', incident: latency, knownExchanges: ['binance', 'okx'] });
    expect(items.find((i) => i.id === 'quick:exchange-status')).toMatchObject({ command: 'cd /opt/hft_system && ./scripts/check_exchange_status.sh okx', missing: [] });
    // No incident: the command waits for an exchange.
    expect(paletteItems({ host: 'h' }).find((i) => i.id === 'quick:exchange-status')?.missing).toEqual(['exchange']);
  });

  it('calls the API where the terminal reaches it: the watched URL locally, localhost:8080 on the host', () => {
    const local = paletteItems({ host: 'localhost', apiBase: 'http://127.0.0.1:4100', incident, playbook: DEFAULT_PLAYBOOK });
    expect(local.find((i) => i.id === 'quick:status')?.command).toBe('curl -s http://127.0.0.1:4100/api/v1/status | jq .');
    expect(local.find((i) => i.id === 'runbook:status-json')?.command).toBe("curl http://127.0.0.1:4100/api/v1/status | jq '.exchanges'");
    const remote = paletteItems({ host: 'hft-prod-01', incident, playbook: DEFAULT_PLAYBOOK });
    expect(remote.find((i) => i.id === 'quick:status')?.command).toBe('curl -s http://localhost:8080/api/v1/status | jq .');
    expect(local.every((i) => !isKillswitchCommand(i.command))).toBe(true);
  });
});
