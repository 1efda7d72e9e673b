/**
 * A drill through the backend's contract, on its embedded simulator: the
 * kill switch pressed during the slow kill switch drill is counted in the
 * report, and the report ticks the weekly emergency-procedure routine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DrillRecord, KillswitchFireAnswer, KillswitchPrepared, Result, ShiftView } from '../../src/contract/index.js';
import { createBackend } from '../../src/host/backend.js';
import { createMemorySettingsStore } from '../../src/services/settings.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-host-drill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const value = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

describe('a drill through the backend', () => {
  it('counts the kill switch pressed during it and ticks the weekly routine', async () => {
    const backend = await createBackend({ dataDir, hostKind: 'browser', settings: createMemorySettingsStore({ operatorName: 'ana', timeZone: 'UTC' }) });
    try {
      value(await backend.handle('drill.start', { drillId: 'slow-killswitch' }));
      const { token } = value<KillswitchPrepared>(await backend.handle('killswitch.prepare', {}));
      const fired = value<KillswitchFireAnswer>(await backend.handle('killswitch.fire', { token, reason: 'drill: slow endpoint' }));
      expect(fired.outcome.verified).toBe(true);
      const report = value<DrillRecord>(await backend.handle('drill.finish', {}));
      expect(report.lines).toEqual([{ kind: 'killswitch_verified', met: true, text: expect.stringMatching(/^kill switch verified in \d+\.\d s$/) }]);
      const shift = value<ShiftView>(await backend.handle('shift.get', {}));
      const weekly = shift.routines.find((r) => r.id === 'weekly')!;
      expect(weekly.items.find((i) => i.id === 'emergency-drill')!.doneAt).toBeGreaterThanOrEqual(report.endedAt);
    } finally {
      await backend.close();
    }
  }, 60_000);
});
