import { describe, expect, it } from 'vitest';
import { incomingToFill } from './incoming.js';

describe('incomingToFill', () => {
  it("fills an empty To with PagerDuty's next primary once the draft has loaded", () => {
    expect(incomingToFill('', true, 'Bo Lindqvist')).toBe('Bo Lindqvist');
    expect(incomingToFill('  ', true, ' Bo Lindqvist ')).toBe('Bo Lindqvist');
  });

  it('never overwrites what was typed, nor fills before the saved draft is in', () => {
    expect(incomingToFill('Carla', true, 'Bo Lindqvist')).toBeNull();
    expect(incomingToFill('', false, 'Bo Lindqvist')).toBeNull();
  });

  it('leaves the field alone when PagerDuty names nobody', () => {
    expect(incomingToFill('', true, null)).toBeNull();
    expect(incomingToFill('', true, ' ')).toBeNull();
  });
});
