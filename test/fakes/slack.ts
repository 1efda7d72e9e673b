/**
 * Slack's Web API as far as the cockpit uses it, written from Slack's
 * method docs (api.slack.com/methods): `chat.postMessage`,
 * `conversations.history`, `conversations.replies`.
 *
 * - Auth: `Authorization: Bearer <token>`; a wrong or missing token is
 *   HTTP 200 `{ok: false, error: "invalid_auth"}` / `"not_authed"`.
 * - Refusals are HTTP 200 with `ok: false`: `channel_not_found`,
 *   `no_text`; rate limits are HTTP 429 with `Retry-After` seconds.
 * - `ts` is "seconds.micros" and unique per channel; replies carry `thread_ts`.
 * - Message metadata comes back only with `include_all_metadata=true`.
 * - Incoming webhooks (api.slack.com/messaging/webhooks): `POST
 *   /services/<T>/<B>/<secret>` with `{text}`, no auth header (the URL is
 *   the secret), answer 200 "ok" in plain text; `invalid_payload` (400)
 *   without text, `no_service` (404) for an unknown URL; posted to the
 *   webhook's own channel, never in a thread.
 */
import { startHttpFake, type FakeAnswer, type HttpFake, type ReceivedRequest } from './http-fake.js';

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface SlackFake extends HttpFake {
  messages: SlackMessage[];
  /** Answer the next n posts with 429 and this Retry-After, seconds. */
  rateLimit(n: number, retryAfterSeconds: number): void;
  /** The path of the one incoming webhook this fake serves, e.g. "/services/T1/B1/secret". */
  webhookPath: string;
  /** Outbox ids of every message posted, in the order they arrived. */
  outboxIds(): string[];
}

export async function startSlackFake({ token, channels, webhook }: { token: string; channels: string[]; webhook?: { path: string; channel: string } }): Promise<SlackFake> {
  const messages: SlackMessage[] = [];
  let limited = { n: 0, seconds: 0 };
  let clock = 1_700_000_000_000_000; // micros; strictly increasing ts
  const nextTs = () => {
    clock = Math.max(clock + 1, Date.now() * 1000);
    return `${Math.floor(clock / 1e6)}.${String(clock % 1e6).padStart(6, '0')}`;
  };
  const authed = (req: ReceivedRequest): FakeAnswer | null => {
    const auth = req.headers.authorization;
    if (!auth) return { status: 200, body: { ok: false, error: 'not_authed' } };
    if (auth !== `Bearer ${token}`) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
    return null;
  };
  const shown = (m: SlackMessage, withMetadata: boolean) => {
    const { metadata, ...rest } = m;
    return withMetadata && metadata ? { ...rest, metadata } : rest;
  };

  const fake = (await startHttpFake((req) => {
    if (req.path.startsWith('/services/')) {
      if (!webhook || req.path !== webhook.path) return { status: 404, text: 'no_service' };
      if (limited.n > 0) {
        limited.n--;
        return { status: 429, headers: { 'Retry-After': String(limited.seconds) }, text: 'rate_limited' };
      }
      const text = (req.body as { text?: string } | null)?.text;
      if (!text) return { status: 400, text: 'invalid_payload' };
      messages.push({ channel: webhook.channel, ts: nextTs(), text });
      return { status: 200, text: 'ok' };
    }
    const refused = authed(req);
    if (refused) return refused;
    if (req.method === 'POST' && req.path === '/chat.postMessage') {
      if (limited.n > 0) {
        limited.n--;
        return { status: 429, headers: { 'Retry-After': String(limited.seconds) }, body: { ok: false, error: 'ratelimited' } };
      }
      const body = (req.body ?? {}) as Partial<SlackMessage>;
      if (!body.channel || !channels.includes(body.channel)) return { status: 200, body: { ok: false, error: 'channel_not_found' } };
      if (!body.text) return { status: 200, body: { ok: false, error: 'no_text' } };
      if (body.thread_ts && !messages.some((m) => m.channel === body.channel && m.ts === body.thread_ts)) {
        return { status: 200, body: { ok: false, error: 'thread_not_found' } };
      }
      const message: SlackMessage = {
        channel: body.channel, ts: nextTs(), text: body.text,
        ...(body.thread_ts ? { thread_ts: body.thread_ts } : {}),
        ...(body.metadata ? { metadata: body.metadata } : {}),
      };
      messages.push(message);
      return { status: 200, body: { ok: true, channel: message.channel, ts: message.ts, message: shown(message, false) } };
    }
    if (req.method === 'GET' && (req.path === '/conversations.history' || req.path === '/conversations.replies')) {
      const channel = req.query.get('channel') ?? '';
      if (!channels.includes(channel)) return { status: 200, body: { ok: false, error: 'channel_not_found' } };
      const oldest = Number(req.query.get('oldest') ?? '0');
      const withMetadata = req.query.get('include_all_metadata') === 'true';
      const thread = req.query.get('ts');
      const inChannel = messages.filter((m) => m.channel === channel && Number(m.ts) >= oldest);
      const picked = req.path === '/conversations.replies'
        ? inChannel.filter((m) => m.ts === thread || m.thread_ts === thread)
        : inChannel.filter((m) => !m.thread_ts);
      return { status: 200, body: { ok: true, has_more: false, messages: picked.reverse().map((m) => shown(m, withMetadata)) } };
    }
    return { status: 404, body: { ok: false, error: 'unknown_method' } };
  })) as SlackFake;
  fake.messages = messages;
  fake.webhookPath = webhook?.path ?? '';
  fake.rateLimit = (n, seconds) => {
    limited = { n, seconds };
  };
  fake.outboxIds = () => messages.map((m) => String(m.metadata?.event_payload.outbox_id ?? ''));
  return fake;
}
