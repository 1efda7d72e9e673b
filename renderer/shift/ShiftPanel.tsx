/**
 * The shift's rhythm: which seat, the window, and the routine checklists
 * that reset on their own (daily lists at local midnight, the weekly one at
 * the handoff). The midday list runs the health checks and shows the quick
 * status with one click; the weekly one shows the incident trend.
 */
import { memo, useState } from 'react';
import type { ShiftChecklist, ShiftView } from '../../src/contract/checks.js';
import { formatLocalDateTime } from '../../src/core/shift/zoned-time.js';
import { healthCheckIds } from '../checks/check-words.js';
import { callOrShow } from '../checks/host-call.js';
import { checksStore, useChecks, useShift } from '../checks/preshift.js';
import { useCockpit } from '../view/cockpit-context.js';
import { RecordedCheckbox } from '../view/RecordedCheckbox.js';
import { PagerDutyOnCall } from '../integrations/PagerDutyOnCall.js';
import { quickStatusText, shiftWindowText } from './shift-words.js';
import { WeeklyTrend } from './WeeklyTrend.js';
import { TRANSFER_PAGERDUTY_ITEM } from '../../src/core/shift/routines.js';
import { useIntegrations } from '../integrations/integrations.js';
import './shift.css';

export function ShiftPanel() {
  const view = useShift((s) => s.view);
  if (!view) return null;
  return (
    <section className="shift-panel" aria-label="Shift">
      <div className="shift-header">
        <h2>Shift</h2>
        <p className="muted">{shiftWindowText(view)}</p>
        <PagerDutyOnCall timeZone={view.timeZone} />
      </div>
      <div className="shift-lists">
        {view.routines
          // The end-of-shift steps from 30 minutes before the handoff, as the procedures start them (and while any is ticked).
          .filter((list) => list.cadence !== 'shift_end' || view.reminderDue || list.done > 0)
          .map((list) => (
            <Routine key={list.id} list={list} />
          ))}
        {view.debriefs.length > 0 ? <Debriefs view={view} /> : null}
      </div>
    </section>
  );
}

const Routine = memo(function Routine({ list }: { list: ShiftChecklist }) {
  const tick = async (itemId: string, done: boolean) => (await callOrShow('shift.tick', { listId: list.id, itemId, done })) !== null;
  const title = `${list.label}${list.dueBy ? ` (by ${list.dueBy})` : ''}`;
  return (
    <fieldset className="routine" aria-label={list.label}>
      <legend>
        {title} <span className="muted">{list.done}/{list.total}</span>
      </legend>
      {list.id === 'midday-health' ? <MiddayHealth /> : null}
      {list.items.some((i) => i.id === 'incident-trends') ? <WeeklyTrend /> : null}
      <ul>
        {list.items.map((item) => (
          <li key={item.id}>
            <label>
              <RecordedCheckbox recorded={item.doneAt !== null} record={(done) => tick(item.id, done)} />
              {item.label}
            </label>
            {item.id === TRANSFER_PAGERDUTY_ITEM ? <PagerDutyTransferLink /> : null}
          </li>
        ))}
      </ul>
    </fieldset>
  );
});

function MiddayHealth() {
  const status = useCockpit((s) => s.endpoints.status?.data ?? null);
  const report = useChecks((s) => s.report);
  const plan = useChecks((s) => s.plan);
  const [shown, setShown] = useState(false);
  const run = async () => {
    setShown(true);
    const ids = healthCheckIds(report?.checks ?? []);
    // Without a report yet there is nothing to re-run one by one: a full run covers the health checks too.
    await callOrShow('checks.run', ids.length > 0 && report ? { ids } : {});
    checksStore.getState().setWizardOpen(true);
  };
  return (
    <div className="midday">
      <button type="button" onClick={() => void run()} disabled={!plan}>
        Run health checks
      </button>
      {shown ? (
        <p role="status" aria-label="Quick status" className="quick-status">
          {quickStatusText(status)}
        </p>
      ) : null}
    </div>
  );
}

/** Where to hand PagerDuty primary over: the configured escalation policy, or a word that the cockpit has none. */
function PagerDutyTransferLink() {
  const pd = useIntegrations((s) => s.view?.settings.pagerduty ?? null);
  if (!pd?.escalationPolicyId) return <span className="muted"> (PagerDuty is not set up here: use the PagerDuty app)</span>;
  return (
    <>
      {' '}
      <a href={`https://app.pagerduty.com/escalation_policies/${encodeURIComponent(pd.escalationPolicyId)}`} target="_blank" rel="noreferrer">
        Open the escalation policy in PagerDuty
      </a>
    </>
  );
}

/** A debrief after each resolved SEV1, due the next business day, ticked off once held. */
function Debriefs({ view }: { view: ShiftView }) {
  return (
    <fieldset className="routine" aria-label="Debriefs">
      <legend>
        Debriefs after SEV1 incidents <span className="muted">{view.debriefs.filter((d) => d.heldAt !== null).length}/{view.debriefs.length}</span>
      </legend>
      <ul>
        {view.debriefs.map((d) => (
          <li key={d.incidentId}>
            <strong>{d.incidentId}</strong> {d.title}:{' '}
            {d.heldAt !== null ? (
              <span className="ok">held {formatLocalDateTime(d.heldAt, view.timeZone)}</span>
            ) : (
              <>
                <span className={d.overdue ? 'bad' : undefined}>
                  {d.overdue ? 'OVERDUE, was due' : 'due'} {formatLocalDateTime(d.dueAt, view.timeZone)}
                </span>{' '}
                <button type="button" onClick={() => void callOrShow('shift.debriefHeld', { incidentId: d.incidentId })}>
                  Debrief held
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
