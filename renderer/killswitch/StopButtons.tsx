/** The buttons that open a strategy stop, for the panels to place where the strategies are. */
import { requestStop } from './stop-request.js';

export function StopStrategyButton({ strategyId }: { strategyId: string }) {
  return (
    <button type="button" className="small stop-button" aria-label={`Stop ${strategyId}`} onClick={() => requestStop({ kind: 'one', strategyId })}>
      Stop
    </button>
  );
}

export function StopExchangeButton({ exchange }: { exchange: string }) {
  return (
    <button type="button" className="small stop-button" onClick={() => requestStop({ kind: 'exchange', exchange })}>
      Stop strategies on {exchange}
    </button>
  );
}

export function StopLosingButton({ count }: { count: number }) {
  return (
    <button type="button" className="small stop-button" disabled={count === 0} onClick={() => requestStop({ kind: 'losing' })}>
      Stop losing strategies{count > 0 ? ` (${count})` : ''}
    </button>
  );
}
