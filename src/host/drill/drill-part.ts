/**
 * Drills as one part of the backend: the drill service on the watched API,
 * its reports in the data folder (`drill-reports.json`, apart from the
 * incident history), the weekly routine's "Test an emergency procedure"
 * ticked by each report, and the `drill.*` calls.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { DrillRecord, type DrillView } from '../../contract/drill.js';
import type { Clock } from '../../services/clock.js';
import { createDrillService, type DrillService, type DrillServiceOptions } from '../../services/drill/drill-service.js';
import type { Timers } from '../../services/hft/timers.js';
import type { CallHandlers } from '../dispatch.js';
import { JsonFile } from '../checks/json-file.js';

export const DRILL_REPORTS_FILE = 'drill-reports.json';
/** Reports kept, newest first: a year of weekly drills and then some. */
export const DRILL_REPORTS_KEPT = 100;
/** The weekly routine's item a drill report ticks (src/core/shift/routines.ts). */
export const DRILL_ROUTINE = { listId: 'weekly', itemId: 'emergency-drill' } as const;

const ReportsFile = z.object({ version: z.literal(1), reports: z.array(DrillRecord) });

export type DrillHandlers = Pick<CallHandlers, 'drill.view' | 'drill.start' | 'drill.finish'>;

export interface DrillPartOptions {
  dataDir: string;
  apiUrl: string;
  clock: Clock;
  timers: Timers;
  incidents: DrillServiceOptions['incidents'];
  operator(): string;
  /** Ticks a routine item (the shift host's `shift.tick`). */
  tick(listId: string, itemId: string): Promise<unknown>;
  emit(view: DrillView): void;
  fetch?: DrillServiceOptions['fetch'];
  log?: (line: string) => void;
}

export interface DrillPart {
  handlers: DrillHandlers;
  service: DrillService;
  close(): Promise<void>;
}

export function createDrillPart(opts: DrillPartOptions): DrillPart {
  const file = new JsonFile(join(opts.dataDir, DRILL_REPORTS_FILE), ReportsFile, () => opts.clock.now());
  let reports: DrillRecord[] | null = null;
  const list = async () => (reports ??= (await file.read())?.reports ?? []);
  const service = createDrillService({
    apiUrl: opts.apiUrl,
    fetch: opts.fetch ?? fetch,
    clock: opts.clock,
    timers: opts.timers,
    incidents: opts.incidents,
    operator: opts.operator,
    emit: opts.emit,
    ...(opts.log ? { log: opts.log } : {}),
    reports: {
      list,
      async save(record) {
        reports = [record, ...(await list())].slice(0, DRILL_REPORTS_KEPT);
        await file.write({ version: 1, reports });
      },
    },
    onReport: async () => {
      await opts.tick(DRILL_ROUTINE.listId, DRILL_ROUTINE.itemId);
    },
  });
  return {
    service,
    handlers: {
      'drill.view': () => service.view(),
      'drill.start': ({ drillId }) => service.start(drillId),
      'drill.finish': () => service.finish(),
    },
    close: () => service.close(),
  };
}
