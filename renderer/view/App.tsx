import { useIncidentAlerting } from '../alerting/use-incident-alerting.js';
import { useCockpit } from './cockpit-context.js';
import { UpdateProbe } from './UpdateProbe.js';
import { ExchangesPanel } from './ExchangesPanel.js';
import { Header } from './Header.js';
import { HealthVerdict } from './HealthVerdict.js';
import { IncidentsBoard } from './incidents/IncidentsBoard.js';
import { UrgentStrip } from './incidents/UrgentStrip.js';
import { PositionsPanel } from './PositionsPanel.js';
import { RiskPanel } from './RiskPanel.js';
import { StrategiesPanel } from './StrategiesPanel.js';
import { SystemPanel } from './SystemPanel.js';
import { TerminalDock } from '../terminal/TerminalDock.js';
import { KillswitchBanner } from '../killswitch/KillswitchBanner.js';
import { StopDialogHost } from '../killswitch/StopDialog.js';
import { PreShiftConnection } from '../checks/preshift.js';
import { IntegrationsConnection } from '../integrations/integrations.js';
import { PreShiftWizard } from '../checks/PreShiftWizard.js';
import { HandoffReminder } from '../shift/HandoffReminder.js';
import { ShiftPanel } from '../shift/ShiftPanel.js';
import { DocsDialog } from '../docs/DocsDialog.js';
import { HandoffDialog } from '../handoff/HandoffDialog.js';
import { ChangesConnection } from '../changes/changes.js';
import { DrillConnection } from '../drill/drill.js';
import { DrillDialog } from '../drill/DrillDialog.js';
import { StayAvailableReminder } from '../shift/StayAvailableReminder.js';
import { BreakBanner } from '../shift/BreakBanner.js';
import { ChangesDialog } from '../changes/ChangesDialog.js';

export function App() {
  const fatal = useCockpit((s) => s.fatal);
  useIncidentAlerting();
  if (fatal) {
    return (
      <main className="fatal" role="alert">
        <h1>On-call cockpit</h1>
        <p>The cockpit cannot reach its host: {fatal}</p>
      </main>
    );
  }
  // The SLA clocks come first: the strip on top; below it the incident
  // workspace and the live view side by side, each scrolling on its own, so
  // the health verdict, the risk gauge and the exchanges stay in sight
  // while the engineer works an incident.
  return (
    <div className="page">
      <KillswitchBanner />
      <UrgentStrip />
      <HandoffReminder />
      <StayAvailableReminder />
      <BreakBanner />
      <Header />
      <div className="workspace">
        <IncidentsBoard />
        <main className="dashboard">
          <HealthVerdict />
          <RiskPanel />
          <ExchangesPanel />
          <SystemPanel />
          <StrategiesPanel />
          <PositionsPanel />
          <ShiftPanel />
        </main>
      </div>
      <TerminalDock />
      <StopDialogHost />
      <UpdateProbe />
      <PreShiftConnection />
      <IntegrationsConnection />
      <PreShiftWizard />
      <DocsDialog />
      <HandoffDialog />
      <ChangesConnection />
      <DrillConnection />
      <DrillDialog />
      <ChangesDialog />
    </div>
  );
}
