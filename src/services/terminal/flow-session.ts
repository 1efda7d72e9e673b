/**
 * Wraps a producer into a TerminalSession: UTF-8 splitting, output batching,
 * flow control with pause/resume of the producer (one ledger per attached
 * viewer, paused on the slowest), a capped scrollback, and a visible
 * "session ended" line.
 */
import { randomUUID } from 'node:crypto';
import { FlowControl, type FlowLimits } from '../../core/terminal/flow-control.js';
import { sessionEndedNotice, type SessionExit } from '../../core/terminal/notices.js';
import { DEFAULT_SCROLLBACK_CHARS, ScrollbackBuffer } from '../../core/terminal/scrollback.js';
import { Utf8Splitter } from '../../core/terminal/utf8-splitter.js';
import { systemClock, type Clock } from '../clock.js';
import type { TerminalProducer, TerminalSession, TerminalViewer } from './session.js';

/**
 * Output that follows other output within this long (ms) is held up to this
 * long to coalesce the many small reads of a busy program into one message
 * to the renderer (VS Code's TerminalDataBufferer holds every chunk 5 ms).
 * Output after a quiet spell, such as a keystroke's echo, goes out at once:
 * holding it was 5 of the ~16 ms an echo took at an idle prompt, measured
 * in the browser host.
 */
export const OUTPUT_BATCH_MS = 5;
/**
 * A batch is sent at once when it reaches this many characters, whatever
 * the timer, or a quarter of the window when that is less (a window of
 * 4 MB and more sends whole 1 MiB batches): the message size of the bench's
 * best ceiling. Measured with an 8 MB window, 1 MiB messages carried the
 * `cat` at 65-73% of the ceiling where 64 KiB carried 52-56%: fewer frames
 * to send, receive and hand to xterm.js.
 */
export const OUTPUT_BATCH_MAX_CHARS = 1024 * 1024;

export interface FlowSessionOptions {
  id?: string;
  title: string;
  scrollbackChars?: number;
  /** Sees every output chunk (a transcript recorder). */
  tap?: (chunk: string) => void;
  /** Text shown first, before any output (e.g. the recording notice). */
  banner?: string;
  /** Times output and acknowledgements for the flow-control window; the system clock by default. */
  clock?: Pick<Clock, 'monotonic'>;
  /** Overrides of the flow-control window (tests). */
  flowLimits?: Partial<FlowLimits>;
}

export function createFlowSession(producer: TerminalProducer, options: FlowSessionOptions): TerminalSession {
  const id = options.id ?? randomUUID();
  const clock = options.clock ?? systemClock;
  const splitter = new Utf8Splitter();
  const decoder = new TextDecoder();
  const scrollback = new ScrollbackBuffer(options.scrollbackChars ?? DEFAULT_SCROLLBACK_CHARS);
  /** One acknowledgement ledger per attached viewer, each with its own window. */
  const viewers = new Map<TerminalViewer, { listener: (chunk: string) => void; flow: FlowControl }>();
  const exitListeners = new Set<(exit: SessionExit) => void>();
  let batch: string[] = [];
  let batchChars = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let exit: SessionExit | null = null;
  /** When the latest batch went out, monotonic ms. */
  let lastFlushAt = -Infinity;
  /** A viewer has attached at least once. */
  let watched = false;
  /** What the producer was last told: paused while any viewer's window is full. */
  let producerPaused = false;

  /** Pauses the producer on the slowest viewer, resumes it once none is over its window. */
  const settle = () => {
    let paused = false;
    for (const { flow } of viewers.values()) paused ||= flow.isPaused;
    if (paused === producerPaused) return;
    producerPaused = paused;
    if (paused) producer.pause();
    else producer.resume();
  };

  /** The smallest window among the viewers, bytes: batches are sized for the slowest. */
  const smallestWindow = () => {
    let smallest = Infinity;
    for (const { flow } of viewers.values()) smallest = Math.min(smallest, flow.window);
    return smallest;
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    // Until the first viewer attaches, what came (the banner, a first prompt) waits for it.
    if (batchChars === 0 || !watched) return;
    lastFlushAt = clock.monotonic();
    const chunk = batch.length === 1 ? batch[0]! : batch.join('');
    batch = [];
    batchChars = 0;
    for (const { listener } of viewers.values()) listener(chunk);
  };

  const emit = (text: string) => {
    if (text.length === 0) return;
    scrollback.append(text);
    options.tap?.(text);
    batch.push(text);
    batchChars += text.length;
    // Nobody watching: keep the scrollback, hold nothing against any window.
    // Counted in UTF-8 bytes, as the renderer acknowledges (src/contract/terminal.ts).
    if (viewers.size > 0) {
      const bytes = Buffer.byteLength(text, 'utf8');
      const now = clock.monotonic();
      for (const { flow } of viewers.values()) flow.sent(bytes, now);
      settle();
    }
    // A paused producer sends nothing more to coalesce, a batch of a quarter
    // window keeps several messages in flight per round trip, and output
    // after a quiet spell has nothing to wait for.
    const quiet = timer === null && clock.monotonic() - lastFlushAt >= OUTPUT_BATCH_MS;
    if (quiet || producerPaused || batchChars >= Math.min(OUTPUT_BATCH_MAX_CHARS, smallestWindow() / 4)) flush();
    else timer ??= setTimeout(flush, OUTPUT_BATCH_MS);
  };

  if (options.banner) emit(options.banner);

  producer.onData((data) => {
    if (exit) return;
    emit(typeof data === 'string' ? data : decoder.decode(splitter.push(data)));
  });

  producer.onExit((how) => {
    if (exit) return;
    // A truncated last character is shown as U+FFFD rather than dropped.
    const tail = splitter.flush();
    if (tail.length) emit(decoder.decode(tail));
    emit(sessionEndedNotice(how));
    flush();
    exit = how;
    for (const listener of exitListeners) listener(how);
    exitListeners.clear();
  });

  return {
    id,
    title: options.title,
    get exit() {
      return exit;
    },
    write(data) {
      if (exit) return;
      producer.write(data);
      // Input comes first for every viewer: each one's window makes room for the echo.
      const now = clock.monotonic();
      for (const { flow } of viewers.values()) {
        flow.typed(now);
        // Enter: a `cat` started this way must not spend its first second in the typing window.
        if (data.includes('\r')) flow.lineSubmitted();
      }
      settle();
    },
    resize(cols, rows) {
      if (exit) return;
      if (!(Number.isInteger(cols) && Number.isInteger(rows) && cols > 0 && rows > 0)) {
        throw new Error(`terminal size must be positive integers, got ${cols}x${rows}`);
      }
      producer.resize(cols, rows);
    },
    attachViewer(listener) {
      const viewer: TerminalViewer = {
        ack(bytes) {
          const ledger = viewers.get(viewer);
          if (!ledger || !(Number.isFinite(bytes) && bytes > 0)) return;
          ledger.flow.acknowledged(bytes, clock.monotonic());
          settle();
        },
        detach() {
          // The viewer left: nobody will acknowledge what it has in flight.
          if (viewers.delete(viewer)) settle();
        },
      };
      viewers.set(viewer, { listener, flow: new FlowControl(options.flowLimits) });
      if (!watched) {
        watched = true;
        if (batchChars > 0) timer ??= setTimeout(flush, 0);
      }
      return viewer;
    },
    onExit(listener) {
      if (exit) {
        const done = exit;
        queueMicrotask(() => listener(done));
        return () => {};
      }
      exitListeners.add(listener);
      return () => exitListeners.delete(listener);
    },
    kill() {
      if (!exit) producer.kill();
    },
    scrollback: () => scrollback.text(),
  };
}
