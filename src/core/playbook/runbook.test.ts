import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from './default.js';
import { fillCommand, placeholdersOf, runbookFor } from './runbook.js';

describe('runbook commands', () => {
  it('lists the placeholders of a command once each', () => {
    expect(placeholdersOf('ssh {host} ./scripts/check_exchange_status.sh {exchange} {host}')).toEqual(['host', 'exchange']);
    expect(placeholdersOf('df -h')).toEqual([]);
  });

  it('fills the exchange in upper case, as the status script expects', () => {
    expect(fillCommand('./scripts/check_exchange_status.sh {exchange}', { exchange: 'binance' })).toEqual({
      ok: true,
      command: './scripts/check_exchange_status.sh BINANCE',
    });
  });

  it('names what is missing instead of leaving a brace in the terminal', () => {
    expect(fillCommand('ssh {host} hostname', {})).toEqual({ ok: false, missing: ['host'] });
  });

  it('fills the default exchange runbook and leaves text-only steps alone', () => {
    const steps = runbookFor(DEFAULT_PLAYBOOK.scenarios.exchange_disconnected.runbook, { exchange: 'kraken' });
    expect(steps[0]).toMatchObject({ command: './scripts/check_exchange_status.sh KRAKEN', missing: [] });
    expect(steps.find((s) => s.id === 'their-fault')).toMatchObject({ missing: [] });
    expect(steps.find((s) => s.id === 'their-fault')?.command).toBeUndefined();
    const unfilled = runbookFor(DEFAULT_PLAYBOOK.scenarios.exchange_disconnected.runbook, {});
    expect(unfilled[0]).toMatchObject({ command: './scripts/check_exchange_status.sh {exchange}', missing: ['exchange'] });
  });
});
