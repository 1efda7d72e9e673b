import { z } from 'zod';

export const HostKind = z.enum(['electron', 'browser']);
export type HostKind = z.infer<typeof HostKind>;

export const AppInfo = z.object({
  version: z.string(),
  hostKind: HostKind,
  /** True when the cockpit watches its embedded simulator, not a real system. */
  demo: z.boolean(),
  /** Base URL of the trading system API being polled. */
  apiUrl: z.string(),
  /** Interval of the book lane (positions, strategies), ms. */
  pollMs: z.number().positive(),
  /** Interval of the fast lane (health, status, risk), ms. */
  fastPollMs: z.number().positive(),
  dataDir: z.string(),
  /** Host wall-clock ms at start. */
  startedAt: z.number(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Where the pre-shift check finds the trading database. */
export const DatabaseTargetSetting = z
  .object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65_535),
    user: z.string().trim().min(1).max(100),
    database: z.string().trim().min(1).max(100),
  })
  .strict();
export type DatabaseTargetSetting = z.infer<typeof DatabaseTargetSetting>;

/** User settings that persist across restarts (conf / electron-store). */
export const Settings = z.object({
  /** Trading system base URL; null means the embedded demo simulator. */
  apiUrl: z.string().url().nullable(),
  /** Poll interval of positions and strategies, ms. */
  pollMs: z.number().int().min(200).max(60_000),
  /** Poll interval of health, status and risk, ms; a value above `pollMs` runs at `pollMs`. */
  fastPollMs: z.number().int().min(100).max(60_000),
  /** Request deadline per poll, ms. */
  requestTimeoutMs: z.number().int().min(100).max(60_000),
  /** Chart window, hours of history kept for the risk chart. */
  historyHours: z.number().min(1).max(24),
  /** Name actions are recorded under; null means the operating system's user name. */
  operatorName: z.string().trim().min(1).max(100).nullable(),
  /** IANA time zone for shift times and business days; null means the machine's zone. */
  timeZone: z.string().min(1).max(64).nullable(),
  /** Lines each terminal keeps above the screen (xterm.js scrollback). */
  scrollbackLines: z.number().int().min(100).max(200_000),
  /** Record every SSH session to a prod host to a transcript file (the team's rule; off only by choice). */
  recordProdTranscripts: z.boolean(),
  /** ssh-agent socket for profiles that do not name one; null means $SSH_AUTH_SOCK. */
  sshAgentSocket: z.string().min(1).max(1_000).nullable(),
  /** The database the pre-shift check runs `SELECT 1` on; null leaves the database out of the check. */
  checksDatabase: DatabaseTargetSetting.nullable(),
  /** Which on-call seat this engineer holds for the shift. */
  onCallRole: z.enum(['primary', 'secondary']),
  /** Weekday of the weekly handoff, 0 Sunday ... 6 Saturday, in `timeZone`. */
  handoffWeekday: z.number().int().min(0).max(6),
  /** Local time of the handoff, "HH:MM" 24-hour. */
  handoffTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM'),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  apiUrl: null,
  pollMs: 1000,
  fastPollMs: 250,
  requestTimeoutMs: 2000,
  historyHours: 12,
  operatorName: null,
  timeZone: null,
  scrollbackLines: 10_000,
  recordProdTranscripts: true,
  sshAgentSocket: null,
  // The team's procedure: `psql -h hft-prod-01 -U hft_user -d hft_db` (shared/hft-api.md).
  checksDatabase: { host: 'hft-prod-01', port: 5432, user: 'hft_user', database: 'hft_db' },
  onCallRole: 'primary',
  // Handoff Friday 17:00 local (shared/domain.md, "Rhythm of a shift").
  handoffWeekday: 5,
  handoffTime: '17:00',
};
