/** An endpoint's view as the poller hands it on: fresh, read at `at`, nothing failing. */
export const freshView = <T>(data: T, at: number) => ({
  freshness: 'fresh' as const,
  data,
  receivedAt: at,
  ageMs: 0,
  consecutiveFailures: 0,
  invalidResponses: 0,
  lastFailure: null,
  clockSkewMs: 0,
  timestampFrozen: false,
});
