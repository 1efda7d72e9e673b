/**
 * Which strategy stop the engineer asked for, from whichever panel: one
 * strategy, every strategy on an exchange (scenario 1), or the ones losing
 * money today (scenario 3). One small store outside the cockpit store, so
 * a row's Stop button and the one stop dialog meet without prop drilling.
 */
import { createStore } from 'zustand/vanilla';
import type { Strategies } from '../../src/contract/hft.js';
import type { Incident } from '../../src/contract/incidents.js';
import { strategiesLosingToday, strategiesOnExchange } from '../../src/core/killswitch/select.js';

export type StopRequest =
  | { kind: 'one'; strategyId: string }
  | { kind: 'exchange'; exchange: string }
  | { kind: 'losing' };

export const stopRequests = createStore<{ request: StopRequest | null }>()(() => ({ request: null }));

export const requestStop = (request: StopRequest) => stopRequests.setState({ request });
export const dismissStop = () => stopRequests.setState({ request: null });

export interface StopPlan {
  title: string;
  /** Strategy ids to stop, as the live list showed them when the dialog opened. */
  ids: string[];
  names: string[];
  /** A first reason the engineer can keep or change; empty when only they can say. */
  suggestedReason: string;
  /** The open incident this stop belongs to, if there is one. */
  incidentId: string | null;
}

export function planStop(request: StopRequest, strategies: Strategies | null, incidents: readonly Incident[] | null): StopPlan {
  const list = strategies?.strategies ?? [];
  const open = (incidents ?? []).filter((i) => i.phase !== 'resolved');
  const label = (ids: string[]) => ids.map((id) => list.find((s) => s.strategy_id === id)?.name || id);
  switch (request.kind) {
    case 'one': {
      const ids = [request.strategyId];
      return { title: `Stop ${request.strategyId}`, ids, names: label(ids), suggestedReason: '', incidentId: null };
    }
    case 'exchange': {
      const ids = strategies ? strategiesOnExchange(strategies, request.exchange).map((s) => s.strategy_id) : [];
      const incident = open.find((i) => i.scenario === 'exchange_disconnected' && i.subjects.some((s) => s.toLowerCase() === request.exchange.toLowerCase()));
      return {
        title: `Stop strategies on ${request.exchange}`,
        ids,
        names: label(ids),
        suggestedReason: `${request.exchange} disconnected`,
        incidentId: incident?.id ?? null,
      };
    }
    case 'losing': {
      const ids = strategies ? strategiesLosingToday(strategies).map((s) => s.strategy_id) : [];
      const incident = open.find((i) => i.scenario === 'loss_limit');
      return { title: 'Stop losing strategies', ids, names: label(ids), suggestedReason: 'Losing money today, loss limit approaching', incidentId: incident?.id ?? null };
    }
  }
}
