/**
 * Measures what one poll costs the page: from the moment the host's update
 * reaches the store to the end of React's commit (layout effects run after
 * every updated component committed). Written to `data-update-ms` on the
 * dashboard, where the end-to-end measurement reads it; the budget is 8 ms
 * at 10,000 positions.
 */
import { useLayoutEffect, useRef } from 'react';
import { useCockpit } from './cockpit-context.js';

export function useUpdateProbe<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const arrivedAt = useCockpit((s) => s.lastHostMessageAt);
  useLayoutEffect(() => {
    if (arrivedAt === null || !ref.current) return;
    ref.current.dataset.updateMs = (performance.now() - arrivedAt).toFixed(2);
  }, [arrivedAt]);
  return ref;
}
