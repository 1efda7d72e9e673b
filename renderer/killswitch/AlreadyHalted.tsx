/**
 * The killswitch dialog opened while trading is already halted: it says so,
 * since when and by which source, reads the system back again on every poll
 * (killswitch, trading flag, strategies still not stopped), and offers what
 * makes sense then: tell the desk, the after-halt steps on the incident, or,
 * when in doubt, send the killswitch again.
 */
import { useMemo } from 'react';
import type { Halted } from '../../src/core/killswitch/halted.js';
import { checkHalt, deskContactOf, haltNextSteps } from '../../src/core/killswitch/verify.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { useCockpit } from '../view/cockpit-context.js';
import { localClockTime } from '../view/format.js';
import { AfterHalt } from './AfterHalt.js';
import { NextSteps } from './NextSteps.js';

export function AlreadyHalted({ halted, onSendAgain, onClose }: { halted: Halted; onSendAgain(): void; onClose(): void }) {
  const status = useCockpit((s) => s.endpoints.status?.data ?? null);
  const strategies = useCockpit((s) => s.endpoints.strategies?.data ?? null);
  const readAt = useCockpit((s) => s.endpoints.status?.receivedAt ?? null);
  const playbook = useCockpit((s) => s.playbook) ?? DEFAULT_PLAYBOOK;
  const incidentId = useCockpit(
    (s) => s.incidents?.find((i) => i.phase !== 'resolved' && (i.scenario === 'loss_limit' || /killswitch/i.test(i.title)))?.id ?? null,
  );
  const check = useMemo(() => (status && strategies ? checkHalt(status, strategies) : null), [status, strategies]);
  const desk = deskContactOf(playbook);
  return (
    <>
      <div role="status" className={`halt ${check?.verified === false ? 'not-verified' : 'verified'}`}>
        <p className="headline">
          Trading is already halted{halted.since !== null ? ` since ${localClockTime(halted.since)}` : ''} ({halted.byWords})
          {halted.reason ? `: ${halted.reason}` : ''}.
        </p>
        <p>
          Read back {readAt !== null ? `at ${localClockTime(readAt)}` : 'from the last poll'}:{' '}
          {check ? check.seen.join('; ') : 'no fresh status and strategies to read back yet'}.
        </p>
      </div>
      <h3>What to do now</h3>
      <NextSteps steps={haltNextSteps(check, halted.reason ?? 'killswitch', desk)} />
      <AfterHalt incidentId={incidentId} desk={desk} />
      <div className="dialog-buttons">
        <button type="button" onClick={onSendAgain}>
          Send the killswitch again
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}
