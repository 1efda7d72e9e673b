/**
 * Keys pressed in one of the cockpit's own dialogs stay in it: the incident
 * letters (A, E, R...) and the page shortcuts behind it must not act while
 * the engineer types here. Escape closes it; `more` handles the dialog's own keys.
 */
import type { KeyboardEvent } from 'react';

export function dialogKeys(close: () => void, more?: (event: KeyboardEvent<HTMLElement>) => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    event.stopPropagation();
    if (event.key === 'Escape') close();
    else more?.(event);
  };
}
