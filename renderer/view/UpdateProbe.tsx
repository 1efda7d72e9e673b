/**
 * Measures what one host message costs the page: from the moment it reaches
 * the store to the end of React's commit (layout effects run after every
 * updated component committed; this one is placed last so its effect runs
 * after theirs). Written to `data-update-ms` on a hidden element, where the
 * end-to-end measurement reads it. It starts once the message is decoded
 * from JSON; the bench (bench/renderer-page-probe.ts) also times the whole
 * of it from the socket, against the budget of 4 ms at 10,000 positions.
 *
 * A component of its own rather than a hook in App: whatever subscribes to
 * every host message re-renders on every host message, and App would drag
 * the whole page along with it.
 */
import { useLayoutEffect, useRef } from 'react';
import { useCockpit } from './cockpit-context.js';

export function UpdateProbe() {
  const ref = useRef<HTMLSpanElement>(null);
  const arrivedAt = useCockpit((s) => s.lastHostMessageAt);
  useLayoutEffect(() => {
    if (arrivedAt === null || !ref.current) return;
    ref.current.dataset.updateMs = (performance.now() - arrivedAt).toFixed(2);
  }, [arrivedAt]);
  return <span ref={ref} hidden className="update-probe" />;
}
