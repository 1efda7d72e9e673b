/**
 * The header's "Docs" button, and the `/` key that opens the Docs view with
 * the search box focused from anywhere but a field being typed in (a
 * terminal's input is a textarea, so `/` in a shell stays a slash).
 */
import { useEffect } from 'react';
import { docsStore } from './docs.js';

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return TYPING_TAGS.has(target.tagName) || target.isContentEditable;
}

export function DocsButton() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      event.preventDefault();
      docsStore.getState().requestSearchFocus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button type="button" aria-keyshortcuts="/" onClick={() => docsStore.getState().setOpen(true)}>
      Docs
    </button>
  );
}
