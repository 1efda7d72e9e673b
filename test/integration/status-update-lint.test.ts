/** The update lint read against the procedures document's own examples (the fixture is a file, so this lives outside the pure core). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK as PB } from '../../src/core/playbook/default.js';
import { lintStatusUpdate, statusUpdateTargets } from '../../src/core/incidents/status-update.js';

/** The procedures' own examples of a good and a bad update (Communication Guidelines). */
const procedures = readFileSync(new URL('../../../shared/fixtures/oncall-procedures.txt', import.meta.url), 'utf8');
const quoted = (after: string) => {
  const start = procedures.indexOf('"', procedures.indexOf(after)) + 1;
  return procedures.slice(start, procedures.indexOf('"', start)).replace(/\s*\n\s*/g, ' ');
};
const GOOD = quoted('Example Good Update:');
const BAD = quoted('Example Bad Update:');
const rules = (text: string) => lintStatusUpdate(text, PB).map((f) => f.rule);

describe('the update lint', () => {
  it("passes the procedures' good example", () => {
    expect(GOOD).toMatch(/^11:30 AM: We are investigating/);
    expect(lintStatusUpdate(GOOD, PB)).toEqual([]);
  });

  it("names everything the procedures' bad example lacks", () => {
    expect(BAD).toBe("Something's wrong with Binance, looking into it.");
    expect(rules(BAD)).toEqual(['time', 'affected', 'unaffected', 'done', 'next_update']);
  });

  it('flags speculation words as whole words, from the playbook', () => {
    const text = `${GOOD} Probably their API gateway; I think it comes back soon.`;
    expect(lintStatusUpdate(text, PB)).toEqual([{ rule: 'speculation', message: 'Speculation: "probably", "i think". State what is known.' }]);
    // "mightily" is not "might".
    expect(rules(`${GOOD} Mightily fixed.`)).toEqual([]);
  });

  it('each missing part is named on its own', () => {
    expect(rules(GOOD.replace('11:30 AM: ', ''))).toEqual(['time']);
    expect(rules(GOOD.replace(' Other exchanges operating normally.', ''))).toEqual(['unaffected']);
    expect(rules(GOOD.replace(' Next update in 15 minutes.', ''))).toEqual(['next_update']);
  });

  it('reads "03:40Z" as a time, and an empty heading of a draft as nothing said', () => {
    expect(rules(GOOD.replace('11:30 AM', '03:40Z'))).toEqual([]);
    expect(rules(`03:40Z: Binance connection issues.\nNot affected: \nWe have stopped the Binance strategies. Next update in 15 minutes.`)).toEqual(['unaffected']);
  });
});

describe('where an update goes', () => {
  it('SEV1/SEV2: #incident-response and the status page; SEV3: #incident-response; SEV4: #hft-operations', () => {
    const ids = (sev: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4') => statusUpdateTargets(sev, PB).map((t) => [t.contactId, t.statusPage]);
    expect(ids('SEV1')).toEqual([['incident-channel', false], ['status-page', true]]);
    expect(ids('SEV2')).toEqual([['incident-channel', false], ['status-page', true]]);
    expect(ids('SEV3')).toEqual([['incident-channel', false]]);
    expect(ids('SEV4')).toEqual([['operations-channel', false]]);
    expect(statusUpdateTargets('SEV1', PB)[1]).toMatchObject({ name: 'Status page', url: 'https://status.company.com' });
  });
});
