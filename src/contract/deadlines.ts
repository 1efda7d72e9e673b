/**
 * How long the page waits for the host's answer to a call before it says
 * "no answer: it may have been done". Most calls answer at once; these
 * wait on the network or on the engineer by design, and the page must not
 * give up on them while the host is still working (test/call-deadlines.test.ts
 * holds each figure above the host's own bounds).
 */
import type { CallName } from './index.js';

/** Long enough for a slow snapshot of 10,000 positions, short enough that a wedged host is noticed. */
export const DEFAULT_CALL_DEADLINE_MS = 15_000;

export const CALL_DEADLINES_MS: Partial<Record<CallName, number>> = {
  // Connects, then waits on the engineer at the host key and the password or passphrase prompts.
  'terminal.open': 10 * 60_000,
  // Connects, then runs the runbook's read-only commands to their total bound.
  'incidents.gather': 90_000,
  // Sends until its deadline, then reads the system back to verify the halt or the stops.
  'killswitch.fire': 20_000,
  'strategies.stop': 20_000,
  // Waits for PagerDuty to take the link and the merge of the cockpit's own page.
  'integrations.pagerdutyLink': 60_000,
};

export const callDeadlineMs = (name: CallName): number => CALL_DEADLINES_MS[name] ?? DEFAULT_CALL_DEADLINE_MS;
