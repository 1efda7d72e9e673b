/**
 * What to say on the escalation call, under the escalate form: built from
 * the incident and what the engineer typed as tried, with a Copy button for
 * the chat that follows the call.
 */
import { useMemo, useState } from 'react';
import type { Incident } from '../../src/contract/incidents.js';
import { escalationCallScript } from '../../src/core/escalation/call-script.js';
import { useCockpit } from '../view/cockpit-context.js';
import { useWallClock } from '../view/incidents/use-wall-clock.js';
import { useShift } from '../checks/preshift.js';
import { copyText } from './copy-text.js';

const MINUTE_MS = 60_000;

export function EscalationCallScript({ incident, level, note }: { incident: Incident; level: number; note: string }) {
  const playbook = useCockpit((s) => s.playbook);
  const caller = useCockpit((s) => s.operator ?? '');
  const timeZone = useShift((s) => s.view?.timeZone ?? 'UTC');
  const minute = Math.floor(useWallClock() / MINUTE_MS) * MINUTE_MS;
  const [copied, setCopied] = useState<boolean | null>(null);
  const script = useMemo(
    () => (playbook ? escalationCallScript({ incident, level, playbook, caller, note, now: minute, timeZone }) : null),
    [incident, level, playbook, caller, note, minute, timeZone],
  );
  if (!script) return null;
  return (
    <details className="call-script">
      <summary>Call script for Level {level}</summary>
      <pre aria-label={`Call script for ${incident.id}`}>{script}</pre>
      <button type="button" onClick={() => void copyText(script).then(setCopied)}>
        Copy call script
      </button>
      {copied !== null ? <span role="status" className="muted">{copied ? ' Copied' : ' Could not copy: select the text'}</span> : null}
    </details>
  );
}
