/**
 * How a faulty API spoils an otherwise good answer: the body-level faults
 * (schema_drift, malformed_json, huge_payload). The HTTP layer decides when
 * they apply; these functions only say what the spoiled answer looks like.
 */
import type { FaultTarget } from './control.js';

type Json = Record<string, unknown>;

const asObject = (v: unknown): Json | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
const eachItem = (list: unknown, change: (item: Json) => void) => {
  if (Array.isArray(list)) for (const item of list) { const o = asObject(item); if (o) change(o); }
};

/**
 * The kind of drift a careless deploy ships: a field renamed away, a number
 * sent as a string. Each answer loses a field and retypes another, so a
 * client that validates must reject it.
 */
export function driftBody(target: FaultTarget, body: unknown): unknown {
  const o = asObject(body);
  if (!o) return body;
  const d: Json = structuredClone(o);
  switch (target) {
    case 'health':
      delete d.version;
      d.uptime_s = String(d.uptime_s);
      break;
    case 'status':
      delete d.latency;
      eachItem(d.exchanges, (e) => { e.connected = e.connected ? 'yes' : 'no'; });
      break;
    case 'positions':
      eachItem(d.positions, (p) => {
        delete p.mark_price;
        p.quantity = String(p.quantity);
      });
      break;
    case 'strategies':
      eachItem(d.strategies, (s) => {
        const perf = asObject(s.performance);
        if (perf) {
          perf.pnl = perf.daily_pnl_usd;
          delete perf.daily_pnl_usd;
          perf.trades_today = String(perf.trades_today);
        }
      });
      break;
    case 'risk':
      delete d.daily_loss_limit_usd;
      d.loss_limit_used_pct = `${String(d.loss_limit_used_pct)}%`;
      break;
    case 'killswitch':
      delete d.source;
      d.activated_at = typeof d.activated_at === 'string' ? Date.parse(d.activated_at) : d.activated_at;
      break;
    case 'strategy_control':
      delete d.strategy_id;
      d.status = typeof d.status === 'string' ? d.status.toUpperCase() : d.status;
      break;
    case 'metrics':
      break;
  }
  return d;
}

/** Prometheus text with a family dropped and a value no parser accepts. */
export function driftMetrics(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.includes('hft_killswitch_active'))
    .map((line) => (line.startsWith('hft_daily_pnl_usd ') ? 'hft_daily_pnl_usd n/a' : line))
    .join('\n');
}

/** Cut mid-way, as a crashed writer or a dropped proxy leaves it: never valid JSON. */
export function truncate(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

const paddingCache = new Map<number, string>();
function padding(bytes: number): string {
  let p = paddingCache.get(bytes);
  if (p === undefined) {
    p = 'x'.repeat(bytes);
    paddingCache.clear();
    paddingCache.set(bytes, p);
  }
  return p;
}

/**
 * A valid JSON object grown to at least `bytes` by an extra `padding` field
 * that a lenient reader would ignore: the test is whether the client caps
 * what it reads, not whether it can parse.
 */
export function padJson(json: string, bytes: number): string {
  const end = json.lastIndexOf('}');
  if (end < 0) return json;
  const open = json.slice(0, end).trimEnd();
  const separator = open.endsWith('{') ? '' : ',';
  return `${open}${separator}"padding":"${padding(bytes)}"}`;
}

/** Prometheus text grown to at least `bytes` with comment lines, which scrapers skip. */
export function padMetrics(text: string, bytes: number): string {
  const line = `# padding ${'x'.repeat(1_000)}\n`;
  return text + line.repeat(Math.ceil(bytes / line.length));
}
