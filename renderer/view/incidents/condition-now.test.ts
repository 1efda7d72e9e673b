import { describe, expect, it } from 'vitest';
import { conditionLabel } from './condition-now.js';

describe("the label before an incident's condition", () => {
  it('says Now only while the host is heard, and last known otherwise', () => {
    expect(conditionLabel(null)).toBe('Now: ');
    expect(conditionLabel('link-down')).toBe('Last known, host link down: ');
    expect(conditionLabel('host-silent')).toBe('Last known, no word from the host: ');
  });
});
