/**
 * Wires the host to the pre-shift and shift stores: on every link-up it
 * loads the plan, the last report and the shift, then follows
 * `checks.progress`, the password questions and `shift.changed`.
 */
import type { CockpitHost } from '../../src/contract/host.js';
import type { ShiftStore } from '../shift/shift-store.js';
import type { ChecksStore } from './checks-store.js';

export function connectChecks(host: CockpitHost, checks: ChecksStore, shift: ShiftStore): () => void {
  let generation = 0;
  const load = async (gen: number) => {
    const [plan, report, view] = await Promise.all([host.call('checks.plan', {}), host.call('checks.report', {}), host.call('shift.get', {})]);
    if (gen !== generation) return;
    const state = checks.getState();
    if (plan.ok) state.setPlan(plan.value);
    if (report.ok) state.setReport(report.value);
    if (view.ok) shift.getState().setView(view.value);
    const failed = [plan, report, view].find((r) => !r.ok);
    state.setError(failed && !failed.ok ? failed.error.message : null);
  };
  const offs = [
    host.on('checks.progress', (report) => checks.getState().setReport(report)),
    host.on('checks.passwordAsk', (ask) => checks.getState().addAsk(ask)),
    host.on('checks.passwordSettled', ({ askId }) => checks.getState().settleAsk(askId)),
    host.on('shift.changed', (view) => shift.getState().setView(view)),
    host.onConnection((up) => {
      generation++;
      if (up) void load(generation);
    }),
  ];
  return () => {
    generation++;
    for (const off of offs) off();
  };
}
