import { useCockpit } from './cockpit-context.js';
import { useUpdateProbe } from './UpdateProbe.js';
import { ExchangesPanel } from './ExchangesPanel.js';
import { Header } from './Header.js';
import { PositionsPanel } from './PositionsPanel.js';
import { RiskPanel } from './RiskPanel.js';
import { StrategiesPanel } from './StrategiesPanel.js';
import { SystemPanel } from './SystemPanel.js';

export function App() {
  const fatal = useCockpit((s) => s.fatal);
  const probe = useUpdateProbe<HTMLElement>();
  if (fatal) {
    return (
      <main className="fatal" role="alert">
        <h1>On-call cockpit</h1>
        <p>The cockpit cannot reach its host: {fatal}</p>
      </main>
    );
  }
  return (
    <>
      <Header />
      <main className="dashboard" ref={probe}>
        <RiskPanel />
        <ExchangesPanel />
        <SystemPanel />
        <StrategiesPanel />
        <PositionsPanel />
      </main>
    </>
  );
}
