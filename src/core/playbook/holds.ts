/**
 * Hold times when a playbook file predates them: a blip of the API or one
 * slow poll is not worth a page, a dropped exchange or the loss limit is at
 * once; disk fills slowly, so half a minute costs nothing. Its own module,
 * so the schema and the default playbook both read it whatever the order
 * the modules load in (migrate.ts reads the default).
 */
import type { ScenarioId } from './schema.js';

export const DEFAULT_HOLD_SECONDS: Record<ScenarioId, number> = {
  exchange_disconnected: 0,
  high_latency: 10,
  loss_limit: 0,
  system_down: 3,
  disk_low: 30,
};
