/**
 * The renderer's entry: one store, one risk history, one host, one view.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_SETTINGS } from '../src/contract/app.js';
import { getHost } from './host/index.js';
import { createCockpitStore } from './store/cockpit-store.js';
import { connectHost } from './store/connect-host.js';
import { terminalFlooding } from './terminal/terminal-activity.js';
import { historyCapacity, RiskHistoryRing } from './store/risk-history.js';
import { App } from './view/App.js';
import { CockpitProvider } from './view/cockpit-context.js';
import './view/cockpit.css';

const store = createCockpitStore();
const riskHistory = new RiskHistoryRing(historyCapacity(DEFAULT_SETTINGS.historyHours, DEFAULT_SETTINGS.pollMs));

try {
  connectHost(getHost(), store, riskHistory, {
    localNow: () => performance.now(),
    terminalFlooding,
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
  });
} catch (error) {
  store.getState().setFatal(error instanceof Error ? error.message : String(error));
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CockpitProvider store={store} riskHistory={riskHistory}>
      <App />
    </CockpitProvider>
  </StrictMode>,
);
