/**
 * How a check reads on screen: the result word each row names (the words
 * the end-to-end tests select by), its timing, and which checks make up the
 * midday "health checks" button.
 */
import type { CheckEntry, CheckState } from '../../src/core/checks/model.js';

export const RESULT_WORDS: Record<CheckState, string> = {
  pending: 'not run',
  running: 'running',
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  manual_done: 'confirmed',
  not_configured: 'not configured',
};

/** Colour class; never the only signal, the word is always shown beside it. */
export function resultLevel(state: CheckState): 'ok' | 'danger' | 'warning' | 'unknown' {
  if (state === 'passed' || state === 'manual_done') return 'ok';
  if (state === 'failed') return 'danger';
  if (state === 'skipped') return 'warning';
  return 'unknown';
}

export function formatCheckDuration(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The midday health check: the trading API (directly and through SSH) and
 * `systemctl status hft_system` on each host; not the database or the
 * write key, which do not change during a day.
 */
export function healthCheckIds(checks: readonly Pick<CheckEntry, 'id' | 'kind'>[]): string[] {
  return checks.filter((c) => c.kind === 'api_health' || c.kind === 'api_health_via_ssh' || c.kind === 'sudo').map((c) => c.id);
}

/** True while any automated check is pending or running in the report. */
export function runInProgress(checks: readonly Pick<CheckEntry, 'kind' | 'state'>[], finishedAt: number | null): boolean {
  return finishedAt === null && checks.some((c) => c.kind !== 'manual' && (c.state === 'running' || c.state === 'pending'));
}
