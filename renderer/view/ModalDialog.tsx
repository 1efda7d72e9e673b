/**
 * A real modal dialog: the native <dialog> opened with showModal(), so the
 * page behind is inert (no focus, no clicks, hidden from screen readers)
 * and focus stays inside. Escape closes it through the dialog's own cancel
 * event; when it goes, focus returns to where it was before it opened.
 * Shown for as long as it is mounted.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

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
  useEffect(() => {
    const element = dialog.current;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
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
      onKeyDown={onKeyDown}
    >
      {children}
    </dialog>
  );
}
