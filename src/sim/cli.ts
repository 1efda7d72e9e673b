/**
 * `npm run sim -- --port 0 --seed 7`: runs the simulator until SIGINT or
 * SIGTERM. Prints exactly one line on start, with the base URL, which is
 * what scripts and the end-to-end harness wait for.
 */
import { parseSimArgs, USAGE } from './cli-args.js';
import { startSimulator } from './index.js';

async function main(): Promise<number> {
  const parsed = parseSimArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`sim: ${parsed.message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let sim;
  try {
    sim = await startSimulator(parsed.options);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const where = `${parsed.options.host}:${parsed.options.port}`;
    const message =
      code === 'EADDRINUSE' ? `port ${parsed.options.port} is already in use (${where}); pick another with --port, or 0 for any free one`
      : code === 'EACCES' ? `not allowed to listen on ${where}`
      : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? `cannot bind ${where}: no such local address`
      : `cannot start on ${where}: ${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`sim: ${message}\n`);
    return 1;
  }
  process.stdout.write(`simulator listening on ${sim.url}\n`);
  const running = sim;
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sim: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
