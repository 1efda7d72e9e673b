/**
 * Wraps a producer into a TerminalSession: UTF-8 splitting, output batching,
 * flow control with pause/resume of the producer, a capped scrollback, and a
 * visible "session ended" line.
 */
import { randomUUID } from 'node:crypto';
import { FlowControl, type FlowAction, type FlowLimits } from '../../core/terminal/flow-control.js';
import { sessionEndedNotice, type SessionExit } from '../../core/terminal/notices.js';
import { DEFAULT_SCROLLBACK_CHARS, ScrollbackBuffer } from '../../core/terminal/scrollback.js';
import { Utf8Splitter } from '../../core/terminal/utf8-splitter.js';
import { systemClock, type Clock } from '../clock.js';
import type { TerminalProducer, TerminalSession } from './session.js';

/**
 * Output that follows other output within this long (ms) is held up to this
 * long to coalesce the many small reads of a busy program into one message
 * to the renderer (VS Code's TerminalDataBufferer holds every chunk 5 ms).
 * Output after a quiet spell, such as a keystroke's echo, goes out at once:
 * holding it was 5 of the ~16 ms an echo took at an idle prompt, measured
 * in the browser host.
 */
export const OUTPUT_BATCH_MS = 5;
/** A batch is sent at once when it reaches this many characters, whatever the timer. */
export const OUTPUT_BATCH_MAX_CHARS = 64 * 1024;

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
  const flow = new FlowControl(options.flowLimits);
  const splitter = new Utf8Splitter();
  const decoder = new TextDecoder();
  const scrollback = new ScrollbackBuffer(options.scrollbackChars ?? DEFAULT_SCROLLBACK_CHARS);
  const dataListeners = new Set<(chunk: string) => void>();
  const exitListeners = new Set<(exit: SessionExit) => void>();
  let batch: string[] = [];
  let batchChars = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let exit: SessionExit | null = null;
  /** When the latest batch went out, monotonic ms. */
  let lastFlushAt = -Infinity;
  /** A viewer has attached at least once. */
  let watched = false;

  const apply = (action: FlowAction) => {
    if (action === 'pause') producer.pause();
    else if (action === 'resume') producer.resume();
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
    for (const listener of dataListeners) listener(chunk);
  };

  const emit = (text: string) => {
    if (text.length === 0) return;
    scrollback.append(text);
    options.tap?.(text);
    batch.push(text);
    batchChars += text.length;
    // Nobody watching: keep the scrollback, hold nothing against the window.
    // Counted in UTF-8 bytes, as the renderer acknowledges (src/contract/terminal.ts).
    if (dataListeners.size > 0) apply(flow.sent(Buffer.byteLength(text, 'utf8'), clock.monotonic()));
    // A paused producer sends nothing more to coalesce, a batch of a quarter
    // window keeps several messages in flight per round trip, and output
    // after a quiet spell has nothing to wait for.
    const quiet = timer === null && clock.monotonic() - lastFlushAt >= OUTPUT_BATCH_MS;
    if (quiet || flow.isPaused || batchChars >= Math.min(OUTPUT_BATCH_MAX_CHARS, flow.window / 4)) flush();
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
      // Only while someone watches: nobody acknowledges output otherwise.
      if (dataListeners.size === 0) return;
      apply(flow.typed(clock.monotonic()));
      // Enter: a `cat` started this way must not spend its first second in the typing window.
      if (data.includes('\r')) flow.lineSubmitted();
    },
    resize(cols, rows) {
      if (exit) return;
      if (!(Number.isInteger(cols) && Number.isInteger(rows) && cols > 0 && rows > 0)) {
        throw new Error(`terminal size must be positive integers, got ${cols}x${rows}`);
      }
      producer.resize(cols, rows);
    },
    onData(listener) {
      dataListeners.add(listener);
      if (!watched) {
        watched = true;
        if (batchChars > 0) timer ??= setTimeout(flush, 0);
      }
      return () => {
        if (!dataListeners.delete(listener)) return;
        // The last viewer left: nobody will ack what is in flight.
        if (dataListeners.size === 0) apply(flow.reset());
      };
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
    ack(chars) {
      if (Number.isFinite(chars) && chars > 0) apply(flow.acknowledged(chars, clock.monotonic()));
    },
    kill() {
      if (!exit) producer.kill();
    },
    scrollback: () => scrollback.text(),
  };
}
