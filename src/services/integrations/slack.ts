/**
 * Slack through the Web API with a bot token (`chat.postMessage`,
 * https://api.slack.com/methods/chat.postMessage), or through an incoming
 * webhook (https://api.slack.com/messaging/webhooks) where the team gives
 * no bot. A webhook answers a bare "ok" with no message timestamp, so it
 * cannot open a thread (every message names its incident instead), and it
 * cannot be asked what arrived: a message in flight at a crash goes again
 * marked as a possible repeat. The webhook's URL is its secret: it is kept
 * where a token is and never logged (reasons name the host only).
 *
 * - The first message about an incident goes to the incident channel and
 *   its `ts` becomes the thread (`slack.thread:<incident>`); every later one
 *   replies in it. Routine messages (the handoff) go to the routine channel.
 * - Every message carries its outbox id in Slack message metadata
 *   (`metadata.event_payload.outbox_id`), so after a crash the cockpit finds
 *   out whether it arrived (`conversations.history` / `conversations.replies`
 *   with `include_all_metadata`) instead of posting it twice.
 * - Slack answers HTTP 200 with `{ok: false, error}` for most refusals; 429
 *   with Retry-After when rate limited.
 */
import type { OutboxMessage } from '../../core/outbox/model.js';
import type { Clock } from '../clock.js';
import type { ChannelTransport, DeliveredCheck, RefLookup, SendOutcome } from '../outbox/outbox.js';
import { joinUrl, outcomeOf, type HttpClient, type HttpResult } from './http.js';

export const SLACK_DEFAULT_URL = 'https://slack.com/api';
export const SLACK_METADATA_EVENT = 'cockpit_message';

export interface SlackConfig {
  baseUrl: string;
  /** `webhook`: `token` is the incoming webhook's URL. */
  mode?: 'bot' | 'webhook';
  token: string;
  /** Channel id or name for active incidents, e.g. "#incident-response". */
  incidentChannel: string;
  /** Channel for routine messages (handoff), e.g. "#hft-operations". */
  routineChannel: string;
}

export interface SlackPost {
  /** Which configured channel. */
  to: 'incident' | 'routine';
  text: string;
}

/** Slack `error` codes that a new token fixes; retried, shown as a token problem. */
const TOKEN_ERRORS = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope']);
/** Codes that say Slack itself is struggling; retried. */
const PASSING_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/** Added to a webhook message sent again after an attempt whose outcome is unknown. */
export const WEBHOOK_REPEAT_MARK = '(sent again after a restart: may repeat)';

export const slackThreadRef = (incidentId: string) => `slack.thread:${incidentId}`;

export function slackTransport(config: () => SlackConfig | null, http: HttpClient, clock: Clock): ChannelTransport {
  const call = (c: SlackConfig, method: string, body: unknown): Promise<HttpResult> =>
    http({ method: 'POST', url: joinUrl(c.baseUrl, method), headers: { Authorization: `Bearer ${c.token}` }, body });
  const get = (c: SlackConfig, method: string, query: Record<string, string>): Promise<HttpResult> =>
    http({ method: 'GET', url: `${joinUrl(c.baseUrl, method)}?${new URLSearchParams(query)}`, headers: { Authorization: `Bearer ${c.token}` } });

  /** Slack's own verdict inside a 200. */
  const verdict = (result: HttpResult): SendOutcome => {
    const base = outcomeOf(result, 'Slack', clock.now(), (a) => String((a.json as { error?: string } | null)?.error ?? ''));
    if (!base.ok || !result.ok) return base;
    const body = result.answer.json as { ok?: boolean; error?: string } | null;
    if (body?.ok === true) return base;
    const error = body?.error ?? 'no ok in the answer';
    if (TOKEN_ERRORS.has(error)) return { ok: false, retry: true, reason: `Slack refused the token (${error}); set a new one in Settings` };
    if (PASSING_ERRORS.has(error)) return { ok: false, retry: true, reason: `Slack: ${error}` };
    return { ok: false, retry: false, reason: `Slack refused the message: ${error}` };
  };

  const sendToWebhook = async (c: SlackConfig, post: SlackPost, m: OutboxMessage): Promise<SendOutcome> => {
    // Attempts counts this one: above 1, an earlier attempt may have been posted.
    const text = m.attempts > 1 ? `${post.text} ${WEBHOOK_REPEAT_MARK}` : post.text;
    const result = await http({ method: 'POST', url: c.token, body: { text } });
    // A webhook's refusals are plain-text codes (invalid_payload, no_service, channel_is_archived…).
    return outcomeOf(result, 'Slack webhook', clock.now(), (a) => a.text.slice(0, 100));
  };

  const target = (c: SlackConfig, m: OutboxMessage, refs: RefLookup) => {
    const post = m.payload as SlackPost;
    const channel = post.to === 'routine' ? c.routineChannel : c.incidentChannel;
    const thread = post.to === 'incident' && m.incidentId ? refs(slackThreadRef(m.incidentId)) : undefined;
    return { post, channel, thread };
  };

  return {
    configured: () => config() !== null,
    async send(m, refs) {
      const c = config();
      if (!c) return { ok: false, retry: true, reason: 'Slack is not set up' };
      const { post, channel, thread } = target(c, m, refs);
      if (c.mode === 'webhook') return sendToWebhook(c, post, m);
      const result = await call(c, 'chat.postMessage', {
        channel,
        text: post.text,
        ...(thread ? { thread_ts: thread } : {}),
        metadata: { event_type: SLACK_METADATA_EVENT, event_payload: { outbox_id: m.id } },
      });
      const outcome = verdict(result);
      if (!outcome.ok || !result.ok) return outcome;
      const ts = String((result.answer.json as { ts?: string }).ts ?? '');
      return { ok: true, refs: m.incidentId && post.to === 'incident' && !thread && ts ? { [slackThreadRef(m.incidentId)]: ts } : {} };
    },
    async findDelivered(m, refs): Promise<DeliveredCheck> {
      const c = config();
      if (!c) return { unknown: 'Slack is not set up' };
      // A webhook keeps no history the cockpit could read: the message goes again, marked as a possible repeat.
      if (c.mode === 'webhook') return { found: false };
      const { channel, thread } = target(c, m, refs);
      // Slack timestamps are seconds; a minute's margin covers clocks that disagree.
      const oldest = String(Math.floor(m.queuedAt / 1000) - 60);
      const query = { channel, oldest, include_all_metadata: 'true', limit: '200', ...(thread ? { ts: thread } : {}) };
      const result = await get(c, thread ? 'conversations.replies' : 'conversations.history', query);
      const outcome = verdict(result);
      if (!outcome.ok || !result.ok) return { unknown: outcome.ok ? 'no answer' : outcome.reason };
      const messages = ((result.answer.json as { messages?: unknown[] }).messages ?? []) as { ts?: string; metadata?: { event_payload?: { outbox_id?: string } } }[];
      const found = messages.find((x) => x.metadata?.event_payload?.outbox_id === m.id);
      if (!found) return { found: false };
      const ts = found.ts ?? '';
      return { found: true, refs: m.incidentId && !thread && ts ? { [slackThreadRef(m.incidentId)]: ts } : {} };
    },
  };
}
