import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newReport } from '../../core/checks/model.js';
import { openAuditLog, type AuditLog } from '../../services/audit-log.js';
import { shiftEventsFrom } from './shift-events-source.js';

const START = Date.UTC(2026, 10, 27, 17, 0);
const HOUR = 3_600_000;

let dir: string;
let audit: AuditLog;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shift-events-'));
  audit = await openAuditLog(join(dir, 'audit.log'));
});
afterEach(async () => {
  await audit.close();
  await rm(dir, { recursive: true, force: true });
});

describe('shiftEventsFrom', () => {
  it('reads the shift’s killswitch and stop outcomes off the audit log and adds the pre-shift result', async () => {
    await audit.append({ type: 'killswitch.outcome', actor: 'ana', at: START - HOUR, data: { verified: true, reason: 'last shift', strategiesStopped: 1 } });
    await audit.append({ type: 'killswitch.intent', actor: 'bob', at: START + HOUR, data: { reason: 'loss' } });
    await audit.append({ type: 'killswitch.outcome', actor: 'bob', at: START + HOUR, data: { verified: true, reason: 'loss', strategiesStopped: 3 } });
    await audit.append({ type: 'strategies.stop.outcome', actor: 'bob', at: START + 2 * HOUR, data: { verified: true, reason: 'binance', ids: ['arb-1'], notStopped: [] } });
    const report = { ...newReport('bob', [], START - HOUR), finishedAt: START - HOUR };
    const events = await shiftEventsFrom({ audit, accessReport: async () => report, timeZone: () => 'UTC' })(START, START + 3 * HOUR);
    expect(events.map((e) => [e.kind, e.at])).toEqual([['killswitch', START + HOUR], ['strategy_stop', START + 2 * HOUR], ['preshift', START - HOUR]]);
  });

  it('leaves out the presses and stops made during a drill', async () => {
    await audit.append({ type: 'killswitch.outcome', actor: 'bob', at: START + HOUR, data: { verified: true, reason: 'drill', strategiesStopped: 3 } });
    await audit.append({ type: 'strategies.stop.outcome', actor: 'bob', at: START + 2 * HOUR, data: { verified: true, reason: 'real', ids: ['arb-1'], notStopped: [] } });
    await audit.append({ type: 'strategies.stop.outcome', actor: 'bob', at: START + 3 * HOUR, data: { verified: true, reason: 'drill now', ids: ['arb-2'], notStopped: [] } });
    const spans = async () => [{ from: START + HOUR - 1000, to: START + HOUR + 1000 }, { from: START + 3 * HOUR - 1, to: Infinity }];
    const events = await shiftEventsFrom({ audit, accessReport: async () => null, timeZone: () => 'UTC', drillSpans: spans })(START, START + 4 * HOUR);
    expect(events.map((e) => [e.kind, e.at])).toEqual([['strategy_stop', START + 2 * HOUR]]);
  });
});
