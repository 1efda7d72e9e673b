/**
 * One check in the wizard: what it is, its result in a word (colour only
 * repeats it), the timing, the message in the engineer's words, the likely
 * fix, and the raw error behind a disclosure. Automated checks re-run on
 * their own button; manual items are a checkbox named after the item.
 */
import { memo } from 'react';
import type { CheckEntry } from '../../src/core/checks/model.js';
import { RecordedCheckbox } from '../view/RecordedCheckbox.js';
import { formatCheckDuration, resultLevel, RESULT_WORDS } from './check-words.js';

interface CheckRowProps {
  entry: CheckEntry;
  busy: boolean;
  rerun(id: string): void;
  /** Resolves true once the host has recorded the tick. */
  tick(id: string, done: boolean): Promise<boolean>;
}

export const CheckRow = memo(function CheckRow({ entry, busy, rerun, tick }: CheckRowProps) {
  const manual = entry.kind === 'manual';
  const unconfigured = entry.state === 'not_configured';
  const word = RESULT_WORDS[entry.state];

  return (
    <li className={`check-row level-${resultLevel(entry.state)}`} aria-label={`${entry.label}: ${word}`}>
      <div className="check-head">
        {manual ? (
          <label className="check-manual">
            <RecordedCheckbox recorded={entry.state === 'manual_done'} record={(done) => tick(entry.id, done)} />
            {entry.label}
          </label>
        ) : (
          <span className="check-label">{entry.label}</span>
        )}
        <strong className="check-result">{word}</strong>
        {entry.target ? <code className="muted check-target">{entry.target}</code> : null}
        <span className="muted check-time">{formatCheckDuration(entry.durationMs)}</span>
        {manual || unconfigured ? null : (
          <button type="button" className="check-rerun" aria-label={`Re-run ${entry.label}`} disabled={busy} onClick={() => rerun(entry.id)}>
            Re-run
          </button>
        )}
      </div>
      {entry.message && !manual ? <p className="check-message">{unconfigured ? `To configure: ${entry.message}` : entry.message}</p> : null}
      {entry.hint ? <p className="check-hint">Likely fix: {entry.hint}</p> : null}
      {entry.rawError ? (
        <details className="check-raw">
          <summary>Raw error</summary>
          <pre>{entry.rawError}</pre>
        </details>
      ) : null}
    </li>
  );
});
