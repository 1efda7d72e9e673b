/** One measured figure, printed by `npm run bench`, with its goal where the issue sets one. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** The goal: the value should be below (`max`) or above (`min`) this. */
  goal?: { max: number } | { min: number };
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

export function percentiles(samples: number[]): Percentiles {
  if (samples.length === 0) return { p50: NaN, p95: NaN, max: NaN };
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: s.at(-1)! };
}

export function meetsGoal(f: BenchFigure): boolean | null {
  if (!f.goal) return null;
  return 'max' in f.goal ? f.value < f.goal.max : f.value > f.goal.min;
}

export function formatFigure(f: BenchFigure): string {
  const value = Math.abs(f.value) >= 100 ? f.value.toFixed(0) : f.value.toFixed(2);
  const verdict = meetsGoal(f);
  const goal = !f.goal ? '' : 'max' in f.goal ? ` (goal < ${f.goal.max} ${f.unit})` : ` (goal > ${f.goal.min} ${f.unit})`;
  const mark = verdict === null ? '   ' : verdict ? 'ok ' : 'MISS';
  return `${mark.padEnd(4)} ${f.name.padEnd(64)} ${value.padStart(10)} ${f.unit}${goal}`;
}
