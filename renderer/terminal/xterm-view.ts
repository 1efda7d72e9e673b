/**
 * One session's xterm.js terminal: rendering (WebGL on a hardware GPU, the
 * DOM renderer otherwise or when the WebGL context is lost), fit to its
 * box, search, clickable links, copy and paste, and the renderer's half of
 * flow control: output is acknowledged to the host only once xterm.js has
 * parsed it (its write callback), in steps of CHAR_COUNT_ACK_SIZE UTF-8 bytes,
 * and whole once nothing else waits to be parsed.
 */
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { CockpitHost } from '../../src/contract/host.js';
import { TERMINAL_INPUT_MAX_CHARS, TERMINAL_MAX_COLS, TERMINAL_MAX_ROWS, type TerminalExit } from '../../src/contract/terminal.js';
import { AckCounter } from '../../src/core/terminal/flow-control.js';
import { utf8ByteLength } from '../../src/core/terminal/output-frame.js';
import { takeNextWrite, type TerminalOutput } from './output-queue.js';
import { skipEmptySelectionRedraws } from './selection-redraw.js';
import { isCockpitKey } from './skip-shell.js';
import { terminalOutput } from './terminal-activity.js';
import { installedProbe } from './terminal-probe.js';
import type { TerminalRouter } from './terminal-router.js';

/**
 * Most output handed to xterm.js in one write, UTF-8 bytes (code units for
 * text): xterm.js parses a write whole, in one task of the page's thread,
 * so what waits is joined only up to this (the ceiling's message size, a
 * few tens of ms of parsing) and the page keeps painting and taking keys
 * while the host's window is in flight.
 */
export const WRITE_MAX_BYTES = 1024 * 1024;

export interface XtermViewOptions {
  host: Pick<CockpitHost, 'call'>;
  router: TerminalRouter;
  sessionId: string;
  scrollbackLines: number;
  /**
   * xterm.js's screen-reader mode: mirrors the rows into an accessibility
   * tree and announces new output. Off unless asked for, because it fires
   * an event per printed character: measured in Chromium, it cuts xterm.js's
   * parse rate from ~50 to ~22 MB/s (DOM renderer, 65 KB writes).
   */
  screenReaderMode?: boolean;
  /**
   * Input the view refused because its session is dead (ended, gone, or the
   * host link is down); the view has said so in the terminal. Enter in an
   * ended session asks for a new one (`wantsRestart`).
   */
  onRefusedInput(wantsRestart: boolean): void;
}

/** Why typing goes nowhere, shown once in the terminal; null while the session is live. */
export type DeadReason = { kind: 'ended'; text: string } | { kind: 'link_down' } | { kind: 'reconnecting' } | null;

const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** The line a refused keystroke writes into the terminal (never sent anywhere). */
export function refusedInputNotice(reason: Exclude<DeadReason, null>): string {
  const text =
    reason.kind === 'link_down'
      ? 'host link down — nothing typed is sent; the tab re-attaches when the cockpit is back'
      : reason.kind === 'reconnecting'
        ? 'connection to the host lost — nothing typed is sent until it is back'
        : `${reason.text} — nothing typed is sent; press Enter to start it again, or close the tab`;
  return `\r\n${DIM}[${text}]${RESET}\r\n`;
}

/**
 * Renderer names of WebGL implemented on the CPU (Chromium's SwiftShader,
 * Mesa's llvmpipe/softpipe, Windows' WARP). There, xterm.js's WebGL
 * renderer costs more than its DOM renderer: measured in Chromium with
 * --disable-gpu, 18 MB/s parsed against ~50 MB/s with the DOM renderer.
 */
export function isSoftwareWebgl(rendererName: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|microsoft basic render|\bwarp\b/i.test(rendererName);
}

/** The WebGL2 renderer's name, or null when there is no WebGL2 here. */
function webglRendererName(): string | null {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

/** Splits text into pieces the contract accepts, never between the halves of a surrogate pair. */
export function inputChunks(text: string, max = TERMINAL_INPUT_MAX_CHARS): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + max, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

export class XtermView {
  readonly terminal: Terminal;
  readonly search = new SearchAddon();
  private readonly fit = new FitAddon();
  private acks = new AckCounter();
  private readonly disposers: (() => void)[] = [];
  private element: HTMLElement | null = null;
  /** focus() came before open(). */
  private focusOnOpen = false;
  private size = { cols: 0, rows: 0 };
  private ended = false;
  /** The session this view shows now; a restart in the same tab moves it to a new one. */
  private sessionId: string;
  private detachRouter: () => void = () => {};
  private dead: DeadReason = null;
  /** The refusal for the current dead state was written already. */
  private refusalShown = false;
  /** UTF-8 bytes xterm.js has parsed, written to the element as `data-chars-rendered` (read by the benchmark). */
  private rendered = 0;
  private renderedShown = 0;
  private frame = 0;
  private readonly probe = installedProbe();
  /** A write is with xterm.js and its callback has not run yet. */
  private writing = false;
  /** Output that arrived meanwhile, written as one when it has. */
  private readonly waiting: TerminalOutput[] = [];

  constructor(private readonly options: XtermViewOptions) {
    this.sessionId = options.sessionId;
    this.terminal = new Terminal({
      scrollback: options.scrollbackLines,
      fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace",
      fontSize: 13,
      cursorBlink: true,
      allowProposedApi: false,
      screenReaderMode: options.screenReaderMode ?? false,
      theme: { background: '#0b0f14', foreground: '#d6dde6', selectionBackground: '#2f4a6a' },
    });
    this.terminal.loadAddon(this.fit);
    this.terminal.loadAddon(this.search);
    this.terminal.loadAddon(new WebLinksAddon((event, uri) => {
      event.preventDefault();
      window.open(uri, '_blank', 'noopener,noreferrer');
    }));
    this.terminal.attachCustomKeyEventHandler((event) => this.onKey(event));
    const input = this.terminal.onData((data) => this.send(data));
    this.disposers.push(() => input.dispose());
  }

  /** Mounts into `element` and starts following the session's output. */
  open(element: HTMLElement): void {
    this.element = element;
    this.terminal.open(element);
    // The render service exists once the terminal is open.
    skipEmptySelectionRedraws(this.terminal);
    this.useWebgl();
    this.follow();
    this.disposers.push(() => this.detachRouter());
    const observer = new ResizeObserver(() => this.refit());
    observer.observe(element);
    this.disposers.push(() => observer.disconnect());
    this.refit();
    if (this.focusOnOpen) this.terminal.focus();
  }

  /**
   * Replays output the host kept (a reattached view), before live output.
   * The host did not count it against this view's window, so it is not
   * acknowledged. `fresh` clears what the view shows first (a view that
   * re-attaches after the host link was down holds an older copy).
   */
  replay(scrollback: string, fresh = false): void {
    if (fresh) {
      this.terminal.reset();
      this.waiting.length = 0;
      this.acks = new AckCounter();
    }
    if (!scrollback) return;
    this.acks.replaying(utf8ByteLength(scrollback));
    this.write(scrollback);
  }

  /**
   * The tab's session was started again: follow `sessionId` from now on.
   * An SSH session keeps what the view shows (as after a dropped link); a
   * local shell starts on a clean screen (`clear`).
   */
  restartedAs(sessionId: string, clear: boolean): void {
    this.detachRouter();
    this.sessionId = sessionId;
    this.ended = false;
    this.setDead(null);
    this.acks = new AckCounter();
    this.terminal.options.cursorBlink = true;
    if (this.element) delete this.element.dataset.ended;
    if (clear) this.terminal.reset();
    this.size = { cols: 0, rows: 0 };
    if (this.element) this.follow();
    this.refit();
  }

  /** Why typing goes nowhere now (ended, the host link down), or null once live again. */
  setDead(reason: DeadReason): void {
    if (reason?.kind !== this.dead?.kind) this.refusalShown = false;
    // Said once, where the engineer looks: how to get a shell back.
    if (reason?.kind === 'ended' && this.dead?.kind !== 'ended') this.terminal.write(`\r\n${DIM}[${reason.text} — press Enter to start it again, or close the tab]${RESET}\r\n`);
    this.dead = reason;
  }

  /** Types text at the prompt as if the engineer had typed it; nothing is submitted unless it holds a newline. */
  type(text: string): void {
    this.send(text);
    this.terminal.focus();
  }

  focus(): void {
    this.terminal.focus();
  }

  /**
   * Focus asked for by the engineer (Ctrl+`): a view not open yet (a
   * reattached tab replays the host's scrollback first) takes it once it
   * opens. A view that opens on its own, after a reload, never takes the
   * focus: keys meant for the page must not land in a shell.
   */
  focusWhenOpen(): void {
    this.focusOnOpen = this.element === null;
    this.terminal.focus();
  }

  refit(): void {
    if (!this.element || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    this.fit.fit();
    const cols = Math.min(this.terminal.cols, TERMINAL_MAX_COLS);
    const rows = Math.min(this.terminal.rows, TERMINAL_MAX_ROWS);
    if (cols === this.size.cols && rows === this.size.rows) return;
    this.size = { cols, rows };
    if (!this.ended) void this.options.host.call('terminal.resize', { sessionId: this.sessionId, cols, rows });
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    cancelAnimationFrame(this.frame);
    this.terminal.dispose();
  }

  /** The rows on screen as text, one line each, trailing blanks trimmed. */
  visibleText(): string {
    const buffer = this.terminal.buffer.active;
    const rows: string[] = [];
    for (let y = buffer.viewportY; y < buffer.viewportY + this.terminal.rows; y++) rows.push(buffer.getLine(y)?.translateToString(true) ?? '');
    return rows.join('\n');
  }

  /**
   * Hands output to xterm.js, one write in flight at a time: what arrives
   * while xterm.js is still parsing the previous write waits here and goes
   * in as one write when that one is parsed, so a flood costs one write
   * callback and one acknowledgement per parse slice rather than per message.
   * Output arriving when xterm.js is idle (an echo) is written at once.
   */
  private write(output: TerminalOutput): void {
    if (this.writing) {
      this.waiting.push(output);
      return;
    }
    this.writing = true;
    this.terminal.write(output, () => this.parsed(output));
  }

  /** Acknowledged in UTF-8 bytes, the unit the host's flow control counts. */
  private parsed(output: TerminalOutput): void {
    this.probe?.parsed(this.sessionId, output);
    const bytes = typeof output === 'string' ? utf8ByteLength(output) : output.byteLength;
    this.rendered += bytes;
    terminalOutput.record(bytes, performance.now());
    this.showRendered();
    const due = this.acks.rendered(bytes, this.waiting.length === 0);
    if (due > 0 && !this.ended) void this.options.host.call('terminal.ack', { sessionId: this.sessionId, chars: due });
    this.writing = false;
    const next = takeNextWrite(this.waiting, WRITE_MAX_BYTES);
    if (next !== null) this.write(next);
  }

  private showRendered(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.element && this.rendered !== this.renderedShown) {
        this.renderedShown = this.rendered;
        this.element.dataset.charsRendered = String(this.rendered);
      }
    });
  }

  private follow(): void {
    this.probe?.opened(this.sessionId, { visibleText: () => this.visibleText() });
    if (this.element) this.element.dataset.sessionId = this.sessionId;
    this.detachRouter = this.options.router.attach(this.sessionId, {
      data: (text) => this.write(text),
      exit: (exit) => this.markEnded(exit),
    });
  }

  private markEnded(exit: TerminalExit): void {
    this.ended = true;
    this.terminal.options.cursorBlink = false;
    if (this.element) this.element.dataset.ended = exit.signal ?? String(exit.code ?? '');
  }

  private send(data: string): void {
    const dead = this.dead ?? (this.ended ? ({ kind: 'ended', text: 'this session has ended' } as const) : null);
    if (dead) {
      if (!this.refusalShown) this.terminal.write(refusedInputNotice(dead));
      this.refusalShown = true;
      this.options.onRefusedInput(dead.kind === 'ended' && data.includes('\r'));
      return;
    }
    for (const chunk of inputChunks(data)) void this.options.host.call('terminal.input', { sessionId: this.sessionId, data: chunk });
  }

  /** Keys the cockpit takes before xterm.js: false means xterm.js does not see the key. */
  private onKey(event: KeyboardEvent): boolean {
    if (event.type !== 'keydown') return true;
    // The cockpit's own keys (skip-shell.ts) bubble to the page's handlers untouched.
    if (isCockpitKey(event)) return false;
    const key = event.key.toLowerCase();
    // Ctrl+Shift+C / Ctrl+Shift+V as in most Linux terminals (Ctrl+C stays the interrupt);
    // Cmd+C / Cmd+V on a Mac are the browser's own copy and paste, which xterm.js handles.
    if (event.ctrlKey && event.shiftKey && key === 'c') {
      const selection = this.terminal.getSelection();
      if (selection) void navigator.clipboard?.writeText(selection);
      event.preventDefault();
      return false;
    }
    if (event.ctrlKey && event.shiftKey && key === 'v') {
      void navigator.clipboard?.readText().then((text) => text && this.terminal.paste(text));
      event.preventDefault();
      return false;
    }
    return true;
  }

  private useWebgl(): void {
    const name = webglRendererName();
    if (name === null || isSoftwareWebgl(name)) {
      if (this.element) this.element.dataset.renderer = 'dom';
      return;
    }
    try {
      const webgl = new WebglAddon();
      // A lost GPU context (driver reset, too many contexts) would leave a
      // blank terminal; dropping the addon returns xterm.js to its DOM renderer.
      const lost = webgl.onContextLoss(() => webgl.dispose());
      this.terminal.loadAddon(webgl);
      this.disposers.push(() => lost.dispose());
      if (this.element) this.element.dataset.renderer = 'webgl';
      webgl.onContextLoss(() => this.element && (this.element.dataset.renderer = 'dom'));
    } catch {
      // No WebGL2 here (software rendering, a blocked GPU): the DOM renderer draws.
      if (this.element) this.element.dataset.renderer = 'dom';
    }
  }
}
