/**
 * The browser host as a program: flags → settings → backend → server, one
 * line on stdout with the address to open, and a clean stop on SIGINT or
 * SIGTERM (sockets closed, poller stopped, embedded simulator stopped).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { integrationTokensFromEnv, parseCliArgs, USAGE } from '../cli-args.js';
import { createBackend } from '../backend.js';
import { defaultDataDir, ensurePrivateDir } from '../../services/data-dir.js';
import { createConfSettingsStore } from '../../services/settings.js';
import { INDEX_HTML } from '../static-files.js';
import { demoSimulatorLine } from '../../core/demo.js';
import { RENDERER_BUILD_HINT, startBrowserServer, type BrowserServer } from './server.js';
import { loadOrCreateSessionToken } from './session-token.js';

export interface RunBrowserHostOptions {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  rendererDir: string;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export interface RunningBrowserHost {
  server: BrowserServer;
  stop(): Promise<void>;
}

/** Resolves once the host is listening; throws (with a message meant for the operator) when it cannot start. */
export async function runBrowserHost(opts: RunBrowserHostOptions): Promise<RunningBrowserHost | null> {
  const out = opts.out ?? ((line) => process.stdout.write(`${line}\n`));
  const err = opts.err ?? ((line) => process.stderr.write(`${line}\n`));
  const parsed = parseCliArgs(opts.argv, opts.env);
  if (!parsed.ok) throw new Error(`${parsed.message}\n${USAGE}`);
  if (parsed.options.help) {
    out(USAGE);
    return null;
  }
  const { apiUrl, apiKey, pollMs, fastPollMs, port, portExplicit } = parsed.options;
  for (const warning of parsed.options.warnings) err(`cockpit: ${warning}`);
  const dataDir = parsed.options.dataDir ?? defaultDataDir();
  await ensurePrivateDir(dataDir);

  const backend = await createBackend({
    apiUrl,
    ...(apiKey ? { apiKey } : {}),
    ...(pollMs ? { pollMs } : {}),
    ...(fastPollMs ? { fastPollMs } : {}),
    dataDir,
    hostKind: 'browser',
    integrationUrls: parsed.options.integrationUrls,
    integrationTokens: integrationTokensFromEnv(opts.env),
    settings: createConfSettingsStore(dataDir),
  });
  let server: BrowserServer;
  try {
    server = await startBrowserServer({
      backend,
      rendererDir: opts.rendererDir,
      port,
      fallbackToFreePort: !portExplicit,
      token: loadOrCreateSessionToken(dataDir),
    });
  } catch (error) {
    await backend.close();
    throw error;
  }
  // The address without its token: a second start on this folder points here.
  await backend.lock.noteUrl(server.origin).catch((e: Error) => err(`cockpit: could not note the address on the data folder's lock: ${e.message}`));
  if (!existsSync(join(opts.rendererDir, INDEX_HTML))) err(RENDERER_BUILD_HINT);
  out(`cockpit (browser host) at ${server.openUrl}`);
  if (backend.info.demo) out(demoSimulatorLine(backend.info.apiUrl));

  let stopping: Promise<void> | null = null;
  return {
    server,
    stop: () => (stopping ??= server.close().finally(() => backend.close())),
  };
}

/** A repeat of the stop signal sooner than this is an echo of the first, ms. */
const SIGNAL_ECHO_MS = 500;

/** Runs until SIGINT or SIGTERM; a second signal (after SIGNAL_ECHO_MS) exits at once. */
export async function runBrowserHostUntilSignalled(opts: RunBrowserHostOptions): Promise<void> {
  let host: RunningBrowserHost | null;
  try {
    host = await runBrowserHost(opts);
  } catch (error) {
    process.stderr.write(`cockpit: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  if (!host) return;
  const running = host;
  let signalledAt: number | null = null;
  const onSignal = () => {
    if (signalledAt !== null) {
      // conf writes through `atomically`, whose exit hook (when-exit) re-raises
      // the signal it caught: that echo arrives at once and is not the operator.
      if (performance.now() - signalledAt < SIGNAL_ECHO_MS) return;
      process.exit(1);
    }
    signalledAt = performance.now();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`cockpit: stopping failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
