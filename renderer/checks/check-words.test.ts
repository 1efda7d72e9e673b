import { describe, expect, it } from 'vitest';
import { formatCheckDuration, healthCheckIds, resultLevel, RESULT_WORDS, runInProgress } from './check-words.js';

describe('check words', () => {
  it('names each result in words the rows and tests use', () => {
    expect(RESULT_WORDS.passed).toBe('passed');
    expect(RESULT_WORDS.failed).toBe('failed');
    expect(resultLevel('failed')).toBe('danger');
    expect(resultLevel('manual_done')).toBe('ok');
    expect(resultLevel('skipped')).toBe('warning');
  });

  it('formats timings below a second in ms and above in tenths of seconds', () => {
    expect(formatCheckDuration(null)).toBe('');
    expect(formatCheckDuration(12.4)).toBe('12 ms');
    expect(formatCheckDuration(1_540)).toBe('1.5 s');
  });

  it('takes the API and sudo checks for the midday health check', () => {
    const checks = [
      { id: 'ssh:p1', kind: 'ssh' as const },
      { id: 'sudo:p1', kind: 'sudo' as const },
      { id: 'api:health', kind: 'api_health' as const },
      { id: 'api:health-via-ssh', kind: 'api_health_via_ssh' as const },
      { id: 'database', kind: 'database' as const },
      { id: 'manual:vpn', kind: 'manual' as const },
    ];
    expect(healthCheckIds(checks)).toEqual(['sudo:p1', 'api:health', 'api:health-via-ssh']);
  });

  it('says a run is in progress only while an automated check is open', () => {
    expect(runInProgress([{ kind: 'database', state: 'running' }], null)).toBe(true);
    expect(runInProgress([{ kind: 'manual', state: 'pending' }, { kind: 'database', state: 'passed' }], null)).toBe(false);
    expect(runInProgress([{ kind: 'database', state: 'pending' }], 5)).toBe(false);
  });
});
