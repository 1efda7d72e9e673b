import { describe, expect, it } from 'vitest';
import { isCockpitKey, SKIP_SHELL_KEYS, type KeyLike } from './skip-shell.js';

const key = (k: Partial<KeyLike> & Pick<KeyLike, 'key' | 'code'>): KeyLike => ({ ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...k });

describe('keys that skip the shell', () => {
  it('takes the palette, terminals, handoff, pre-shift, settings and docs keys', () => {
    expect(SKIP_SHELL_KEYS.map((k) => k.what)).toEqual(['command palette', 'show or hide the terminals', 'handoff', 'pre-shift check', 'settings', 'docs']);
    expect(isCockpitKey(key({ key: 'k', code: 'KeyK', ctrlKey: true }))).toBe(true);
    expect(isCockpitKey(key({ key: 'k', code: 'KeyK', metaKey: true }))).toBe(true);
    expect(isCockpitKey(key({ key: '`', code: 'Backquote', ctrlKey: true }))).toBe(true);
    // Alt+H on a layout where Alt composes a character: the physical key decides.
    expect(isCockpitKey(key({ key: '˙', code: 'KeyH', altKey: true }))).toBe(true);
    expect(isCockpitKey(key({ key: 'p', code: 'KeyP', altKey: true }))).toBe(true);
    expect(isCockpitKey(key({ key: ',', code: 'Comma', altKey: true }))).toBe(true);
    expect(isCockpitKey(key({ key: '/', code: 'Slash', altKey: true }))).toBe(true);
  });

  it('leaves everything else to the shell', () => {
    for (const k of [
      key({ key: 'c', code: 'KeyC', ctrlKey: true }),
      key({ key: 'r', code: 'KeyR', ctrlKey: true }),
      key({ key: 'b', code: 'KeyB', altKey: true }),
      key({ key: 'h', code: 'KeyH' }),
      key({ key: '/', code: 'Slash' }),
      key({ key: 'H', code: 'KeyH', altKey: true, shiftKey: true }),
      key({ key: 'h', code: 'KeyH', altKey: true, ctrlKey: true }),
      key({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true }),
    ]) {
      expect(isCockpitKey(k), JSON.stringify(k)).toBe(false);
    }
  });
});
