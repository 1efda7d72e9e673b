/** The one verdict at the top of the live view: "Trading normal", "Degraded: okx disconnected; order p99 48 ms", … */
import { DEFAULT_SETTINGS } from '../../src/contract/app.js';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { useCockpit } from './cockpit-context.js';
import { localClockTime } from './format.js';
import { healthVerdict, verdictBehindHost } from './health-verdict.js';
import { hostProblem, silentSince } from './panel-freshness.js';
import { useNow } from './use-now.js';

const MARK: Record<string, string> = { normal: '●', degraded: '▲', down: '✖', halted: '■', unknown: '…' };

export function HealthVerdict() {
  const endpoints = useCockpit((s) => s.endpoints);
  const playbook = useCockpit((s) => s.playbook) ?? DEFAULT_PLAYBOOK;
  // Re-judged on every poll: nothing in it counts on between polls.
  const pollMs = useCockpit((s) => s.pollMs) ?? DEFAULT_SETTINGS.pollMs;
  const linkUp = useCockpit((s) => s.linkUp);
  const localNow = useNow();
  const lastHostMessageAt = useCockpit((s) => silentSince({ lastHostMessageAt: s.lastHostMessageAt, pollMs: s.pollMs ?? DEFAULT_SETTINGS.pollMs, localNow }));
  const problem = hostProblem({ linkUp, lastHostMessageAt, pollMs, localNow });
  const verdict = verdictBehindHost(healthVerdict(endpoints, playbook, Date.now(), localClockTime, pollMs), problem);
  return (
    <p role="status" aria-label="Trading health" className={`health-verdict verdict-${verdict.level}`}>
      <span aria-hidden="true">{MARK[verdict.level]} </span>
      {verdict.text}
    </p>
  );
}
