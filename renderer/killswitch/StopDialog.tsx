/**
 * The strategy stop: lighter than the killswitch (a reason and one
 * confirmation, no hold), but proven the same way: the host reads the
 * strategies back and the dialog says verified, or NOT VERIFIED with the
 * commands to stop them by hand.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { CockpitHost } from '../../src/contract/host.js';
import type { StrategiesStopAnswer } from '../../src/contract/killswitch.js';
import { listIds } from '../../src/core/killswitch/verify.js';
import { getHost } from '../host/index.js';
import { useCockpit } from '../view/cockpit-context.js';
import { keepTabInside, useReturnFocus } from '../view/ModalDialog.js';
import { AuditLag } from './AuditLag.js';
import { NextSteps } from './NextSteps.js';
import { dismissStop, planStop, stopRequests, type StopRequest } from './stop-request.js';
import './killswitch.css';

export function StopDialogHost({ host }: { host?: CockpitHost }) {
  const request = useStore(stopRequests, (s) => s.request);
  const cockpitHost = useMemo(() => (request ? (host ?? getHost()) : null), [request, host]);
  if (!request || !cockpitHost) return null;
  return <StopDialog key={JSON.stringify(request)} host={cockpitHost} request={request} />;
}

type Phase = { kind: 'confirm' } | { kind: 'sending' } | { kind: 'answered'; answer: StrategiesStopAnswer } | { kind: 'failed'; message: string };

function StopDialog({ host, request }: { host: CockpitHost; request: StopRequest }) {
  useReturnFocus();
  const dialog = useRef<HTMLDialogElement>(null);
  const strategies = useCockpit((s) => s.endpoints.strategies?.data ?? null);
  const incidents = useCockpit((s) => s.incidents);
  // The list is the one shown when the dialog opened: what is confirmed is what is sent.
  const [plan] = useState(() => planStop(request, strategies, incidents));
  const [reason, setReason] = useState(plan.suggestedReason);
  const [phase, setPhase] = useState<Phase>({ kind: 'confirm' });
  const sending = phase.kind === 'sending';

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const confirm = async () => {
    setPhase({ kind: 'sending' });
    const answer = await host.call('strategies.stop', { ids: plan.ids, reason: reason.trim(), ...(plan.incidentId ? { incidentId: plan.incidentId } : {}) });
    setPhase(answer.ok ? { kind: 'answered', answer: answer.value } : { kind: 'failed', message: `${answer.error.code}: ${answer.error.message}` });
  };
  const n = plan.ids.length;

  return (
    <dialog
      ref={dialog}
      onKeyDown={(e) => dialog.current && keepTabInside(dialog.current, e)}
      className="stop-dialog"
      aria-modal="true"
      aria-labelledby="stop-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!sending) dismissStop();
      }}
      onClose={() => {
        if (dialog.current?.open) return;
        if (!sending) dismissStop();
        else dialog.current?.showModal();
      }}
    >
      <h2 id="stop-title">{plan.title}</h2>
      {phase.kind === 'confirm' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (n > 0 && reason.trim()) void confirm();
          }}
        >
          {n === 0 ? (
            <p>No strategy matches right now: nothing to stop.</p>
          ) : (
            <p>
              {n} {n === 1 ? 'strategy' : 'strategies'}: {listIds(plan.names)}
            </p>
          )}
          {plan.incidentId ? <p className="muted">Recorded on {plan.incidentId}.</p> : null}
          <label className="reason-text">
            Reason (required)
            <input type="text" required maxLength={400} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="dialog-buttons">
            <button type="submit" className="danger" disabled={n === 0 || reason.trim().length === 0}>
              {n === 1 ? 'Stop 1 strategy' : `Stop ${n} strategies`}
            </button>
            <button type="button" onClick={dismissStop}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {phase.kind === 'sending' ? <p role="status">Stopping and reading the strategies back…</p> : null}
      {phase.kind === 'answered' ? (
        phase.answer.outcome.verified ? (
          <div role="status" className="halt verified">
            <p className="headline">{phase.answer.headline}</p>
          </div>
        ) : (
          <div role="alert" className="halt not-verified">
            <p className="headline">{phase.answer.headline}</p>
            <ul>
              {phase.answer.outcome.seen.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
            <NextSteps steps={phase.answer.outcome.nextSteps} />
          </div>
        )
      ) : null}
      {phase.kind === 'answered' ? <AuditLag problem={phase.answer.outcome.auditError} /> : null}
      {phase.kind === 'failed' ? (
        <div role="alert" className="halt not-verified">
          <p className="headline">NOT VERIFIED: the cockpit host did not confirm the stop</p>
          <p>{phase.message}</p>
        </div>
      ) : null}
      {phase.kind === 'answered' || phase.kind === 'failed' ? (
        <div className="dialog-buttons">
          <button type="button" onClick={dismissStop}>
            Close
          </button>
        </div>
      ) : null}
    </dialog>
  );
}
