/**
 * The one seam through which a test or benchmark watches a terminal view
 * from inside the page: it installs an object as `window[TERMINAL_PROBE_GLOBAL]`
 * before the page loads (Playwright's addInitScript), and every view then
 * reports what xterm.js parsed and how to read what it shows. Absent in
 * normal use, where the cost is one property read per view.
 * Nothing here imports xterm.js, so Node-side harnesses can import it.
 */
/** What the installed object must answer to. */
export interface TerminalTestProbe {
  /** A view opened; `visibleText` reads the rows on screen from xterm.js's buffer. */
  opened(sessionId: string, view: { visibleText(): string }): void;
  /** xterm.js parsed `output`, text or UTF-8 bytes (called from its write callback, in order). */
  parsed(sessionId: string, output: string | Uint8Array): void;
}
export const TERMINAL_PROBE_GLOBAL = '__cockpitTerminalProbe';

export function installedProbe(): TerminalTestProbe | null {
  return ((globalThis as Record<string, unknown>)[TERMINAL_PROBE_GLOBAL] as TerminalTestProbe | undefined) ?? null;
}

