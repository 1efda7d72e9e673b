/**
 * The page-wide incident keys: they act on the selected incident only (the
 * detail beside the queue shows which), and J/K move the selection. What a
 * key did, or why it was not done, is said through `onOutcome`, naming the
 * incident.
 */
import { useEffect, useRef } from 'react';
import type { IncidentAction } from '../../../src/contract/incidents.js';
import { useCockpit } from '../cockpit-context.js';
import { effectiveSelection, selectionMoved } from './selection.js';
import { isDirect, keyPressOf, refusalText, shortcutFor, type DirectCommand } from './shortcuts.js';
import { actOnIncident } from './use-incident-act.js';

const DIRECT: Record<DirectCommand, { action: IncidentAction; done: string }> = {
  acknowledge: { action: { type: 'acknowledge' }, done: 'Acknowledged' },
  engage: { action: { type: 'engage' }, done: 'Engaged' },
  mitigate: { action: { type: 'mitigate' }, done: 'Mitigated' },
};

export interface ShortcutOutcome {
  kind: 'done' | 'refused';
  text: string;
}

export function useIncidentShortcuts(onOutcome: (outcome: ShortcutOutcome | null) => void): void {
  const incidents = useCockpit((s) => s.incidents);
  const picked = useCockpit((s) => s.selectedIncidentId);
  const callIncidents = useCockpit((s) => s.callIncidents);
  const upsertIncident = useCockpit((s) => s.upsertIncident);
  const selectIncident = useCockpit((s) => s.selectIncident);
  const setIncidentForm = useCockpit((s) => s.setIncidentForm);
  // The listener is added once; it reads the latest state through this ref.
  const latest = useRef({ incidents, picked });
  latest.current = { incidents, picked };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const command = shortcutFor(keyPressOf(e, document));
      if (!command) return;
      const { incidents: list, picked: chosen } = latest.current;
      const incidentId = effectiveSelection(list, chosen);
      if (!incidentId) return;
      e.preventDefault();
      onOutcome(null);
      if (command === 'select_next' || command === 'select_previous') {
        selectIncident(selectionMoved(list, chosen, command === 'select_next' ? 1 : -1));
        return;
      }
      const title = list?.find((i) => i.id === incidentId)?.title ?? '';
      if (isDirect(command)) {
        const { action, done } = DIRECT[command];
        void actOnIncident({ callIncidents, upsertIncident }, incidentId, action).then((refusal) =>
          onOutcome(refusal ? { kind: 'refused', text: refusalText(incidentId, title, refusal) } : { kind: 'done', text: `${done} ${incidentId} ${title}.` }),
        );
      } else {
        setIncidentForm({ incidentId, form: command });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [callIncidents, upsertIncident, selectIncident, setIncidentForm, onOutcome]);
}
