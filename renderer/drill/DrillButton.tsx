/**
 * The header's drill control: in DEMO (or wherever the watched API answers
 * /sim/v1) a "Drill" button that opens the Drill view, and while a drill
 * runs a DRILL mark naming it.
 */
import { useCockpit } from '../view/cockpit-context.js';
import { openDrill, useDrill } from './drill.js';

export function DrillButton() {
  const demo = useCockpit((s) => s.info?.demo ?? false);
  const available = useDrill((s) => s.view?.available ?? false);
  const running = useDrill((s) => s.view?.running ?? null);
  if (!demo && !available && !running) return null;
  return (
    <p className="drill-control">
      {running ? (
        <strong role="status" aria-label="Drill" className="drill-badge">
          DRILL running: {running.label}
        </strong>
      ) : null}{' '}
      <button type="button" onClick={openDrill}>
        {running ? 'Drill report…' : 'Drill'}
      </button>
    </p>
  );
}
