/**
 * `npm run bench`: every benchmark of the cockpit, one after the other (the
 * machine has two cores; running them together would measure each other),
 * printing each figure with its goal. `npm run bench -- poller renderer`
 * runs only the named groups.
 */
import { formatFigure, meetsGoal, type BenchFigure } from './figure.js';
import { benchIncidentLatency } from './incident-latency.js';
import { benchKillswitch } from './killswitch.js';
import { benchLiveLink } from './live-link.js';
import { benchSoak } from './soak.js';
import { benchPollerCpu } from './poller-cpu.js';
import { benchPrometheusDetect, cockpitAgainstPrometheus } from './prometheus-detect.js';
import { benchRendererInChromium } from './renderer-chromium.js';
import { benchRendererInNode } from './renderer-node.js';
import { benchSimulator } from './sim-serve.js';
import { benchStartup } from './startup.js';
import { benchTerminalCeiling } from './terminal-ceiling.js';
import { terminalCeilingRatio } from './terminal-ratio.js';
import { benchTerminal } from './terminal-throughput.js';

const GROUPS: Record<string, () => Promise<BenchFigure[]>> = {
  simulator: benchSimulator,
  poller: benchPollerCpu,
  link: benchLiveLink,
  renderer: benchRendererInNode,
  chromium: benchRendererInChromium,
  incident: benchIncidentLatency,
  prometheus: benchPrometheusDetect,
  terminal: benchTerminal,
  ceiling: benchTerminalCeiling,
  killswitch: benchKillswitch,
  startup: benchStartup,
};
/** Run only when named: `npm run bench -- soak` (SOAK_MINUTES bounds it). */
const ON_REQUEST: Record<string, () => Promise<BenchFigure[]>> = { soak: benchSoak };

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in GROUPS) && !(w in ON_REQUEST));
if (unknown.length > 0) {
  console.error(`unknown benchmark group(s): ${unknown.join(', ')}; known: ${[...Object.keys(GROUPS), ...Object.keys(ON_REQUEST)].join(', ')}`);
  process.exit(2);
}

let missed = 0;
let failed = 0;
const all: BenchFigure[] = [];
for (const [group, run] of [...Object.entries(GROUPS), ...Object.entries(ON_REQUEST)]) {
  if (wanted.length > 0 ? !wanted.includes(group) : group in ON_REQUEST) continue;
  console.log(`\n== ${group}`);
  try {
    for (const figure of await run()) {
      console.log(formatFigure(figure));
      all.push(figure);
      if (meetsGoal(figure) === false) missed++;
    }
  } catch (error) {
    failed++;
    console.log(`FAILED ${group}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
// Figures that compare groups of this same run.
const detection = cockpitAgainstPrometheus(all);
if (detection) console.log(`\n== incident detection against Prometheus + Alertmanager\n${formatFigure(detection)}`);
const ratio = terminalCeilingRatio(all);
if (ratio) {
  console.log(`\n== terminal against its ceiling\n${formatFigure(ratio)}`);
  if (meetsGoal(ratio) === false) missed++;
}
console.log(`\n${missed} figure(s) missed their goal, ${failed} group(s) failed to run`);
process.exit(failed > 0 ? 1 : 0);
