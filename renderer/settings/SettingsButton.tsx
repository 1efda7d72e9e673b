/**
 * The header's "Settings" button, and Alt+, from anywhere (the usual
 * settings key; Alt keeps it off the incident letters and the terminal's
 * Ctrl keys). The dialog mounts with the button, so it lives wherever the
 * header does.
 */
import { useEffect } from 'react';
import { SettingsDialog } from './SettingsDialog.js';
import { openSettings } from './settings.js';

export function SettingsButton() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'Comma') {
        event.preventDefault();
        openSettings();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" aria-keyshortcuts="Alt+Comma" onClick={openSettings}>
        Settings
      </button>
      <SettingsDialog />
    </>
  );
}
