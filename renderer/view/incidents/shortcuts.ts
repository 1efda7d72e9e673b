/**
 * Keyboard shortcuts on the selected incident: single letters without
 * modifiers. A key does nothing while the engineer types (a field, an
 * editable element, a terminal) or while a dialog is open over the page, so
 * a note can contain any word and a key never reaches an incident hidden
 * behind a dialog. J and K move the selection along the queue.
 *
 * A command that opens a form on the incident (status update, escalate,
 * resolve) is named by its form: adding a key for another form (a note) is
 * one entry here and its form in the detail.
 */
import type { CallError } from '../../../src/contract/result.js';
import type { IncidentForm } from '../../store/incidents-slice.js';

/** Commands sent to the host at once, with no form. */
export type DirectCommand = 'acknowledge' | 'engage' | 'mitigate';
export type ShortcutCommand = DirectCommand | IncidentForm | 'select_next' | 'select_previous';

export const SHORTCUT_KEYS: Record<Exclude<ShortcutCommand, 'select_next' | 'select_previous'>, string> = {
  acknowledge: 'a',
  engage: 'e',
  status_update: 'u',
  escalate: 's',
  mitigate: 'm',
  resolve: 'r',
  note: 'n',
  flag: 'f',
  gather: 'g',
};

export const SELECTION_KEYS = { select_next: 'j', select_previous: 'k' } as const;

const BY_KEY = new Map<string, ShortcutCommand>([
  ...Object.entries(SHORTCUT_KEYS).map(([command, key]) => [key, command as ShortcutCommand] as const),
  ...Object.entries(SELECTION_KEYS).map(([command, key]) => [key, command as ShortcutCommand] as const),
]);

export const isDirect = (c: ShortcutCommand): c is DirectCommand => c === 'acknowledge' || c === 'engage' || c === 'mitigate';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Tag name of the element the key went to, upper case as the DOM gives it. */
  targetTag: string;
  targetEditable: boolean;
  /** The key went to a terminal (its own hidden textarea, the pane around it, or the panel while a shell opens). */
  inTerminal: boolean;
  /** A dialog is open over the page. */
  dialogOpen: boolean;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The command a key press means, or null when it is typing, behind a dialog, or not a shortcut. */
export function shortcutFor(press: KeyPress): ShortcutCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.dialogOpen || press.inTerminal) return null;
  if (TYPING_TAGS.has(press.targetTag) || press.targetEditable) return null;
  return BY_KEY.get(press.key.toLowerCase()) ?? null;
}

/** Where a key press went, read from the page. */
export function keyPressOf(e: KeyboardEvent, doc: Document): KeyPress {
  const target = e.target instanceof HTMLElement ? e.target : null;
  return {
    key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey,
    targetTag: target?.tagName ?? '', targetEditable: target?.isContentEditable ?? false,
    inTerminal: target?.closest('.xterm, .terminal-pane, .terminal-body') != null,
    dialogOpen: doc.querySelector('dialog[open], [role="dialog"][aria-modal="true"], [role="alertdialog"]') !== null,
  };
}

/** "not done" only when the host said so; a lost answer is "not confirmed", since the host may have acted. */
export function refusalText(incidentId: string, title: string, refusal: CallError): string {
  const what = refusal.code === 'no_answer' ? 'not confirmed' : 'not done';
  return `${incidentId} ${title}: ${what}. ${refusal.message.replace(/\.$/, '')}.`;
}
