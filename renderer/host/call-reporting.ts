/**
 * A contract call for a view that shows its own errors: the value, or null
 * with the host's message handed to the view (a refused import, run or
 * export must say why), and the message cleared on the next success.
 */
import type { CockpitHost } from '../../src/contract/host.js';
import type { CallName, CallRequest, CallResponse } from '../../src/contract/index.js';

export type ReportingCall = <C extends CallName>(name: C, request: CallRequest<C>) => Promise<CallResponse<C> | null>;

export function callReporting(host: () => Pick<CockpitHost, 'call'>, setError: (message: string | null) => void): ReportingCall {
  return async (name, request) => {
    const result = await host().call(name, request);
    if (!result.ok) {
      setError(result.error.message);
      return null;
    }
    setError(null);
    return result.value;
  };
}
