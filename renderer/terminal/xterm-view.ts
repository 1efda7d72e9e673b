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
import { installedProbe } from './terminal-probe.js';
import type { TerminalRouter } from './terminal-router.js';

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
  /** Called when the view wants the command palette (Ctrl/Cmd+K inside the terminal). */
  onPaletteKey(): void;
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
  private readonly acks = new AckCounter();
  private readonly disposers: (() => void)[] = [];
  private element: HTMLElement | null = null;
  private size = { cols: 0, rows: 0 };
  private ended = false;
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
    this.useWebgl();
    this.probe?.opened(this.options.sessionId, { visibleText: () => this.visibleText() });
    this.disposers.push(
      this.options.router.attach(this.options.sessionId, {
        data: (text) => this.write(text),
        exit: (exit) => this.markEnded(exit),
      }),
    );
    const observer = new ResizeObserver(() => this.refit());
    observer.observe(element);
    this.disposers.push(() => observer.disconnect());
    this.refit();
  }

  /**
   * Replays output the host kept (a reattached view), before live output.
   * The host did not count it against this view's window, so it is not acknowledged.
   */
  replay(scrollback: string): void {
    if (!scrollback) return;
    this.acks.replaying(utf8ByteLength(scrollback));
    this.write(scrollback);
  }

  /** Types text at the prompt as if the engineer had typed it; nothing is submitted unless it holds a newline. */
  type(text: string): void {
    this.send(text);
    this.terminal.focus();
  }

  focus(): void {
    this.terminal.focus();
  }

  refit(): void {
    if (!this.element || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    this.fit.fit();
    const cols = Math.min(this.terminal.cols, TERMINAL_MAX_COLS);
    const rows = Math.min(this.terminal.rows, TERMINAL_MAX_ROWS);
    if (cols === this.size.cols && rows === this.size.rows) return;
    this.size = { cols, rows };
    if (!this.ended) void this.options.host.call('terminal.resize', { sessionId: this.options.sessionId, cols, rows });
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
    this.probe?.parsed(this.options.sessionId, output);
    const bytes = typeof output === 'string' ? utf8ByteLength(output) : output.byteLength;
    this.rendered += bytes;
    this.showRendered();
    const due = this.acks.rendered(bytes, this.waiting.length === 0);
    if (due > 0 && !this.ended) void this.options.host.call('terminal.ack', { sessionId: this.options.sessionId, chars: due });
    this.writing = false;
    const next = takeNextWrite(this.waiting);
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

  private markEnded(exit: TerminalExit): void {
    this.ended = true;
    this.terminal.options.cursorBlink = false;
    if (this.element) this.element.dataset.ended = exit.signal ?? String(exit.code ?? '');
  }

  private send(data: string): void {
    if (this.ended) return;
    for (const chunk of inputChunks(data)) void this.options.host.call('terminal.input', { sessionId: this.options.sessionId, data: chunk });
  }

  /** Keys the cockpit takes before xterm.js: false means xterm.js does not see the key. */
  private onKey(event: KeyboardEvent): boolean {
    if (event.type !== 'keydown') return true;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (mod && !event.shiftKey && !event.altKey && key === 'k') {
      event.preventDefault();
      this.options.onPaletteKey();
      return false;
    }
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
