/**
 * Reading a terminal in the page. xterm.js may draw with WebGL (no text in
 * the DOM), so the suites read the rows from xterm.js's own buffer through
 * the terminal view's test probe, installed before the page loads.
 */
import type { Page } from '@playwright/test';
import { TERMINAL_PROBE_GLOBAL } from '../../renderer/terminal/terminal-probe.js';

/** Runs in the page before its scripts: keep each terminal view's reader, by session. */
function installProbe(probeGlobal: string) {
  const views: Record<string, { visibleText(): string }> = {};
  (window as unknown as Record<string, unknown>)[probeGlobal] = {
    opened: (sessionId: string, view: { visibleText(): string }) => (views[sessionId] = view),
    parsed: () => {},
  };
  (window as unknown as { terminalViews: typeof views }).terminalViews = views;
}

/** Call before `page.goto`. */
export async function watchTerminals(page: Page): Promise<void> {
  await page.addInitScript(installProbe, TERMINAL_PROBE_GLOBAL);
}

/** The visible rows of the active terminal, one line each, as xterm.js holds them. */
export async function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const id = document.querySelector<HTMLElement>('.terminal-pane:not([hidden])')?.dataset.sessionId;
    const views = (window as unknown as { terminalViews: Record<string, { visibleText(): string }> }).terminalViews;
    return id && views[id] ? views[id].visibleText() : '';
  });
}
