import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyPressOf, refusalText, shortcutFor, type KeyPress } from './shortcuts.js';

const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', targetEditable: false, inTerminal: false, dialogOpen: false, ...over,
});

describe('incident shortcuts', () => {
  it('maps single letters to actions, either case, and J/K to moving the selection', () => {
    expect(shortcutFor(press('a'))).toBe('acknowledge');
    expect(shortcutFor(press('E'))).toBe('engage');
    expect(shortcutFor(press('u'))).toBe('status_update');
    expect(shortcutFor(press('s'))).toBe('escalate');
    expect(shortcutFor(press('m'))).toBe('mitigate');
    expect(shortcutFor(press('r'))).toBe('resolve');
    expect(shortcutFor(press('n'))).toBe('note');
    expect(shortcutFor(press('F'))).toBe('flag');
    expect(shortcutFor(press('g'))).toBe('gather');
    expect(shortcutFor(press('j'))).toBe('select_next');
    expect(shortcutFor(press('K'))).toBe('select_previous');
    expect(shortcutFor(press('x'))).toBeNull();
  });

  it('leaves typing and browser shortcuts alone', () => {
    expect(shortcutFor(press('a', { targetTag: 'TEXTAREA' }))).toBeNull();
    expect(shortcutFor(press('a', { targetTag: 'INPUT' }))).toBeNull();
    expect(shortcutFor(press('a', { targetTag: 'SELECT' }))).toBeNull();
    expect(shortcutFor(press('r', { targetEditable: true }))).toBeNull();
    expect(shortcutFor(press('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('a', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('a', { altKey: true }))).toBeNull();
  });

  it('does nothing while a dialog is open or the key went to a terminal', () => {
    expect(shortcutFor(press('a', { dialogOpen: true }))).toBeNull();
    expect(shortcutFor(press('j', { dialogOpen: true }))).toBeNull();
    expect(shortcutFor(press('a', { inTerminal: true, targetTag: 'DIV' }))).toBeNull();
  });
});

describe('keyPressOf', () => {
  /** An element in a chain of ancestors, each with one class: enough of the DOM for `closest` on class selectors. */
  class El {
    tagName = 'DIV';
    isContentEditable = false;
    constructor(readonly className: string, readonly parent: El | null = null) {}
    closest(selectors: string): El | null {
      const wanted = selectors.split(',').map((s) => s.trim());
      for (let el: El | null = this; el; el = el.parent) if (wanted.includes(`.${el.className}`)) return el;
      return null;
    }
  }
  afterEach(() => vi.unstubAllGlobals());
  const pressOn = (target: El) => {
    vi.stubGlobal('HTMLElement', El);
    const doc = { querySelector: () => null } as unknown as Document;
    return keyPressOf({ key: 'a', ctrlKey: false, metaKey: false, altKey: false, target } as unknown as KeyboardEvent, doc);
  };

  it('counts a key in the terminal panel as a terminal\'s, the panel itself while a shell opens included', () => {
    const page = new El('cockpit');
    const panel = new El('terminal-body', new El('terminal-area', page));
    expect(pressOn(new El('xterm-helper-textarea', new El('xterm', new El('terminal-pane', panel)))).inTerminal).toBe(true);
    expect(pressOn(panel).inTerminal).toBe(true);
    expect(shortcutFor(pressOn(panel))).toBeNull();
    expect(pressOn(page).inTerminal).toBe(false);
    expect(shortcutFor(pressOn(page))).toBe('acknowledge');
  });
});

describe('refusalText', () => {
  it('says "not done" only when the host refused, and "not confirmed" when the answer was lost', () => {
    expect(refusalText('INC-3', 'kraken disconnected', { code: 'conflict', message: 'already resolved' })).toBe(
      'INC-3 kraken disconnected: not done. already resolved.',
    );
    expect(
      refusalText('INC-3', 'kraken disconnected', { code: 'no_answer', message: 'Host link down before the answer came: it may have been done; look again once the link is back' }),
    ).toBe('INC-3 kraken disconnected: not confirmed. Host link down before the answer came: it may have been done; look again once the link is back.');
  });
});
