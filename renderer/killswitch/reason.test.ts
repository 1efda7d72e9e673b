import { describe, expect, it } from 'vitest';
import { KILLSWITCH_REASON_MAX_CHARS } from '../../src/contract/killswitch.js';
import { reasonText } from './reason.js';

describe('the reason a press is sent with', () => {
  it('is none until a preset is chosen or words are written for "other"', () => {
    expect(reasonText({ choice: null, text: 'typed but not chosen' })).toBeNull();
    expect(reasonText({ choice: 'other', text: '   ' })).toBeNull();
  });

  it('is the preset, with the engineer detail after it when given', () => {
    expect(reasonText({ choice: 'runaway', text: '' })).toBe('Runaway strategy');
    expect(reasonText({ choice: 'runaway', text: ' mm-btc-01 flooding ' })).toBe('Runaway strategy: mm-btc-01 flooding');
    expect(reasonText({ choice: 'unexplained', text: '' })).toBe('Unexplained behaviour: when in doubt');
  });

  it('is the engineer own words for "other", cut to what the host accepts', () => {
    expect(reasonText({ choice: 'other', text: ' desk asked us to stop ' })).toBe('desk asked us to stop');
    expect(reasonText({ choice: 'other', text: 'x'.repeat(900) })).toHaveLength(KILLSWITCH_REASON_MAX_CHARS);
  });
});
