/**
 * The drill controls under /sim/v1, on the same port as the API:
 *
 *   GET    /sim/v1/scenario          what is switched on
 *   POST   /sim/v1/scenario          switch one on: {"name": ..., ...params}
 *   DELETE /sim/v1/scenario          switch everything off
 *   POST   /sim/v1/reset-killswitch  clear the killswitch, restart what it stopped
 *
 * They answer even while a crash scenario or a fault is on, so a drill can
 * always be undone. They take no API key: they are the drill's, not the
 * trading system's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../services/clock.js';
import { parseControl, type ActiveControl, type SimControls } from './control.js';
import { parseJson, readBody, sendError, sendJson } from './http-io.js';
import type { TradingModel } from './model.js';

export interface SimRouteDeps {
  model: TradingModel;
  controls: SimControls;
  clock: Clock;
}

const describe = (a: ActiveControl) => ({ ...a.control, since: new Date(a.sinceMs).toISOString() });

export async function handleSimControl(req: IncomingMessage, res: ServerResponse, path: string, deps: SimRouteDeps): Promise<void> {
  const { model, controls, clock } = deps;
  const now = clock.now();
  // Controls act at this instant: everything before it happened without them.
  model.advanceTo(now);
  if (path === '/sim/v1/scenario') {
    if (req.method === 'GET') return sendJson(res, 200, { active: controls.list().map(describe) });
    if (req.method === 'DELETE') {
      controls.clear();
      return sendJson(res, 200, { active: [] });
    }
    if (req.method === 'POST') {
      const body = await readBody(req);
      if (!body.ok) return sendError(res, 413, 'request body too large');
      const json = parseJson(body.text);
      if (!json.ok) return sendError(res, 400, 'body is not valid JSON; send {"name": "...", ...params}');
      const parsed = parseControl(json.value);
      if (!parsed.ok) return sendError(res, 400, parsed.error);
      const entry = controls.add(parsed.value, now);
      return sendJson(res, 200, { added: describe(entry), active: controls.list().map(describe) });
    }
    return sendError(res, 405, `${path} answers GET, POST and DELETE`, { allow: 'GET, POST, DELETE' });
  }
  if (path === '/sim/v1/reset-killswitch') {
    if (req.method !== 'POST') return sendError(res, 405, `${path} answers POST only`, { allow: 'POST' });
    const wasActive = model.resetKillswitch();
    return sendJson(res, 200, { reset: wasActive, killswitch_active: model.killswitch.active });
  }
  return sendError(res, 404, `no such simulator control: ${req.method} ${path}`);
}
