/**
 * What this machine's Chromium can carry into a terminal at all, with
 * nothing of the cockpit in between, so the terminal bench's figure can be
 * read against it. The same 100 MB of base64 goes into the same xterm.js
 * (same version, options, 202x26 grid and 10,000 lines of scrollback as a
 * cockpit pane in the terminal bench), in the same Chromium configuration,
 * four ways:
 *
 * - xterm.js alone: the text is already in the page and is written in
 *   64 KiB chunks, at most 1 MB not yet parsed.
 * - `cat` in a node-pty, its output sent over a WebSocket as it comes, in
 *   binary messages of up to 64 KiB (or what 5 ms gathered), acknowledged
 *   per message, the pty paused above 1 MB unacknowledged: the cockpit's
 *   message size and window before it took the next way's.
 * - the same with 1 MiB messages and 8 MB in flight: the cockpit's
 *   message size and largest window (src/services/terminal/flow-session.ts,
 *   src/core/terminal/flow-control.ts), without its typing window, which
 *   keeps a keystroke's echo from queueing behind the 8 MB, its adaptive
 *   window, React or anything else; the upper bound of the pipeline on
 *   this machine.
 * - 64 KiB messages with the same 8 MB in flight: when the two cores are
 *   crowded the window, not the message size, is what the pipe needs
 *   (measured alternately at a load average of 15: 64 KiB with 8 MB
 *   carried 9.4 and 12.2 MB/s where 1 MiB with 8 MB carried 7.1 and 8.0,
 *   and either size with 1 MB 5.2 to 6.2), so there this way is the best;
 *   at a load average of 7 the 1 MiB way led (15.4 against 11.4 MB/s).
 *
 * The page counts the bytes xterm.js has parsed (its write callbacks) and
 * stops the clock when all of them are in. Its terminal skips xterm.js's
 * redraws of an empty selection, with the cockpit's own module
 * (renderer/terminal/selection-redraw.ts), so the ceiling is the best this
 * xterm.js does, as the cockpit runs it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as pty from 'node-pty';
import { transformSync } from 'esbuild';
import { WebSocketServer } from 'ws';
import { disabledFeaturesValue } from '../src/host/chromium-features.js';
import { CHROMIUM_ARGS } from '../test/e2e/playwright.config.js';
import { launchBareChromium } from './bare-chromium.js';
import type { BenchFigure } from './figure.js';
import { writeFloodFile } from './flood-file.js';

const FLOOD_TIMEOUT_MS = 180_000;
/** The host gathers output this long before sending what it has, ms (the cockpit's OUTPUT_BATCH_MS). */
const GATHER_MS = 5;

interface Way {
  name: string;
  mode: 'memory' | 'socket';
  /** Largest message (socket) or write (memory), bytes. */
  chunk: number;
  /** Most unacknowledged (socket) or unparsed (memory), bytes. */
  inFlight: number;
}

const WAYS: Way[] = [
  { name: 'terminal ceiling: xterm.js alone, the text already in the page', mode: 'memory', chunk: 64 * 1024, inFlight: 1_000_000 },
  { name: 'terminal ceiling: pty, WebSocket, xterm.js; 64 KiB messages, 1 MB in flight', mode: 'socket', chunk: 64 * 1024, inFlight: 1_000_000 },
  { name: 'terminal ceiling: pty, WebSocket, xterm.js; 1 MiB messages, 8 MB in flight', mode: 'socket', chunk: 1024 * 1024, inFlight: 8_000_000 },
  { name: 'terminal ceiling: pty, WebSocket, xterm.js; 64 KiB messages, 8 MB in flight', mode: 'socket', chunk: 64 * 1024, inFlight: 8_000_000 },
];

/** The page: xterm.js as the cockpit configures it, fed from memory or the socket, per the query string. */
const PAGE = `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/xterm.css">
<body style="margin:0;background:#0b0f14"><div id="t"></div><script type="module">
import { Terminal } from '/xterm.mjs';
import { skipEmptySelectionRedraws } from '/selection-redraw.mjs';
const q = new URLSearchParams(location.search);
const [mode, chunk, inFlight, total] = [q.get('mode'), +q.get('chunk'), +q.get('inFlight'), +q.get('total')];
const term = new Terminal({ cols: 202, rows: 26, scrollback: 10000, fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace",
  fontSize: 13, cursorBlink: true, theme: { background: '#0b0f14', foreground: '#d6dde6', selectionBackground: '#2f4a6a' } });
term.open(document.getElementById('t'));
skipEmptySelectionRedraws(term);
let parsed = 0, startedAt = 0;
const done = (n) => { parsed += n; if (parsed >= total) window.ceiling = { ms: performance.now() - startedAt, parsed }; };
if (mode === 'memory') {
  const text = new Uint8Array(await (await fetch('/flood')).arrayBuffer());
  let written = 0;
  const pump = () => {
    while (written < text.length && written - parsed < inFlight) {
      const part = text.subarray(written, written + chunk);
      written += part.length;
      term.write(part, () => { done(part.length); pump(); });
    }
  };
  startedAt = performance.now();
  pump();
} else {
  const socket = new WebSocket('ws://' + location.host + '/pty?' + q);
  socket.binaryType = 'arraybuffer';
  socket.onmessage = (e) => {
    const part = new Uint8Array(e.data);
    if (!startedAt) startedAt = performance.now();
    term.write(part, () => { socket.send(String(part.length)); done(part.length); });
  };
}
window.ready = true;
</script>`;

function serve(floodPath: string): Promise<Server> {
  const xtermLib = dirname(fileURLToPath(import.meta.resolve('@xterm/xterm')));
  const files: Record<string, [string, string]> = {
    '/xterm.mjs': [join(xtermLib, 'xterm.mjs'), 'text/javascript'],
    '/xterm.css': [join(xtermLib, '..', 'css', 'xterm.css'), 'text/css'],
    '/flood': [floodPath, 'application/octet-stream'],
  };
  const selectionRedraw = transformSync(readFileSync(fileURLToPath(new URL('../renderer/terminal/selection-redraw.ts', import.meta.url)), 'utf8'), {
    loader: 'ts',
    format: 'esm',
  }).code;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (path === '/selection-redraw.mjs') {
      res.setHeader('content-type', 'text/javascript');
      return void res.end(selectionRedraw);
    }
    res.setHeader('content-type', file ? file[1] : 'text/html');
    res.end(file ? readFileSync(file[0]) : PAGE);
  });
  const sockets = new WebSocketServer({ server, path: '/pty' });
  sockets.on('connection', (socket, req) => {
    const q = new URL(req.url ?? '', 'http://x').searchParams;
    const [chunk, inFlight] = [Number(q.get('chunk')), Number(q.get('inFlight'))];
    // -onlcr: the file's bytes pass through the tty unchanged, so the count compares exactly.
    const shell = pty.spawn('/bin/sh', ['-c', `stty -onlcr; cat '${floodPath}'; sleep 30`], { cols: 202, rows: 26, encoding: null });
    let gathered: Buffer[] = [];
    let gatheredBytes = 0;
    let timer: NodeJS.Timeout | null = null;
    let unacknowledged = 0;
    let paused = false;
    const send = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (gatheredBytes === 0) return;
      socket.send(Buffer.concat(gathered, gatheredBytes));
      gathered = [];
      gatheredBytes = 0;
    };
    shell.onData((data: string | Buffer) => {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      gathered.push(bytes);
      gatheredBytes += bytes.length;
      unacknowledged += bytes.length;
      if (gatheredBytes >= chunk) send();
      else timer ??= setTimeout(send, GATHER_MS);
      if (!paused && unacknowledged > inFlight) {
        paused = true;
        shell.pause();
      }
    });
    socket.on('message', (message) => {
      unacknowledged -= Number(message.toString());
      if (paused && unacknowledged < inFlight / 2) {
        paused = false;
        shell.resume();
      }
    });
    socket.on('close', () => {
      if (timer) clearTimeout(timer);
      shell.kill();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function benchTerminalCeiling(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-term-ceiling-'));
  const file = writeFloodFile(dir);
  const server = await serve(file.path);
  const { port } = server.address() as { port: number };
  // As the desktop app configures its renderer, like the terminal bench's goal figures; driven
  // as the terminal bench drives it, without a listener on the page's WebSocket frames.
  const browser = await launchBareChromium([...CHROMIUM_ARGS, `--disable-features=${disabledFeaturesValue()}`]);
  try {
    const figures: BenchFigure[] = [];
    for (const way of WAYS) {
      const page = await browser.newPage(1600, 1000);
      const query = new URLSearchParams({ mode: way.mode, chunk: String(way.chunk), inFlight: String(way.inFlight), total: String(file.chars) });
      await page.navigate(`http://127.0.0.1:${port}/?${query}`);
      const { ms, parsed } = await page.waitFor<{ ms: number; parsed: number }>('window.ceiling', FLOOD_TIMEOUT_MS, way.name);
      if (parsed !== file.chars) throw new Error(`${way.name}: xterm.js parsed ${parsed} bytes of ${file.chars}`);
      figures.push({ name: way.name, value: file.chars / 1e6 / (ms / 1000), unit: 'MB/s' });
      await page.close();
    }
    return figures;
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { formatFigure } = await import('./figure.js');
  for (const figure of await benchTerminalCeiling()) console.log(formatFigure(figure));
}
