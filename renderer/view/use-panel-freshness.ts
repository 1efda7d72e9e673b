import type { EndpointName } from '../../src/contract/hft.js';
import { useCockpit } from './cockpit-context.js';
import { localClockTime } from './format.js';
import { judgePanel, silentSince, type PanelFreshness } from './panel-freshness.js';
import { useNow } from './use-now.js';

/** The freshness of one endpoint as a panel shows it, re-judged on every tick. */
export function usePanelFreshness(name: EndpointName): PanelFreshness {
  const view = useCockpit((s) => s.endpoints[name]);
  const arrivedAt = useCockpit((s) => s.arrivedAt[name]);
  const linkUp = useCockpit((s) => s.linkUp);
  const pollMs = useCockpit((s) => s.pollMs);
  const localNow = useNow();
  // Not the time itself: every host message changes it, and every panel would re-render for the others' messages.
  const lastHostMessageAt = useCockpit((s) => silentSince({ lastHostMessageAt: s.lastHostMessageAt, pollMs: s.pollMs, localNow }));
  return judgePanel({ view, arrivedAt, linkUp, lastHostMessageAt, pollMs, localNow }, localClockTime);
}
