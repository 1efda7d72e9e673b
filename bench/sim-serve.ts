/** How fast the simulator produces the big book, so benchmarks are not bound by their peer. */
import { startSimulator } from '../src/sim/index.js';
import { percentiles, type BenchFigure } from './figure.js';

const ROUNDS = 20;

export async function benchSimulator(): Promise<BenchFigure[]> {
  const sim = await startSimulator({ port: 0, strategies: 1_000, positions: 10_000 });
  try {
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${sim.url}/api/v1/positions`);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 260));
    }
    return [{ name: 'simulator GET /api/v1/positions at 10,000 positions, p50', value: percentiles(times).p50, unit: 'ms' }];
  } finally {
    await sim.close();
  }
}
