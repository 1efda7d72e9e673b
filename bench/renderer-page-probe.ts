/**
 * Reads the page's own figures as they are written, every one of them: the
 * dashboard writes `data-update-ms` once per host message (view/UpdateProbe.tsx)
 * and the risk chart `data-chart-update-ms` once per redraw. A MutationObserver
 * installed before the page loads catches each write, so no update is missed
 * or counted twice.
 *
 * The page's figure starts once the message is decoded from JSON. The whole
 * cost of a host message is taken here as well: from the moment the socket
 * hands the message to the page (this probe's listener is added before the
 * bridge's, so it runs first, and reading `data` there makes the browser's
 * own text decoding count) to the end of the commit it causes (the observer
 * runs right after the microtask in which React commits and runs its
 * effects): receive, JSON decode, delta decode and merge, selectors, render
 * and commit. Each update is tagged with the message's size and the
 * endpoints it carries, read after the clock stopped.
 */
import type { Page } from '@playwright/test';

export interface PageUpdate {
  /** `data-update-ms`: host message decoded and reaching the store, to the end of React's commit. */
  ms: number;
  /** The socket handing the message to the page, to the end of the commit it caused. */
  wholeMs: number;
  /** Size of the host message behind it, kB. */
  kb: number;
  /** The live endpoints the message carries (a delta names only those it updates). */
  endpoints: string[];
}

export interface PageFigures {
  updates: PageUpdate[];
  chartMs: number[];
}

interface Recorder {
  updates: PageUpdate[];
  chartMs: number[];
}

/** Call before `page.goto`. */
export async function recordPageFigures(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const rec: Recorder = { updates: [], chartMs: [] };
    (window as unknown as { pageFigures: Recorder }).pageFigures = rec;
    let last: { at: number; data: string } | null = null;
    const NAMES = ['health', 'status', 'positions', 'strategies', 'risk'];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        // Added before the bridge sets onmessage, so it runs first for each message.
        this.addEventListener('message', (e) => {
          const at = performance.now();
          const data: unknown = e.data;
          last = typeof data === 'string' ? { at, data } : null;
        });
      }
    };
    new MutationObserver((records) => {
      const end = performance.now();
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (r.attributeName === 'data-update-ms' && el.dataset.updateMs && last !== null) {
          const data = last.data;
          // The endpoints the message names, read without parsing it: an endpoint's view is an object under its
          // name (`"positions":{"…`); in the data, the books' rows are arrays (`"positions":[`), a status a string.
          // Inline, not a named helper: this function is sent to the page as source, without the bundler's helpers.
          const endpoints = NAMES.filter((n) => data.includes(`"${n}":{"`));
          rec.updates.push({ ms: Number(el.dataset.updateMs), wholeMs: end - last.at, kb: data.length / 1024, endpoints });
          last = null;
        }
        if (r.attributeName === 'data-chart-update-ms' && el.dataset.chartUpdateMs) rec.chartMs.push(Number(el.dataset.chartUpdateMs));
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-update-ms', 'data-chart-update-ms'] });
  });
}

/** How many figures were recorded so far, to read only the later ones with `readPageFigures`. */
export async function pageFigureMark(page: Page): Promise<{ updates: number; charts: number }> {
  return page.evaluate(() => {
    const rec = (window as unknown as { pageFigures: Recorder }).pageFigures;
    return { updates: rec.updates.length, charts: rec.chartMs.length };
  });
}

export async function readPageFigures(page: Page, since: { updates: number; charts: number }): Promise<PageFigures> {
  return page.evaluate((from) => {
    const rec = (window as unknown as { pageFigures: Recorder }).pageFigures;
    return { updates: rec.updates.slice(from.updates), chartMs: rec.chartMs.slice(from.charts) };
  }, since);
}
