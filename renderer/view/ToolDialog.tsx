/**
 * The frame of the cockpit's tool dialogs (Docs, Handoff, Settings): a
 * real modal over the cockpit (ModalDialog) with its heading, whatever sits
 * beside it, Close, and the dialog's error, if any, above its body. Keys
 * pressed inside stay inside, and Escape closes (dialogKeys). Class names
 * follow `name`: `${name}-dialog`, `${name}-top`, `${name}-close`, and the
 * heading's id `${name}-title`.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { dialogKeys } from './dialog-keys.js';
import { ModalDialog } from './ModalDialog.js';

export interface ToolDialogProps {
  name: string;
  title: string;
  onClose(): void;
  /** The dialog's own keys, after Escape. */
  onKey?: (event: KeyboardEvent<HTMLElement>) => void;
  /** Focus goes to the heading as the dialog opens (unless a field of it takes the focus itself). */
  focusHeading?: boolean;
  /** Beside the heading, before Close. */
  top?: ReactNode;
  error: string | null;
  children: ReactNode;
}

export function ToolDialog({ name, title, onClose, onKey, focusHeading = false, top, error, children }: ToolDialogProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);

  return (
    <ModalDialog className={`${name}-dialog`} labelledBy={`${name}-title`} onClose={onClose} onKeyDown={dialogKeys(onClose, onKey)}>
      <div className={`${name}-top`}>
        <h2 id={`${name}-title`} tabIndex={focusHeading ? -1 : undefined} ref={heading}>
          {title}
        </h2>
        {top}
        <button type="button" className={`${name}-close`} onClick={onClose}>
          Close
        </button>
      </div>
      {error ? (
        <p role="alert" className="action-error">
          {error}
        </p>
      ) : null}
      {children}
    </ModalDialog>
  );
}
