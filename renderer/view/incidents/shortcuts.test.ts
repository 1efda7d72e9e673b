import { describe, expect, it } from 'vitest';
import { SAMPLE_T0, sampleIncident } from '../../store/incident-fixtures.js';
import { shortcutFor, type KeyPress } from './shortcuts.js';
import { shortcutTarget } from './use-incident-shortcuts.js';

const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', targetEditable: false, ...over,
});

describe('incident shortcuts', () => {
  it('maps single letters to actions, either case', () => {
    expect(shortcutFor(press('a'))).toBe('acknowledge');
    expect(shortcutFor(press('E'))).toBe('engage');
    expect(shortcutFor(press('u'))).toBe('status_update');
    expect(shortcutFor(press('s'))).toBe('escalate');
    expect(shortcutFor(press('m'))).toBe('mitigate');
    expect(shortcutFor(press('r'))).toBe('resolve');
    expect(shortcutFor(press('x'))).toBeNull();
  });

  it('leaves typing and browser shortcuts alone', () => {
    expect(shortcutFor(press('a', { targetTag: 'TEXTAREA' }))).toBeNull();
    expect(shortcutFor(press('a', { targetTag: 'INPUT' }))).toBeNull();
    expect(shortcutFor(press('r', { targetEditable: true }))).toBeNull();
    expect(shortcutFor(press('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('a', { metaKey: true }))).toBeNull();
  });

  it('acts on the focused incident, else the selected one, else the most urgent', () => {
    const sev2 = sampleIncident();
    const sev1 = { ...sampleIncident(SAMPLE_T0 + 60_000, 'SEV1'), id: 'INC-2' };
    const inCard = (id: string | null) => ({ closest: () => (id ? ({ getAttribute: () => id } as unknown as Element) : null) });
    const incidents = [sev2, sev1];
    expect(shortcutTarget({ incidents, selectedIncidentId: 'INC-2' }, inCard('INC-1'), SAMPLE_T0)).toBe('INC-1');
    expect(shortcutTarget({ incidents, selectedIncidentId: 'INC-1' }, inCard(null), SAMPLE_T0)).toBe('INC-1');
    // SEV1 acknowledgement due 18:06, the SEV2's 18:15.
    expect(shortcutTarget({ incidents, selectedIncidentId: null }, null, SAMPLE_T0 + 120_000)).toBe('INC-2');
    expect(shortcutTarget({ incidents: [], selectedIncidentId: 'INC-1' }, null, SAMPLE_T0)).toBeNull();
  });
});
