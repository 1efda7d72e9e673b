/**
 * The killswitch dialog: a real modal dialog (the native <dialog> shown
 * with showModal: the page behind is inert, so focus stays inside; Escape
 * cancels). It shows what is about to stop, asks for a reason, and fires
 * only after "Hold to activate" has been held for 1.5 s, with a token the
 * host minted when the dialog opened. It ends in one of two states, each
 * unmissable: verified, or NOT VERIFIED with what to do next.
 */
import { useEffect, useRef, useState } from 'react';
import type { CockpitHost } from '../../src/contract/host.js';
import type { KillswitchFireAnswer } from '../../src/contract/killswitch.js';
import type { Result } from '../../src/contract/result.js';
import { haltNextSteps, deskContactOf } from '../../src/core/killswitch/verify.js';
import { KILL_REASONS, killswitchReadiness } from '../../src/core/killswitch/select.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { useCockpit } from '../view/cockpit-context.js';
import { keepTabInside, useReturnFocus } from '../view/ModalDialog.js';
import { useDrill } from '../drill/drill.js';

/** During a drill the press goes to the drill's simulator, and the dialog says so before anything else. */
function DrillNotice() {
  const running = useDrill((s) => s.view?.running ?? null);
  const target = useDrill((s) => s.view?.target ?? null);
  if (!running) return null;
  return (
    <p role="note" aria-label="Drill" className="killswitch-drill">
      DRILL: this is the drill "{running.label}". The kill switch goes to the simulator at {target}, not to a real trading system; the drill report counts it.
    </p>
  );
}
import { haltedState } from '../../src/core/killswitch/halted.js';
import { AfterHalt } from './AfterHalt.js';
import { AlreadyHalted } from './AlreadyHalted.js';
import { keepArmingToken, type ArmingToken } from './arming-token.js';
import { HaltPreviewList } from './HaltPreviewList.js';
import { HoldToActivate } from './HoldToActivate.js';
import { AuditLag } from './AuditLag.js';
import { NextSteps } from './NextSteps.js';
import { reasonText, type ReasonChoice } from './reason.js';

type Phase =
  /** Opened while trading is already halted: say so, and offer what makes sense then. */
  | { kind: 'halted' }
  | { kind: 'confirm' }
  | { kind: 'sending'; reason: string; since: number }
  | { kind: 'answered'; answer: KillswitchFireAnswer }
  /** The host itself could not be reached or refused: nothing proves anything was sent. */
  | { kind: 'failed'; reason: string; message: string };

async function fireWithToken(host: CockpitHost, token: ArmingToken, reason: string): Promise<Result<KillswitchFireAnswer>> {
  for (let attempt = 0; ; attempt++) {
    const prepared = await token.take();
    if (!prepared.ok) return prepared;
    token.discard(); // spent by this fire whatever the answer
    const fired = await host.call('killswitch.fire', { token: prepared.value.token, reason });
    // A token that expired while the laptop slept: one fresh token for the same deliberate hold.
    if (!fired.ok && fired.error.code === 'unauthorized' && attempt === 0) continue;
    return fired;
  }
}

export function KillswitchDialog({ host, onClose }: { host: CockpitHost; onClose(): void }) {
  useReturnFocus();
  const dialog = useRef<HTMLDialogElement>(null);
  const risk = useCockpit((s) => s.endpoints.risk?.data ?? null);
  const playbook = useCockpit((s) => s.playbook) ?? DEFAULT_PLAYBOOK;
  // The preselection is decided once, when the dialog opens; a poll must not change the engineer's choice.
  const [choice, setChoice] = useState<ReasonChoice>(() => killswitchReadiness(risk, playbook).preselect);
  const [text, setText] = useState('');
  const halted = haltedState(useCockpit((s) => s.endpoints.status?.data ?? null), risk);
  // Decided once, as the dialog opens, like the preselection.
  const [phase, setPhase] = useState<Phase>(() => (halted ? { kind: 'halted' } : { kind: 'confirm' }));
  const reason = reasonText({ choice, text });
  // Prepared as the dialog opens and kept fresh while it is open, so the end of the hold sends at once.
  const token = useRef<ArmingToken | null>(null);
  useEffect(() => {
    const kept = keepArmingToken(host, {
      now: () => Date.now(),
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
    });
    token.current = kept;
    return () => kept.close();
  }, [host]);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const sending = phase.kind === 'sending';
  const activate = () => {
    if (reason === null || token.current === null) return;
    setPhase({ kind: 'sending', reason, since: Date.now() });
    void fireWithToken(host, token.current, reason).then((fired) =>
      setPhase(fired.ok ? { kind: 'answered', answer: fired.value } : { kind: 'failed', reason, message: `${fired.error.code}: ${fired.error.message}` }),
    );
  };

  return (
    <dialog
      ref={dialog}
      onKeyDown={(e) => dialog.current && keepTabInside(dialog.current, e)}
      className="killswitch-dialog"
      aria-modal="true"
      aria-labelledby="killswitch-title"
      onCancel={(e) => {
        e.preventDefault();
        // While the request is out, the answer must stay in view: Escape waits for it.
        if (!sending) onClose();
      }}
      onClose={() => {
        if (dialog.current?.open) return; // closed and shown again already (a remount)
        if (!sending) onClose();
        else dialog.current?.showModal();
      }}
    >
      <h2 id="killswitch-title">Kill switch</h2>
      <DrillNotice />
      {phase.kind === 'halted' && halted ? (
        <AlreadyHalted halted={halted} onSendAgain={() => setPhase({ kind: 'confirm' })} onClose={onClose} />
      ) : null}
      {phase.kind === 'confirm' || (phase.kind === 'halted' && !halted) ? (
        <>
          <p className="lead">Stops every strategy on the trading system at once. Positions stay open: flattening them is the desk's call.</p>
          <HaltPreviewList />
          <fieldset className="reasons">
            <legend>Reason (required)</legend>
            {KILL_REASONS.map((r) => (
              <label key={r.id}>
                <input type="radio" name="killswitch-reason" value={r.id} checked={choice === r.id} onChange={() => setChoice(r.id)} /> {r.text}
              </label>
            ))}
            <label>
              <input type="radio" name="killswitch-reason" value="other" checked={choice === 'other'} onChange={() => setChoice('other')} /> Other
            </label>
            <label className="reason-text">
              {choice === 'other' ? 'Reason in your words' : 'Detail (optional)'}
              <input
                type="text"
                maxLength={400}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  if (choice === null && e.target.value.trim()) setChoice('other');
                }}
              />
            </label>
          </fieldset>
          <HoldToActivate armed={reason !== null} onActivate={activate} />
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      ) : null}
      {phase.kind === 'sending' ? (
        <p role="status" className="halt sending">
          Sending the killswitch ("{phase.reason}") and reading the system back… this ends within 15 seconds.
        </p>
      ) : null}
      {phase.kind === 'answered' ? <Answered answer={phase.answer} onClose={onClose} /> : null}
      {phase.kind === 'failed' ? (
        <>
          <div role="alert" className="halt not-verified">
            <p className="headline">NOT VERIFIED: the cockpit host did not confirm the request</p>
            <p>{phase.message}</p>
            <NextSteps steps={haltNextSteps(null, phase.reason, deskContactOf(playbook))} />
          </div>
          <div className="dialog-buttons">
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}

function Answered({ answer, onClose }: { answer: KillswitchFireAnswer; onClose(): void }) {
  const { outcome } = answer;
  return (
    <>
      {outcome.verified ? (
        <div role="status" className="halt verified">
          <p className="headline">{answer.headline}</p>
          <p className="muted">
            Reason: {outcome.reason} · {outcome.attempts} request{outcome.attempts === 1 ? '' : 's'}
            {outcome.path === 'ssh' ? ' through the prod host over SSH' : ''} · {Math.round(outcome.elapsedMs)} ms
          </p>
        </div>
      ) : (
        <div role="alert" className="halt not-verified">
          <p className="headline">{answer.headline}</p>
          <h3>What the cockpit saw</h3>
          <ul>
            {outcome.seen.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          <h3>What to do next</h3>
          <NextSteps steps={outcome.nextSteps} />
        </div>
      )}
      <AuditLag problem={outcome.auditError} />
      <AfterHalt incidentId={answer.incidentId} desk={answer.desk} />
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}
