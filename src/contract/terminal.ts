/**
 * Terminals, SSH host profiles and the questions the host puts to the
 * engineer, as they cross the host boundary.
 *
 * Terminal output travels as `terminal.data` events, routed in the renderer
 * straight to the xterm.js instance of that session (never through the
 * store). The renderer acknowledges what xterm.js has parsed with
 * `terminal.ack`, in UTF-8 bytes, one ledger per renderer (viewer); the host
 * pauses the producer while any viewer is past its window
 * (src/core/terminal/flow-control.ts), so a flood never outruns the view.
 */
import { z } from 'zod';

/** Largest keyboard/paste chunk per `terminal.input`, characters; the renderer splits longer pastes. */
export const TERMINAL_INPUT_MAX_CHARS = 16_384;
/** Largest terminal the host accepts, in cells (a 4K screen at a tiny font stays below). */
export const TERMINAL_MAX_COLS = 1_000;
export const TERMINAL_MAX_ROWS = 500;

const SessionId = z.string().min(1).max(64);
const ProfileId = z.string().min(1).max(200);
const Cols = z.number().int().min(1).max(TERMINAL_MAX_COLS);
const Rows = z.number().int().min(1).max(TERMINAL_MAX_ROWS);

export const HostRole = z.enum(['prod', 'standby', 'other']);
export type HostRole = z.infer<typeof HostRole>;

/** How the cockpit logs in; secrets are never part of a profile (asked for each connection). */
export const SshAuth = z.discriminatedUnion('method', [
  z.object({ method: z.literal('agent'), agentSocket: z.string().min(1).max(1_000).nullable().default(null) }).strict(),
  z.object({ method: z.literal('key'), keyPath: z.string().min(1).max(1_000) }).strict(),
  z.object({ method: z.literal('password') }).strict(),
]);
export type SshAuth = z.infer<typeof SshAuth>;

/** One machine the engineer opens SSH to (the service's HostProfile, plus the API-through-SSH flag). */
export const HostProfile = z
  .object({
    id: ProfileId,
    name: z.string().trim().min(1).max(100),
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65_535).default(22),
    user: z.string().trim().min(1).max(100),
    role: HostRole.default('other'),
    auth: SshAuth.default({ method: 'agent', agentSocket: null }),
    jumpVia: ProfileId.nullable().default(null),
    agentForward: z.boolean().default(false),
    /** Reach the trading API through this host's SSH connection when the direct URL fails. */
    apiViaSsh: z.boolean().default(false),
  })
  .strict();
export type HostProfile = z.infer<typeof HostProfile>;
export type HostProfileInput = z.input<typeof HostProfile>;

export const SshImportResult = z.object({
  /** Profiles added or updated from ~/.ssh/config. */
  imported: z.array(HostProfile),
  /** What was not imported, in words. */
  notes: z.array(z.string()),
});
export type SshImportResult = z.infer<typeof SshImportResult>;

export const TerminalOpenRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), cols: Cols.optional(), rows: Rows.optional() }).strict(),
  z.object({ kind: z.literal('ssh'), profileId: ProfileId, cols: Cols.optional(), rows: Rows.optional() }).strict(),
]);
export type TerminalOpenRequest = z.infer<typeof TerminalOpenRequest>;

export const TerminalExit = z.object({ code: z.number().int().nullable(), signal: z.string().nullable() });
export type TerminalExit = z.infer<typeof TerminalExit>;

/** A terminal as the tab shows it. */
export const TerminalInfo = z.object({
  sessionId: SessionId,
  /** "Local" or the profile's name: the tab's accessible name. */
  title: z.string(),
  /** user@host for SSH sessions, null for local ones. */
  target: z.string().nullable(),
  profileId: ProfileId.nullable(),
  role: HostRole.nullable(),
  /** True while the session's output is recorded to a transcript file (the tab shows REC). */
  recording: z.boolean(),
  recordingPath: z.string().nullable(),
  exit: TerminalExit.nullable(),
  /** The link to the host dropped and the session is reconnecting (SSH only); absent or false otherwise. */
  reconnecting: z.boolean().optional(),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

export const TerminalAttachment = z.object({
  info: TerminalInfo,
  /**
   * Recent output to replay into a view that (re)attaches. This viewer's
   * flow-control ledger starts afresh and never counted the replay: the
   * renderer must not acknowledge it.
   */
  scrollback: z.string(),
});
export type TerminalAttachment = z.infer<typeof TerminalAttachment>;

export const TerminalInputRequest = z.object({ sessionId: SessionId, data: z.string().min(1).max(TERMINAL_INPUT_MAX_CHARS) }).strict();
export const TerminalResizeRequest = z.object({ sessionId: SessionId, cols: Cols, rows: Rows }).strict();
export const TerminalAckRequest = z.object({ sessionId: SessionId, chars: z.number().int().positive().max(10_000_000) }).strict();
export const TerminalSessionRequest = z.object({ sessionId: SessionId }).strict();

/**
 * The host emits text; the browser host carries it to the page as a binary
 * frame (src/contract/bridge.ts) and the page hands xterm.js the UTF-8 bytes.
 */
export const TerminalDataEvent = z.object({ sessionId: SessionId, data: z.union([z.string(), z.instanceof(Uint8Array)]) });
export type TerminalDataEvent = z.infer<typeof TerminalDataEvent>;
export const TerminalExitEvent = z.object({ sessionId: SessionId, code: z.number().int().nullable(), signal: z.string().nullable() });
export type TerminalExitEvent = z.infer<typeof TerminalExitEvent>;
/** An SSH session lost its link and is reconnecting, or is back (`reconnecting: false`). */
export const TerminalLinkEvent = z.object({ sessionId: SessionId, reconnecting: z.boolean() });
export type TerminalLinkEvent = z.infer<typeof TerminalLinkEvent>;

/** Questions the host asks the engineer; each is answered once with `prompts.answer`, or times out as "no". */
export const PromptQuestion = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('host_key_unknown'),
    host: z.string(),
    port: z.number().int(),
    keyType: z.string(),
    fingerprint: z.string(),
  }),
  z.object({
    kind: z.literal('host_key_changed'),
    profileId: ProfileId,
    host: z.string(),
    port: z.number().int(),
    keyType: z.string(),
    expected: z.array(z.string()),
    actual: z.string(),
  }),
  z.object({ kind: z.literal('passphrase'), profileId: ProfileId, keyPath: z.string(), retry: z.boolean() }),
  z.object({ kind: z.literal('password'), profileId: ProfileId, target: z.string() }),
  z.object({
    kind: z.literal('risky_command'),
    sessionId: SessionId,
    title: z.string(),
    command: z.string(),
    reasons: z.array(z.string()),
    uncertain: z.boolean(),
    /**
     * For a start or restart of the trading service: whether approval is
     * needed (then the answer is the approver's name, or false) and why.
     */
    restart: z
      .object({ approvalNeeded: z.boolean(), why: z.string(), incidentId: z.string().optional(), duringAvoided: z.array(z.string()) })
      .optional(),
  }),
]);
export type PromptQuestion = z.infer<typeof PromptQuestion>;
export type PromptKind = PromptQuestion['kind'];

export const PromptAsk = z.object({
  promptId: z.string().min(1).max(64),
  /** Host wall-clock ms after which the question counts as answered "no". */
  expiresAt: z.number(),
  question: PromptQuestion,
});
export type PromptAsk = z.infer<typeof PromptAsk>;

/**
 * yes/no questions take a boolean; passphrase and password take the secret
 * (null cancels); a restart that needs approval takes the approver's name
 * (false cancels). The host checks the answer fits the question.
 */
export const PromptAnswerRequest = z
  .object({ promptId: z.string().min(1).max(64), answer: z.union([z.boolean(), z.string().max(4_096), z.null()]) })
  .strict();
export type PromptAnswerRequest = z.infer<typeof PromptAnswerRequest>;

/** Sent when a question is settled (answered, timed out, or its session ended), so every window closes the dialog. */
export const PromptSettled = z.object({ promptId: z.string(), outcome: z.enum(['answered', 'expired', 'withdrawn']) });
export type PromptSettled = z.infer<typeof PromptSettled>;

const Empty = z.object({}).strict();

export const terminalCalls = {
  'terminal.open': { request: TerminalOpenRequest, response: TerminalInfo },
  'terminal.input': { request: TerminalInputRequest, response: z.null() },
  'terminal.resize': { request: TerminalResizeRequest, response: z.null() },
  'terminal.ack': { request: TerminalAckRequest, response: z.null() },
  'terminal.close': { request: TerminalSessionRequest, response: z.null() },
  'terminal.list': { request: Empty, response: z.array(TerminalInfo) },
  /** Replays a session's scrollback and starts its flow control afresh (a reloaded renderer). */
  'terminal.attach': { request: TerminalSessionRequest, response: TerminalAttachment },
  'ssh.profiles.list': { request: Empty, response: z.array(HostProfile) },
  'ssh.profiles.save': { request: HostProfile, response: HostProfile },
  'ssh.profiles.delete': { request: z.object({ profileId: ProfileId }).strict(), response: z.null() },
  /** Reads ~/.ssh/config on the host side; the renderer never names a path. */
  'ssh.importConfig': { request: Empty, response: SshImportResult },
  /** After a changed-key refusal: pins the key the host now offers. Audited with both fingerprints. */
  'ssh.replacePin': { request: z.object({ profileId: ProfileId }).strict(), response: z.object({ fingerprint: z.string() }) },
  'prompts.answer': { request: PromptAnswerRequest, response: z.null() },
} as const;

export const terminalEvents = {
  'terminal.data': TerminalDataEvent,
  'terminal.exit': TerminalExitEvent,
  'terminal.link': TerminalLinkEvent,
  'prompts.ask': PromptAsk,
  'prompts.settled': PromptSettled,
} as const;
