/**
 * A contract call from the pre-shift views: the value, or null with the
 * error shown in the wizard (a refused run or export must say why).
 */
import type { CallName, CallRequest, CallResponse } from '../../src/contract/index.js';
import { getHost } from '../host/index.js';
import { checksStore } from './preshift.js';

export async function callOrShow<C extends CallName>(name: C, request: CallRequest<C>): Promise<CallResponse<C> | null> {
  const result = await getHost().call(name, request);
  if (!result.ok) {
    checksStore.getState().setError(`${result.error.message}`);
    return null;
  }
  checksStore.getState().setError(null);
  return result.value;
}
