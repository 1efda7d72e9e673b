/**
 * Keyboard shortcuts on the focused (or else selected, or else most urgent)
 * incident. Single letters without modifiers, ignored while typing in a
 * field, so a note can contain any word.
 */
export type ShortcutCommand = 'acknowledge' | 'engage' | 'status_update' | 'escalate' | 'mitigate' | 'resolve';

export const SHORTCUT_KEYS: Record<ShortcutCommand, string> = {
  acknowledge: 'a',
  engage: 'e',
  status_update: 'u',
  escalate: 's',
  mitigate: 'm',
  resolve: 'r',
};

const BY_KEY = new Map(Object.entries(SHORTCUT_KEYS).map(([command, key]) => [key, command as ShortcutCommand]));

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Tag name of the element the key went to, upper case as the DOM gives it. */
  targetTag: string;
  targetEditable: boolean;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The command a key press means, or null when it is typing or not a shortcut. */
export function shortcutFor(press: KeyPress): ShortcutCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (TYPING_TAGS.has(press.targetTag) || press.targetEditable) return null;
  return BY_KEY.get(press.key.toLowerCase()) ?? null;
}
