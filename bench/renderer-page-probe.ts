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
 *
 * On a shared machine that wall time also holds whatever the OS ran instead
 * of the page. Each message therefore also leaves a user-timing mark
 * (`cockpit-msg-N`, cleared at once: only a trace keeps it), so that a
 * Chromium trace taken meanwhile (`pageCpuMs`) finds the task that handled
 * it and reads that task's thread time: the page's own CPU for the message,
 * its JSON decode, merge and the React commit in its microtasks included.
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
  /** Number of the message on the page's socket, in its mark `cockpit-msg-N`. */
  message: number;
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
    let last: { at: number; data: string; message: number } | null = null;
    let messages = 0;
    const NAMES = ['health', 'status', 'positions', 'strategies', 'risk'];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        // Added before the bridge sets onmessage, so it runs first for each message.
        this.addEventListener('message', (e) => {
          const at = performance.now();
          const message = messages++;
          performance.mark(`cockpit-msg-${message}`);
          performance.clearMarks(`cockpit-msg-${message}`);
          const data: unknown = e.data;
          last = typeof data === 'string' ? { at, data, message } : null;
        });
      }
    };
    new MutationObserver((records) => {
      const end = performance.now();
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (r.attributeName === 'data-update-ms' && el.dataset.updateMs && last !== null) {
          const { data, message } = last;
          const update: PageUpdate = { ms: Number(el.dataset.updateMs), wholeMs: end - last.at, kb: data.length / 1024, endpoints: [], message };
          rec.updates.push(update);
          // The endpoints the message names, read without parsing it: an endpoint's view is an object under its
          // name (`"positions":{"…`); in the data, the books' rows are arrays (`"positions":[`), a status a string.
          // In a task of its own, so that scanning a large message counts in neither figure of the message.
          // Inline, not a named helper: this function is sent to the page as source, without the bundler's helpers.
          setTimeout(() => {
            update.endpoints = NAMES.filter((n) => data.includes(`"${n}":{"`));
          }, 0);
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

/** The trace categories `pageCpuMs` reads: every task with its thread time, and the marks. */
export const PAGE_TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/**
 * The page's thread time for each message, ms, by message number, from a
 * trace with PAGE_TRACE_CATEGORIES: the thread time of the outermost task
 * on the page's main thread that holds the message's mark.
 */
export function pageCpuMs(trace: Buffer | string): Map<number, number> {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const tasks = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.cat !== 'toplevel' || e.dur === undefined || e.tdur === undefined) continue;
    const thread = `${e.pid}:${e.tid}`;
    let list = tasks.get(thread);
    if (!list) tasks.set(thread, (list = []));
    list.push(e);
  }
  const out = new Map<number, number>();
  for (const e of events) {
    const m = /^cockpit-msg-(\d+)$/.exec(e.name);
    if (!m || e.cat !== 'blink.user_timing') continue;
    let outer: TraceEvent | null = null;
    for (const t of tasks.get(`${e.pid}:${e.tid}`) ?? []) {
      if (t.ts <= e.ts && e.ts <= t.ts + t.dur! && (outer === null || t.dur! > outer.dur!)) outer = t;
    }
    if (outer) out.set(Number(m[1]), outer.tdur! / 1000);
  }
  return out;
}
