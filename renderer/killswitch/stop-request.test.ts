import { describe, expect, it } from 'vitest';
import type { Strategies, Strategy } from '../../src/contract/hft.js';
import type { Incident } from '../../src/contract/incidents.js';
import { applyIncidentEvent } from '../../src/core/incidents/apply.js';
import { initialIncidentsState } from '../../src/core/incidents/model.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { planStop } from './stop-request.js';

const AT = '2026-11-24T18:00:00.000Z';
const s = (id: string, status: Strategy['status'], exchanges: string[], pnl: number): Strategy => ({
  strategy_id: id, name: `${id} name`, status, exchanges, performance: { daily_pnl_usd: pnl, trades_today: 1, fill_rate_pct: 50 },
});
const book: Strategies = {
  timestamp: AT,
  strategies: [
    s('mm-btc-01', 'running', ['binance', 'okx'], -1_500),
    s('arb-eth-01', 'running', ['kraken'], 900),
    s('stat-sol-01', 'paused', ['okx'], -20),
    s('fund-eth-01', 'stopped', ['okx'], -400),
  ],
};
const incident = (title: string, scenario: 'loss_limit' | 'exchange_disconnected', subjects: string[]): Incident =>
  applyIncidentEvent(initialIncidentsState(), { type: 'open', by: 'ana', severity: 'SEV2', title, scenario, subjects }, 1, DEFAULT_PLAYBOOK).incidents[0]!;

describe('which strategies a stop names', () => {
  it('names the not-yet-stopped strategies on an exchange, and its exchange incident', () => {
    const okxDown = { ...incident('Exchange disconnected: okx', 'exchange_disconnected', ['okx']), id: 'INC-4' };
    const plan = planStop({ kind: 'exchange', exchange: 'OKX' }, book, [okxDown]);
    expect(plan).toMatchObject({ title: 'Stop strategies on OKX', ids: ['mm-btc-01', 'stat-sol-01'], suggestedReason: 'OKX disconnected', incidentId: 'INC-4' });
  });

  it('names the losing strategies worst first, and the open loss-limit incident', () => {
    const loss = { ...incident('Loss limit approaching', 'loss_limit', []), id: 'INC-7' };
    const plan = planStop({ kind: 'losing' }, book, [loss]);
    expect(plan.ids).toEqual(['mm-btc-01', 'stat-sol-01']);
    expect(plan.names).toEqual(['mm-btc-01 name', 'stat-sol-01 name']);
    expect(plan.incidentId).toBe('INC-7');
  });

  it('names one strategy with no reason written for the engineer, and nothing without data', () => {
    expect(planStop({ kind: 'one', strategyId: 'arb-eth-01' }, book, null)).toMatchObject({ ids: ['arb-eth-01'], suggestedReason: '', incidentId: null });
    expect(planStop({ kind: 'losing' }, null, null).ids).toEqual([]);
  });
});
