import type { EndpointName } from '../../src/contract/hft.js';
import { useCockpit } from './cockpit-context.js';
import { localClockTime } from './format.js';
import { judgePanel, type PanelFreshness } from './panel-freshness.js';
import { useNow } from './use-now.js';

/** The freshness of one endpoint as a panel shows it, re-judged on every tick. */
export function usePanelFreshness(name: EndpointName): PanelFreshness {
  const view = useCockpit((s) => s.endpoints[name]);
  const arrivedAt = useCockpit((s) => s.arrivedAt[name]);
  const linkUp = useCockpit((s) => s.linkUp);
  const lastHostMessageAt = useCockpit((s) => s.lastHostMessageAt);
  const pollMs = useCockpit((s) => s.pollMs);
  const localNow = useNow();
  return judgePanel({ view, arrivedAt, linkUp, lastHostMessageAt, pollMs, localNow }, localClockTime);
}
