/**
 * Saves a file the host produced (an incident report, the playbook) through
 * the browser's own download, which both hosts handle: Chromium's download
 * in the browser host, Electron's save dialog in the desktop app.
 */
import type { ExportedFile } from '../../../src/contract/incidents.js';

export function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the click starts the download synchronously, the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
