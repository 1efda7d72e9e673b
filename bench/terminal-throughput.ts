/**
 * Terminal throughput and keystroke echo, end to end: a 100 MB `cat` in a
 * local PTY, through the browser host's WebSocket, into xterm.js in
 * Debian's Chromium. Goals: at least 30 MB/s with zero bytes lost (checked
 * by a checksum of what the page received against the file's), and
 * keystroke echo under 20 ms while a flood runs.
 *
 * Chromium runs with the switches of the end-to-end tests plus the one the
 * desktop app sets (src/host/chromium-features.ts), so the figures are the
 * desktop app's renderer; the echo is measured once more in a Chromium left
 * at its defaults, as a plain browser runs the browser host. Each time the
 * echo is also measured at an idle prompt, the everyday case.
 *
 * The page keeps the session's output as xterm.js parses it (the terminal
 * view's test probe, called from xterm.js's write callback) and counts and
 * checksums it (FNV-1a, 32 bit) once the flood is over, so the checksum
 * does not take the page's thread from xterm.js while the clock runs. It
 * times the echo the same way: a key counts as echoed once xterm.js has
 * parsed it, not when it reached the page.
 *
 * Chromium is driven without Playwright (./bare-chromium.ts): Playwright
 * hands its driver every frame of the page's WebSockets, which took 3.2 to
 * 3.9 s of CPU during a 10 s `cat`, a fifth of the two cores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TERMINAL_PROBE_GLOBAL } from '../renderer/terminal/terminal-probe.js';
import { disabledFeaturesValue } from '../src/host/chromium-features.js';
import { CHROMIUM_ARGS } from '../test/e2e/playwright.config.js';
import { startTs } from '../test/harness/process.js';
import { launchBareChromium, type BareChromium, type BarePage } from './bare-chromium.js';
import { percentiles, type BenchFigure, type Percentiles } from './figure.js';
import { writeFloodFile } from './flood-file.js';

/** Keys timed per series: the p95 of 20 would be the second-slowest key alone. */
const ECHO_SAMPLES = 60;
const FLOOD_TIMEOUT_MS = 180_000;

/**
 * Runs in the page before its scripts: the terminal view reports to this
 * probe what xterm.js parsed, from xterm.js's write callback, so the count,
 * the checksum and the echo time all cover text xterm.js has really parsed.
 */
function installProbe(probeGlobal: string) {
  const probe = {
    inside: false, chars: 0, hash: 0x811c9dc5, startedAt: 0, endedAt: 0, echoAt: 0, keyAt: 0, watchFor: '',
    /** What xterm.js parsed between STX and ETX, kept to be checksummed once the flood is over. */
    framed: [] as (string | Uint8Array)[],
    opened() {},
    parsed(_sessionId: string, data: string | Uint8Array) {
      // Output is text or UTF-8 bytes; the flood is base64, so a byte is a character.
      const text = typeof data === 'string';
      if (probe.watchFor && !probe.echoAt && (text ? data.includes(probe.watchFor) : data.includes(probe.watchFor.charCodeAt(0)))) probe.echoAt = performance.now();
      // Native searches only here: a per-character loop over 100 MB on the page's own thread
      // would compete with xterm.js for it and distort the throughput being measured.
      let from = 0;
      if (!probe.inside) {
        const start = text ? data.indexOf('\x02') : data.indexOf(2);
        if (start < 0) return;
        probe.inside = true;
        probe.startedAt = performance.now();
        from = start + 1;
      }
      const end = text ? data.indexOf('\x03', from) : data.indexOf(3, from);
      probe.framed.push(end < 0 ? data.slice(from) : data.slice(from, end));
      if (end >= 0) {
        probe.inside = false;
        probe.endedAt = performance.now();
      }
    },
    /** FNV-1a over what was framed, after the clock has stopped. */
    checksum() {
      let hash = 0x811c9dc5;
      let chars = 0;
      for (const part of probe.framed) {
        if (typeof part === 'string') for (let i = 0; i < part.length; i++) hash = Math.imul(hash ^ part.charCodeAt(i), 0x01000193) >>> 0;
        else for (let i = 0; i < part.length; i++) hash = Math.imul(hash ^ part[i]!, 0x01000193) >>> 0;
        chars += part.length;
      }
      Object.assign(probe, { hash, chars, framed: [] });
    },
  };
  (window as unknown as Record<string, unknown>)[probeGlobal] = probe;
  (window as unknown as { terminalProbe: typeof probe }).terminalProbe = probe;
  document.addEventListener('keydown', (e) => {
    if (probe.watchFor && e.key === probe.watchFor) probe.keyAt = performance.now();
  }, true);
}

const installProbeSource = `(${installProbe.toString()})(${JSON.stringify(TERMINAL_PROBE_GLOBAL)})`;

type Probe = { chars: number; hash: number; startedAt: number; endedAt: number; echoAt: number; keyAt: number };
const PROBE = `window.terminalProbe`;
const readProbe = (page: BarePage) =>
  page.evaluate<Probe>(`(({ chars, hash, startedAt, endedAt, echoAt, keyAt }) => ({ chars, hash, startedAt, endedAt, echoAt, keyAt }))(${PROBE})`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Clicks the button named `name` (its aria-label or its text), optionally of a role. */
const click = (page: BarePage, name: string, role = '') =>
  page.evaluate(`(() => {
    const button = [...document.querySelectorAll('button${role ? `[role=${role}]` : ''}')].find((b) => b.getAttribute('aria-label') === ${JSON.stringify(name)} || b.textContent.trim() === ${JSON.stringify(name)});
    if (!button) throw new Error('no button ' + ${JSON.stringify(name)});
    button.click();
  })()`);

async function openLocalTerminal(browser: BareChromium, url: string): Promise<BarePage> {
  const page = await browser.newPage(1600, 1000);
  await page.beforeScripts(installProbeSource);
  await page.navigate(url);
  // As Playwright's click would wait for the page to be ready: the host link up, so the shell can open.
  await page.waitFor(`document.querySelector('[aria-label="Host link"]')?.textContent.includes('host link up')`, 30_000, 'the host link');
  await click(page, 'New terminal');
  await page.waitFor(`!!document.querySelector('[role=menuitem]')`, 5_000, 'the new terminal menu');
  await click(page, 'Local shell', 'menuitem');
  await page.waitFor(`!!document.querySelector('.terminal-pane:not([hidden])[data-chars-rendered]')`, 30_000, 'the local shell');
  await sleep(500);
  return page;
}

/** Echo times, ms, of ECHO_SAMPLES keys typed into the terminal, whatever runs in it. */
async function echoTimes(page: BarePage): Promise<number[]> {
  const echoes: number[] = [];
  for (let i = 0; i < ECHO_SAMPLES; i++) {
    const key = i % 2 ? 'Q' : 'Z';
    await page.evaluate(`Object.assign(${PROBE}, { watchFor: ${JSON.stringify(key)}, echoAt: 0, keyAt: 0 }) && 0`);
    await page.press(key);
    await page.waitFor(`${PROBE}.echoAt > 0 && ${PROBE}.keyAt > 0`, 10_000, `the echo of ${key}`);
    const seen = await readProbe(page);
    echoes.push(seen.echoAt - seen.keyAt);
    await sleep(100);
  }
  return echoes;
}

/** Keystroke echo at the shell's prompt, then while `yes` floods the terminal. */
async function echoIdleAndDuringFlood(page: BarePage): Promise<{ idle: Percentiles; flood: Percentiles }> {
  const idle = percentiles(await echoTimes(page));
  await page.press('u', { ctrl: true });
  await page.type('yes');
  await page.press('Enter');
  await sleep(1_000);
  const flood = percentiles(await echoTimes(page));
  await page.press('c', { ctrl: true });
  return { idle, flood };
}

export async function benchTerminal(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-term-bench-'));
  const file = writeFloodFile(dir);
  const host = await startTs('src/host/web.ts', ['--port', '0', '--data-dir', dir], /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/);
  // Chromium as the desktop app configures its renderer, then as a plain browser would run the browser host.
  const desktop = await launchBareChromium([...CHROMIUM_ARGS, `--disable-features=${disabledFeaturesValue()}`]);
  let plain: BareChromium | null = null;
  try {
    const page = await openLocalTerminal(desktop, host.match[1]!);
    // -onlcr: the tty passes the file's \n through untouched, so the bytes compare exactly.
    await page.type(`stty -onlcr; printf '\\002'; cat ${file.path}; printf '\\003'; stty onlcr`);
    await page.press('Enter');
    await page.waitFor(`${PROBE}.endedAt > 0`, FLOOD_TIMEOUT_MS, 'the 100 MB cat');
    await page.evaluate(`${PROBE}.checksum()`);
    const flood = await readProbe(page);
    const seconds = (flood.endedAt - flood.startedAt) / 1000;
    const lost = file.chars - flood.chars;
    const checksumOk = flood.hash === file.checksum;
    const echo = await echoIdleAndDuringFlood(page);
    await desktop.close();

    plain = await launchBareChromium(CHROMIUM_ARGS);
    const plainEcho = await echoIdleAndDuringFlood(await openLocalTerminal(plain, host.match[1]!));
    return [
      { name: 'terminal: 100 MB cat through the host into xterm.js', value: file.chars / 1e6 / seconds, unit: 'MB/s', goal: { min: 30 } },
      { name: 'terminal: bytes lost or changed in the 100 MB cat', value: checksumOk ? Math.abs(lost) : Math.max(1, Math.abs(lost)), unit: 'bytes', goal: { max: 1 } },
      { name: 'terminal: keystroke echo at an idle prompt, p50', value: echo.idle.p50, unit: 'ms' },
      { name: 'terminal: keystroke echo during a yes flood, p50', value: echo.flood.p50, unit: 'ms' },
      { name: 'terminal: keystroke echo during a yes flood, p95', value: echo.flood.p95, unit: 'ms', goal: { max: 20 } },
      { name: 'terminal, Chromium defaults: echo at an idle prompt, p50', value: plainEcho.idle.p50, unit: 'ms' },
      { name: 'terminal, Chromium defaults: echo during the flood, p50', value: plainEcho.flood.p50, unit: 'ms' },
      { name: 'terminal, Chromium defaults: echo during the flood, p95', value: plainEcho.flood.p95, unit: 'ms' },
    ];
  } finally {
    await desktop.close();
    await plain?.close();
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { formatFigure } = await import('./figure.js');
  for (const figure of await benchTerminal()) console.log(formatFigure(figure));
}
