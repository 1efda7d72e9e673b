/**
 * The cockpit's keys that reach the cockpit even while a terminal has the
 * keyboard, as VS Code's "commands to skip shell": a short list, each with
 * what it opens. xterm.js does not see these keys, so they bubble to the
 * page's own handlers; every other key, Ctrl+C, Ctrl+R and Alt+B included,
 * goes to the shell. Kept short on purpose: each entry is a key the shell
 * loses (Alt+H, Alt+P, Alt+, and Alt+/ are readline's rarely used
 * meta-h, meta-p, meta-, and meta-/ bindings).
 */

/** The fields of a KeyboardEvent the list looks at. */
export type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

export interface CockpitKey {
  /** As shown to the engineer and in aria-keyshortcuts style. */
  keys: string;
  /** What it does, in the engineer's words. */
  what: string;
  matches(event: KeyLike): boolean;
}

const onlyAlt = (event: KeyLike, code: string) => event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === code;

export const SKIP_SHELL_KEYS: readonly CockpitKey[] = [
  {
    keys: 'Ctrl+K',
    what: 'command palette',
    matches: (e) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k',
  },
  { keys: 'Ctrl+`', what: 'show or hide the terminals', matches: (e) => e.ctrlKey && !e.altKey && !e.metaKey && (e.key === '`' || e.code === 'Backquote') },
  { keys: 'Alt+H', what: 'handoff', matches: (e) => onlyAlt(e, 'KeyH') },
  { keys: 'Alt+P', what: 'pre-shift check', matches: (e) => onlyAlt(e, 'KeyP') },
  { keys: 'Alt+,', what: 'settings', matches: (e) => onlyAlt(e, 'Comma') },
  { keys: 'Alt+/', what: 'docs', matches: (e) => onlyAlt(e, 'Slash') },
];

/** True when the key belongs to the cockpit, not the shell. */
export function isCockpitKey(event: KeyLike): boolean {
  return SKIP_SHELL_KEYS.some((k) => k.matches(event));
}
