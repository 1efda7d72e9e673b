/**
 * The page's deadline for each call must outlast the longest the host can
 * take before it answers, so the page never says "no answer" while the host
 * is still connecting, running commands or confirming a halt.
 */
import { describe, expect, it } from 'vitest';
import { callDeadlineMs, DEFAULT_CALL_DEADLINE_MS } from '../src/contract/deadlines.js';
import { GATHER_LIMITS } from '../src/core/incidents/gather.js';
import { PROMPT_TIMEOUT_MS } from '../src/host/terminal/prompt-broker.js';
import { AUDIT_GRACE_MS, MAX_TOTAL_MS } from '../src/services/killswitch/fire.js';
import { HTTP_TIMEOUT_MS } from '../src/services/integrations/http.js';
import { DEFAULT_TIMINGS } from '../src/services/ssh/connector.js';

describe('call deadlines', () => {
  it('a kill switch press or a strategy stop runs to its verification before the page gives up', () => {
    expect(callDeadlineMs('killswitch.fire')).toBeGreaterThan(MAX_TOTAL_MS + AUDIT_GRACE_MS);
    expect(callDeadlineMs('strategies.stop')).toBeGreaterThan(MAX_TOTAL_MS + AUDIT_GRACE_MS);
  });

  it('gathering logs has its connection and all its commands', () => {
    expect(callDeadlineMs('incidents.gather')).toBeGreaterThan(DEFAULT_TIMINGS.connectTimeoutMs + GATHER_LIMITS.totalMs);
  });

  it('opening an SSH terminal has its connection and the engineer\'s time at a host key and a password prompt', () => {
    expect(callDeadlineMs('terminal.open')).toBeGreaterThan(DEFAULT_TIMINGS.connectTimeoutMs + 2 * PROMPT_TIMEOUT_MS);
  });

  it('a PagerDuty pick has a request in flight before it, the merge\'s read and its write', () => {
    expect(callDeadlineMs('integrations.pagerdutyLink')).toBeGreaterThan(3 * HTTP_TIMEOUT_MS);
    expect(callDeadlineMs('integrations.pagerdutyOpen')).toBeGreaterThan(HTTP_TIMEOUT_MS);
  });

  it('every other call answers within the default', () => {
    expect(callDeadlineMs('live.snapshot')).toBe(DEFAULT_CALL_DEADLINE_MS);
  });
});
