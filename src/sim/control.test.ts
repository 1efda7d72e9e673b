import { describe, expect, it } from 'vitest';
import { CONTROL_NAMES, parseControl, SimControls } from './control.js';
import { TradingModel } from './model.js';

const model = () => new TradingModel({ seed: 1, strategies: 24, positions: 150, startMs: 0 });

describe('parseControl', () => {
  it('accepts every scenario and fault with its parameters, filling defaults', () => {
    expect(parseControl({ name: 'exchange_disconnect', exchange: 'okx' })).toEqual({ ok: true, value: { name: 'exchange_disconnect', exchange: 'okx' } });
    expect(parseControl({ name: 'high_latency' })).toEqual({ ok: true, value: { name: 'high_latency', order_p99_ms: 25 } });
    expect(parseControl({ name: 'loss_limit_approach', target_pct: 95, over_s: 30 })).toEqual({
      ok: true,
      value: { name: 'loss_limit_approach', target_pct: 95, over_s: 30 },
    });
    expect(parseControl({ name: 'slow', delay_ms: 500, target: 'risk' })).toEqual({ ok: true, value: { name: 'slow', delay_ms: 500, target: 'risk' } });
    for (const name of CONTROL_NAMES) {
      const body = name === 'exchange_disconnect' ? { name, exchange: 'binance' } : { name };
      expect(parseControl(body).ok, name).toBe(true);
    }
  });

  it('names the unknown scenario and lists the known ones', () => {
    const r = parseControl({ name: 'meteor_strike' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('"meteor_strike"');
      expect(r.error).toContain('exchange_disconnect');
    }
  });

  it('rejects bad parameters, unknown fields and unknown targets with a reason', () => {
    const cases: unknown[] = [
      { name: 'exchange_disconnect' },
      { name: 'exchange_disconnect', exchange: 'mtgox' },
      { name: 'high_latency', order_p99_ms: -3 },
      { name: 'loss_limit_approach', target_pct: '90' },
      { name: 'disk_low', disk_pct: 120 },
      { name: 'slow', delay_ms: 1.5 },
      { name: 'http_500', target: 'everything' },
      { name: 'crash', exchnage: 'binance' },
      [],
      null,
      'crash',
    ];
    for (const body of cases) {
      const r = parseControl(body);
      expect(r.ok, JSON.stringify(body)).toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
    }
  });
});

describe('SimControls', () => {
  it('replaces a control with the same key and keeps different ones side by side', () => {
    const c = new SimControls(model());
    c.add({ name: 'http_500', target: 'risk' }, 1);
    c.add({ name: 'http_500', target: 'risk' }, 2);
    c.add({ name: 'http_500', target: 'status' }, 3);
    c.add({ name: 'exchange_disconnect', exchange: 'okx' }, 4);
    c.add({ name: 'exchange_disconnect', exchange: 'htx' }, 5);
    expect(c.list().map((a) => a.sinceMs)).toEqual([2, 3, 4, 5]);
  });

  it('aims faults at their target, or at every target without one', () => {
    const c = new SimControls(model());
    c.add({ name: 'http_500', target: 'risk' }, 1);
    c.add({ name: 'slow', delay_ms: 10 }, 2);
    expect(c.faultsFor('risk').map((f) => f.fault.name)).toEqual(['http_500', 'slow']);
    expect(c.faultsFor('status').map((f) => f.fault.name)).toEqual(['slow']);
    expect(c.crashed).toBe(false);
    c.add({ name: 'crash' }, 3);
    expect(c.crashed).toBe(true);
    expect(c.faultsFor('health').map((f) => f.fault.name)).toEqual(['slow']);
    c.clear();
    expect(c.list()).toEqual([]);
    expect(c.crashed).toBe(false);
  });
});
