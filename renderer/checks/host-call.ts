/**
 * A contract call from the pre-shift views: the value, or null with the
 * error shown in the wizard.
 */
import { callReporting } from '../host/call-reporting.js';
import { getHost } from '../host/index.js';
import { checksStore } from './preshift.js';

export const callOrShow = callReporting(getHost, (message) => checksStore.getState().setError(message));
