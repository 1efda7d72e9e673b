import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from '../../../src/core/playbook/default.js';
import { afterActions, SAMPLE_T0, sampleIncident } from '../../store/incident-fixtures.js';
import { draftCaret, statusUpdateDraft } from './status-draft.js';

describe('status update draft', () => {
  it('has the time, what is affected, what was done and when the next update comes', () => {
    const inc = sampleIncident();
    const acked = afterActions(inc, [[{ type: 'acknowledge', incidentId: inc.id, by: 'alice' }, SAMPLE_T0 + 60_000]]);
    const draft = statusUpdateDraft(acked, DEFAULT_PLAYBOOK, SAMPLE_T0 + 5 * 60_000);
    const lines = draft.split('\n');
    expect(lines[0]).toBe('Status update 18:05Z, INC-1 SEV2: Exchange disconnected: kraken');
    expect(lines[1]).toContain('Affected: Exchange disconnected: kraken (kraken)');
    expect(lines[2]).toBe('Not affected: ');
    expect(lines[3]).toMatch(/^Done so far: 18:01Z .*acknowledged/i);
    // SEV2 updates every 30 minutes (domain.md).
    expect(lines[4]).toBe('Next update by 18:35Z.');
  });

  it('says the next update comes when resolved for severities without a cadence', () => {
    const draft = statusUpdateDraft(sampleIncident(SAMPLE_T0, 'SEV3'), DEFAULT_PLAYBOOK, SAMPLE_T0);
    expect(draft).toContain('Next update: when resolved.');
    expect(draft).toContain('Done so far: \n');
  });
});

describe('draftCaret', () => {
  it('puts the caret at the end of the first line left blank, else at the end', () => {
    const draft = statusUpdateDraft(sampleIncident(), DEFAULT_PLAYBOOK, SAMPLE_T0 + 5 * 60_000);
    const at = draftCaret(draft);
    expect(draft.slice(0, at).split('\n').at(-1)).toBe('Not affected: ');
    const filled = draft.replace('Not affected: ', 'Not affected: the other 11 exchanges');
    expect(filled.slice(0, draftCaret(filled)).split('\n').at(-1)).toBe('Done so far: ');
    const whole = 'Status update 18:05Z\nAffected: kraken.';
    expect(draftCaret(whole)).toBe(whole.length);
  });
});
