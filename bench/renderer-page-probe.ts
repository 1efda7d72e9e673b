/**
 * Reads the page's own figures as they are written, every one of them: the
 * dashboard writes `data-update-ms` once per host message (view/UpdateProbe.tsx)
 * and the risk chart `data-chart-update-ms` once per redraw. A MutationObserver
 * installed before the page loads catches each write, so no update is missed
 * or counted twice, and each is tagged with the size of the host message
 * behind it: the positions answer is the big one (about 2 MB at 10,000
 * positions), the other endpoints a few kB.
 */
import type { Page } from '@playwright/test';

export interface PageUpdate {
  /** `data-update-ms`: host message reaching the store to the end of React's commit. */
  ms: number;
  /** Size of the host message behind it, kB. */
  kb: number;
}

export interface PageFigures {
  updates: PageUpdate[];
  chartMs: number[];
}

/** A host message at least this big carries the positions, kB (10,000 positions are about 2,000 kB; the next biggest, 1,000 strategies, about 185). */
export const POSITIONS_MESSAGE_KB = 1_000;

interface Recorder {
  updates: PageUpdate[];
  chartMs: number[];
}

/** Call before `page.goto`. */
export async function recordPageFigures(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const rec: Recorder = { updates: [], chartMs: [] };
    (window as unknown as { pageFigures: Recorder }).pageFigures = rec;
    let lastKb = 0;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        // Added before the bridge sets onmessage, so it runs first for each message.
        this.addEventListener('message', (e) => {
          lastKb = typeof e.data === 'string' ? e.data.length / 1024 : 0;
        });
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (r.attributeName === 'data-update-ms' && el.dataset.updateMs) rec.updates.push({ ms: Number(el.dataset.updateMs), kb: lastKb });
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
