/**
 * A real modal dialog: the native <dialog> opened with showModal(), so the
 * page behind is inert (no focus, no clicks, hidden from screen readers)
 * and focus stays inside. Escape closes it through the dialog's own cancel
 * event; when it goes, focus returns to where it was before it opened.
 * Shown for as long as it is mounted.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab from the last control goes to the first, Shift+Tab from the first to the last: focus never reaches the browser's own bar. */
export function keepTabInside(dialog: HTMLDialogElement, event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const at = document.activeElement;
  if (event.shiftKey && (at === first || !dialog.contains(at))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (at === last || !dialog.contains(at))) {
    event.preventDefault();
    first.focus();
  }
}

/** Gives the focus back, when the dialog goes, to what had it as the dialog was first rendered. */
export function useReturnFocus(): void {
  // Read while rendering, before a field inside takes the focus with autoFocus.
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(
    () => () => {
      if (returnTo?.isConnected) returnTo.focus();
    },
    [returnTo],
  );
}

export interface ModalDialogProps {
  className: string;
  /** Id of the heading that names the dialog, or else `label`. */
  labelledBy?: string;
  label?: string;
  onClose(): void;
  onKeyDown?: (event: KeyboardEvent<HTMLDialogElement>) => void;
  children: ReactNode;
}

export function ModalDialog({ className, labelledBy, label, onClose, onKeyDown, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useReturnFocus();
  // A layout effect: the dialog is open before any effect inside it moves the focus to one of its fields.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (element && !element.open) {
      // showModal() focuses the dialog's first control; a field that took the focus as it mounted keeps it.
      const focused = element.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
      element.showModal();
      focused?.focus();
    }
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={`modal-dialog ${className}`}
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : label}
      onCancel={(e) => {
        // The view decides when the dialog goes: it unmounts it.
        e.preventDefault();
        close.current();
      }}
      onKeyDown={(e) => {
        if (dialog.current) keepTabInside(dialog.current, e);
        onKeyDown?.(e);
      }}
    >
      {children}
    </dialog>
  );
}
