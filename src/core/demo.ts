/**
 * How the demo names its simulator: one line printed with the cockpit's
 * address at start, and the DEMO badge's tooltip, so a new user learns
 * where the simulated trading system is and how to stage a scenario on it.
 */

/** `apiUrl` is the simulator's base URL, without a trailing slash. */
export function demoSimulatorLine(apiUrl: string): string {
  return `simulator (DEMO) at ${apiUrl}: stage a scenario with curl -X POST ${apiUrl}/sim/v1/scenario -d '{"name": "exchange_disconnect", "exchange": "binance"}', or start a drill from the cockpit`;
}
