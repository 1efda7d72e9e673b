/**
 * The cockpit's terminal throughput as a share of the bench's own ceiling
 * measured in the same run (the best of the pty → WebSocket → xterm.js
 * ways in `terminal-ceiling.ts`), so a shared, noisy machine compares like
 * with like. Goal: at least 90 %.
 */
import type { BenchFigure } from './figure.js';

const COCKPIT = 'terminal: 100 MB cat through the host into xterm.js';
const CEILING_PREFIX = 'terminal ceiling: pty, WebSocket, xterm.js';

export function terminalCeilingRatio(figures: readonly BenchFigure[]): BenchFigure | null {
  const cockpit = figures.find((f) => f.name === COCKPIT);
  const ceilings = figures.filter((f) => f.name.startsWith(CEILING_PREFIX)).map((f) => f.value);
  if (!cockpit || ceilings.length === 0) return null;
  const best = Math.max(...ceilings);
  return { name: 'terminal: the cockpit\'s cat as a share of the best ceiling, this run', value: (cockpit.value / best) * 100, unit: '%', goal: { min: 90 } };
}
