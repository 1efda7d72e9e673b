/**
 * Sends one action on one incident to the host and keeps the answer: the
 * updated incident goes into the store at once (the `incidents.changed`
 * event follows), a refusal comes back in the host's words, and a question
 * the host asks before acting ("binance is still disconnected: resolve
 * anyway?") is kept apart from refusals, for the form to ask.
 */
import { useCallback, useState } from 'react';
import type { IncidentAction } from '../../../src/contract/incidents.js';
import type { CallError } from '../../../src/contract/result.js';
import type { CockpitState } from '../../store/cockpit-store.js';
import { useCockpit } from '../cockpit-context.js';

type Acting = Pick<CockpitState, 'callIncidents' | 'upsertIncident'>;

/** Sends the action; resolves to null when done, or the host's refusal or question. */
async function sendAction(state: Acting, incidentId: string, action: IncidentAction): Promise<CallError | null> {
  const answer = await state.callIncidents('incidents.act', { incidentId, action });
  if (!answer.ok) return answer.error;
  state.upsertIncident(answer.value);
  return null;
}

/** Sends the action; resolves to null when done, or why it was refused or why its outcome is not known. */
export async function actOnIncident(state: Acting, incidentId: string, action: IncidentAction): Promise<CallError | null> {
  return sendAction(state, incidentId, action);
}

export function useIncidentAct(incidentId: string) {
  const callIncidents = useCockpit((s) => s.callIncidents);
  const upsertIncident = useCockpit((s) => s.upsertIncident);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [question, setQuestion] = useState<string | null>(null);
  const act = useCallback(
    async (action: IncidentAction): Promise<boolean> => {
      setBusy(true);
      setError(null);
      setQuestion(null);
      const refusal = await sendAction({ callIncidents, upsertIncident }, incidentId, action);
      setBusy(false);
      if (refusal?.code === 'needs_confirmation') setQuestion(refusal.message);
      else setError(refusal?.message ?? null);
      return refusal === null;
    },
    [callIncidents, upsertIncident, incidentId],
  );
  return { act, busy, error, question, dismissQuestion: useCallback(() => setQuestion(null), []) };
}
