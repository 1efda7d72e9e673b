/**
 * The header's access line ("Access verified 08:02, 5/6 ok") until the shift
 * ends, and the button (Alt+P) that opens the pre-shift check.
 */
import { useEffect } from 'react';
import { headerSummary } from '../../src/core/checks/summary.js';
import { useWallClock } from '../view/incidents/use-wall-clock.js';
import { checksStore, useChecks, useShift } from './preshift.js';

export function AccessStatus() {
  const report = useChecks((s) => s.report);
  const shift = useShift((s) => s.view);
  const now = useWallClock();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyP') {
        event.preventDefault();
        checksStore.getState().setWizardOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const summary = shift ? headerSummary(report, shift, shift.timeZone, now) : null;
  const level = summary === null ? 'warning' : summary.verifiedAt === null ? 'unknown' : summary.failed > 0 ? 'danger' : summary.allOk ? 'ok' : 'warning';
  return (
    <p role="status" aria-label="Access check" className={`access-status level-${level}`}>
      <strong>{summary ? summary.text : 'Access not verified this shift'}</strong>{' '}
      <button type="button" aria-keyshortcuts="Alt+P" onClick={() => checksStore.getState().setWizardOpen(true)}>
        Pre-shift check
      </button>
    </p>
  );
}
