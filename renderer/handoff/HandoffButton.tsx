/** The header's "Handoff" button, and Alt+H from anywhere. */
import { useEffect } from 'react';
import { openHandoff } from './handoff.js';

export function HandoffButton() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyH') {
        event.preventDefault();
        openHandoff();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button type="button" aria-keyshortcuts="Alt+H" onClick={openHandoff}>
      Handoff
    </button>
  );
}
