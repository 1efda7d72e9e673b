import { describe, expect, it } from 'vitest';
import { ScrollbackBuffer } from './scrollback.js';

describe('ScrollbackBuffer', () => {
  it('keeps the most recent characters up to the cap', () => {
    const sb = new ScrollbackBuffer(10);
    sb.append('abcdef');
    sb.append('ghijkl');
    expect(sb.text()).toBe('cdefghijkl');
    expect(sb.length).toBe(10);
    sb.append('0123456789ABC');
    expect(sb.text()).toBe('3456789ABC');
  });

  it('never leaves half of a surrogate pair at the start', () => {
    const fits = new ScrollbackBuffer(3);
    fits.append('a😀b'); // 4 code units
    expect(fits.text()).toBe('😀b');
    const tight = new ScrollbackBuffer(2);
    tight.append('a😀b');
    expect(tight.text()).toBe('b');
  });
});
