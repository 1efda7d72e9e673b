/**
 * Keeps the selection by the rules of selection.ts as the incident list
 * changes: it watches the engineer's last key press or click (capture
 * phase, so nothing on the page can hide one) and applies `selectionAfter`
 * on every new list. Returns the selected incident's id.
 */
import { useEffect, useRef } from 'react';
import type { Incident } from '../../../src/contract/incidents.js';
import { useCockpit } from '../cockpit-context.js';
import { effectiveSelection, selectionAfter } from './selection.js';

export function useSelection(): string | null {
  const incidents = useCockpit((s) => s.incidents);
  const picked = useCockpit((s) => s.selectedIncidentId);
  const select = useCockpit((s) => s.selectIncident);
  const formOpen = useCockpit((s) => s.incidentForm !== null);
  const formOpenNow = useRef(formOpen);
  formOpenNow.current = formOpen;
  const lastInputAt = useRef<number | null>(null);
  const previous = useRef<readonly Incident[] | null>(null);

  useEffect(() => {
    const touched = () => {
      lastInputAt.current = Date.now();
    };
    window.addEventListener('keydown', touched, true);
    window.addEventListener('pointerdown', touched, true);
    return () => {
      window.removeEventListener('keydown', touched, true);
      window.removeEventListener('pointerdown', touched, true);
    };
  }, []);

  useEffect(() => {
    if (incidents === null) return;
    const before = previous.current;
    previous.current = incidents;
    const next = selectionAfter({ before, after: incidents, selected: picked, lastInputAt: lastInputAt.current, now: Date.now(), formOpen: formOpenNow.current });
    if (next !== picked) select(next);
    // Only a new list moves the selection here; the engineer's own picks are applied where they are made.
  }, [incidents]);

  return effectiveSelection(incidents, picked);
}
