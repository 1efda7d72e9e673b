import { describe, expect, it } from 'vitest';
import { classifyCommand } from './command-guard.js';
import { fillQuickCommand, QUICK_COMMANDS } from './quick-commands.js';

const byId = (id: string) => QUICK_COMMANDS.find((c) => c.id === id)!;
const context = { host: 'hft-prod-01', exchange: 'binance', installDir: '/opt/hft_system' };

describe('quick commands', () => {
  it('covers the team quick reference', () => {
    expect(QUICK_COMMANDS.map((c) => c.id)).toEqual(
      expect.arrayContaining(['status', 'health-check', 'positions', 'recent-errors', 'system-resources', 'exchange-status', 'strategy-status', 'recent-alerts']),
    );
    expect(new Set(QUICK_COMMANDS.map((c) => c.id)).size).toBe(QUICK_COMMANDS.length);
  });

  it('never offers the killswitch', () => {
    for (const c of QUICK_COMMANDS) {
      expect(c.template.toLowerCase()).not.toContain('killswitch');
      // Every curl here is a read: no method override, no body.
      for (const curl of c.template.split('|').filter((part) => part.includes('curl'))) {
        expect(curl).not.toMatch(/-X|--request|--data|\s-d\b|\s-F\b/);
      }
    }
  });

  it('are all harmless to the prod guard', () => {
    for (const c of QUICK_COMMANDS) {
      const filled = fillQuickCommand(c, context);
      expect(filled.ok).toBe(true);
      if (filled.ok) expect(classifyCommand(filled.command).risky).toBe(false);
    }
  });

  it('fills the placeholders for the selected host', () => {
    expect(fillQuickCommand(byId('database-check'), context)).toEqual({
      ok: true,
      command: 'psql -h hft-prod-01 -U hft_user -d hft_db -c "SELECT 1;"',
    });
    expect(fillQuickCommand(byId('exchange-status'), context)).toEqual({
      ok: true,
      command: 'cd /opt/hft_system && ./scripts/check_exchange_status.sh binance',
    });
  });

  it('reports a missing exchange instead of sending a broken line', () => {
    expect(fillQuickCommand(byId('exchange-status'), { host: 'h', installDir: '/opt/x' })).toEqual({
      ok: false,
      missing: ['exchange'],
      unsafe: [],
    });
  });

  it('refuses values that would inject shell text', () => {
    const filled = fillQuickCommand(byId('exchange-status'), { ...context, exchange: 'binance; rm -rf /' });
    expect(filled).toEqual({ ok: false, missing: [], unsafe: ['exchange'] });
    expect(fillQuickCommand(byId('database-check'), { ...context, host: '$(reboot)' }).ok).toBe(false);
  });
});
