/**
 * The Settings view: what the cockpit watches and how often, the shift's
 * seat and handoff, the database the pre-shift check opens, the terminals,
 * and the name actions are recorded under. A dialog over the cockpit
 * (header button or Alt+,), closed with Escape; keys typed in it go nowhere
 * else. Save checks the form with the contract's schema, sends only what
 * changed and shows what the host answered.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ToolDialog } from '../view/ToolDialog.js';
import { getHost } from '../host/index.js';
import { useCockpit } from '../view/cockpit-context.js';
import { Choice, TextBox, Tick } from './SettingsFields.js';
import { settings, settingsStore, useSettingsDialog } from './settings.js';
import { IntegrationsSettings } from '../integrations/IntegrationsSettings.js';
import { takeOpenAtIntegrations } from '../integrations/integrations.js';
import './settings.css';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].map((label, n) => ({ value: String(n), label }));
const ROLES = [
  { value: 'primary', label: 'Primary' },
  { value: 'secondary', label: 'Secondary' },
];

export function SettingsDialog() {
  const open = useSettingsDialog((s) => s.open);
  if (!open) return null;
  return <SettingsDialogOpen />;
}

function SettingsDialogOpen() {
  const loaded = useSettingsDialog((s) => s.form !== null);
  const error = useSettingsDialog((s) => s.error);
  const outcome = useSettingsDialog((s) => s.outcome);
  const saving = useSettingsDialog((s) => s.saving);
  const hasErrors = useSettingsDialog((s) => Object.keys(s.errors).length > 0);
  const setSettings = useCockpit((s) => s.setSettings);
  const setIncidentsView = useCockpit((s) => s.setIncidentsView);
  const close = useCallback(() => settingsStore.getState().setOpen(false), []);
  const [part, setPart] = useState<'cockpit' | 'integrations'>(() => (takeOpenAtIntegrations() ? 'integrations' : 'cockpit'));

  useEffect(() => {
    void settings().load();
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (settingsStore.getState().saving) return;
    const saved = await settings().save();
    if (!saved) return;
    setSettings(saved);
    // The board's "acting as" comes with the incidents view: ask again so a new operator name shows now.
    const view = await getHost().call('incidents.list', {});
    if (view.ok) setIncidentsView(view.value);
  };

  return (
    <ToolDialog name="settings" title="Settings" onClose={close} focusHeading error={error} top={<SettingsParts part={part} setPart={setPart} />}>
      {part === 'integrations' ? (
        <div className="settings-scroll">
          <IntegrationsSettings />
        </div>
      ) : loaded ? (
        <form className="settings-form" aria-label="Settings" noValidate onSubmit={(e) => void save(e)}>
          <div className="settings-groups">
            <TradingSystemGroup />
            <ShiftGroup />
            <DatabaseGroup />
            <TerminalGroup />
            <fieldset>
              <legend>You</legend>
              <TextBox field="operatorName" label="Operator name" hint="Actions and the audit log carry this name. Empty: your login name." />
            </fieldset>
          </div>
          <div className="settings-actions">
            {/* Not disabled while saving: a disabled button drops focus out of the dialog, and Escape with it. */}
            <button type="submit" aria-disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <p role="status" aria-label="Save result" className={hasErrors ? 'settings-error' : 'muted'}>
              {hasErrors ? 'Not saved: correct the fields marked below their boxes.' : (outcome ?? '')}
            </p>
          </div>
        </form>
      ) : error ? null : (
        <p className="muted">Loading the saved settings…</p>
      )}
    </ToolDialog>
  );
}

/** The cockpit's own settings, or the integrations (each saved on its own). */
function SettingsParts({ part, setPart }: { part: 'cockpit' | 'integrations'; setPart: (p: 'cockpit' | 'integrations') => void }) {
  return (
    <div className="settings-parts" role="group" aria-label="Settings part">
      <button type="button" aria-pressed={part === 'cockpit'} onClick={() => setPart('cockpit')}>
        Cockpit
      </button>
      <button type="button" aria-pressed={part === 'integrations'} onClick={() => setPart('integrations')}>
        Integrations
      </button>
    </div>
  );
}

function TradingSystemGroup() {
  const demo = useSettingsDialog((s) => s.form?.useDemo ?? true);
  // What this start watches can differ from the saved choice (--api on the command line, or a save since).
  const watching = useCockpit((s) => s.info);
  return (
    <fieldset>
      <legend>Trading system</legend>
      {watching ? (
        <p className="muted settings-hint">
          Watching now: <code>{watching.apiUrl}</code>
          {watching.demo ? ' (demo simulator)' : ''}
        </p>
      ) : null}
      <Tick field="useDemo" label="Use demo simulator" hint="Watch the embedded simulator instead of a real system." />
      <TextBox field="apiUrl" label="API URL" placeholder="http://hft-prod-01:8080" disabled={demo} hint={demo ? 'Untick the demo simulator to name a system.' : undefined} />
      <TextBox field="pollMs" label="Poll interval (ms)" inputMode="numeric" hint="Positions and strategies; 200 to 60,000." />
      <TextBox field="fastPollMs" label="Fast lane interval (ms)" inputMode="numeric" hint="Health, status and risk; 100 to 60,000, never slower than the poll interval." />
      <TextBox field="requestTimeoutMs" label="Request timeout (ms)" inputMode="numeric" hint="Deadline for each poll's answer." />
      <TextBox field="historyHours" label="Chart history (hours)" inputMode="decimal" hint="1 to 24." />
    </fieldset>
  );
}

function ShiftGroup() {
  return (
    <fieldset>
      <legend>Shift</legend>
      <Choice field="onCallRole" label="On-call role" options={ROLES} />
      <Choice field="handoffWeekday" label="Handoff day" options={WEEKDAYS} />
      <TextBox field="handoffTime" label="Handoff time (HH:MM)" placeholder="17:00" />
      <TextBox field="timeZone" label="Time zone" placeholder="Europe/London" hint="Shift times and business days. Empty: this machine's zone." />
    </fieldset>
  );
}

function DatabaseGroup() {
  const included = useSettingsDialog((s) => s.form?.checkDatabase ?? false);
  return (
    <fieldset>
      <legend>Pre-shift database</legend>
      <Tick field="checkDatabase" label="Check the database before the shift" hint="Runs SELECT 1 on this target." />
      <TextBox field="dbHost" label="Database host" disabled={!included} />
      <TextBox field="dbPort" label="Database port" inputMode="numeric" disabled={!included} />
      <TextBox field="dbUser" label="Database user" disabled={!included} />
      <TextBox field="dbName" label="Database name" disabled={!included} />
    </fieldset>
  );
}

function TerminalGroup() {
  return (
    <fieldset>
      <legend>Terminal</legend>
      <TextBox field="scrollbackLines" label="Scrollback (lines)" inputMode="numeric" hint="Terminals opened after saving keep this many lines." />
      <Tick field="recordProdTranscripts" label="Record prod SSH sessions to a transcript" hint="The team's rule: leave on unless told otherwise." />
      <TextBox field="sshAgentSocket" label="ssh-agent socket" placeholder="$SSH_AUTH_SOCK" hint="For hosts that name none. Empty: $SSH_AUTH_SOCK." />
    </fieldset>
  );
}
