/**
 * The page-wide keyboard shortcuts: a key acts on the incident that holds
 * focus, else the one last selected, else the most urgent open one.
 */
import { useEffect, useRef } from 'react';
import type { IncidentAction } from '../../../src/contract/incidents.js';
import type { CockpitState } from '../../store/cockpit-store.js';
import { useCockpit } from '../cockpit-context.js';
import { triageOrder } from '../../../src/core/incidents/triage.js';
import { shortcutFor, type ShortcutCommand } from './shortcuts.js';
import { actOnIncident } from './use-incident-act.js';

const DIRECT: Partial<Record<ShortcutCommand, IncidentAction>> = {
  acknowledge: { type: 'acknowledge' },
  engage: { type: 'engage' },
  mitigate: { type: 'mitigate' },
};

/** The incident a shortcut applies to. */
export function shortcutTarget(
  state: Pick<CockpitState, 'incidents' | 'selectedIncidentId'>,
  focused: Pick<Element, 'closest'> | null,
  now: number,
): string | null {
  const open = (state.incidents ?? []).filter((i) => i.phase !== 'resolved');
  const inCard = focused?.closest('[data-incident-id]')?.getAttribute('data-incident-id') ?? null;
  if (inCard && open.some((i) => i.id === inCard)) return inCard;
  if (state.selectedIncidentId && open.some((i) => i.id === state.selectedIncidentId)) return state.selectedIncidentId;
  return triageOrder(open)[0]?.id ?? null;
}

export function useIncidentShortcuts(onRefused: (message: string) => void): void {
  const incidents = useCockpit((s) => s.incidents);
  const selectedIncidentId = useCockpit((s) => s.selectedIncidentId);
  const callIncidents = useCockpit((s) => s.callIncidents);
  const upsertIncident = useCockpit((s) => s.upsertIncident);
  const selectIncident = useCockpit((s) => s.selectIncident);
  const setIncidentForm = useCockpit((s) => s.setIncidentForm);
  // The listener is added once; it reads the latest state through this ref.
  const latest = useRef({ incidents, selectedIncidentId });
  latest.current = { incidents, selectedIncidentId };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      const command = shortcutFor({
        key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey,
        targetTag: target?.tagName ?? '', targetEditable: target?.isContentEditable ?? false,
      });
      if (!command) return;
      const incidentId = shortcutTarget(latest.current, target, Date.now());
      if (!incidentId) return;
      e.preventDefault();
      selectIncident(incidentId);
      const direct = DIRECT[command];
      if (direct) {
        void actOnIncident({ callIncidents, upsertIncident }, incidentId, direct).then((refusal) => refusal && onRefused(refusal));
      } else {
        setIncidentForm({ incidentId, form: command as 'status_update' | 'escalate' | 'resolve' });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [callIncidents, upsertIncident, selectIncident, setIncidentForm, onRefused]);
}
