/**
 * How far the trading system's clock is from the host's. The server stamps
 * its answer somewhere between our request and its arrival; the midpoint of
 * the round trip is the best single guess (Cristian's algorithm), so the
 * error is at most half the round trip.
 */

/**
 * Server time minus host time at the moment the server stamped the answer.
 * Positive: the server's clock is ahead of the host's.
 *
 * @param serverMs     the answer's `timestamp`, ms since epoch
 * @param receivedAtMs host wall clock when the answer arrived, ms since epoch
 * @param roundTripMs  request to answer, measured on the monotonic clock
 */
export function clockSkewMs(serverMs: number, receivedAtMs: number, roundTripMs: number): number {
  return serverMs - (receivedAtMs - Math.max(0, roundTripMs) / 2);
}
