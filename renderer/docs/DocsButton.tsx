/**
 * The header's "Docs" button, and the `/` key that opens the Docs view with
 * the search box focused from anywhere but a field being typed in (a
 * terminal's input is a textarea, so `/` in a shell stays a slash), and
 * Alt+/ from anywhere, a terminal included.
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
      // Alt+/ also from a field: the terminal lets it through (renderer/terminal/skip-shell.ts).
      const fromAnywhere = event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'Slash';
      const plainSlash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);
      if (!fromAnywhere && !plainSlash) return;
      event.preventDefault();
      docsStore.getState().requestSearchFocus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button type="button" aria-keyshortcuts="/ Alt+/" onClick={() => docsStore.getState().setOpen(true)}>
      Docs
    </button>
  );
}
