/**
 * The integration forms of Settings as plain data: what the boxes hold
 * (strings), how they come from the saved settings, and the configure
 * request they make, checked with the contract's own schemas. Secrets (the
 * tokens, PagerDuty's integration key, a Slack webhook's URL) never come
 * from the host: their boxes start empty and an empty one keeps what is
 * stored. Pure and unit-tested.
 */
import {
  AlertmanagerSettings,
  PagerDutySettings,
  SlackSettings,
  StatuspageSettings,
  type IntegrationChannel,
  type IntegrationConfigureRequest,
  type IntegrationSettings,
} from '../../src/contract/integrations.js';

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

/** The boxes of each integration's form, in order, with what they say. */
export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  placeholder?: string;
  /** A secret: a password box, never filled from the host, empty keeps the stored one. */
  secret?: boolean;
  multiline?: boolean;
  /** A tick: 'true' when ticked, '' when not. */
  tick?: boolean;
  /** A choice among these values. */
  choice?: { value: string; label: string }[];
}

/** The boxes shown for what the form holds now: Slack's webhook mode asks for its URL and no channels. */
export function fieldsFor(channel: IntegrationChannel, form: FormValues): FieldSpec[] {
  if (channel !== 'slack' || form.mode !== 'webhook') return FORM_FIELDS[channel];
  return FORM_FIELDS.slack
    .filter((f) => f.name !== 'incidentChannel' && f.name !== 'routineChannel')
    .map((f) => (f.name === 'token' ? { ...f, label: 'Slack webhook URL', placeholder: 'https://hooks.slack.com/services/…' } : f));
}

export const FORM_FIELDS: Record<IntegrationChannel, FieldSpec[]> = {
  pagerduty: [
    { name: 'token', label: 'PagerDuty REST API key', secret: true },
    { name: 'routingKey', label: 'Events API integration key', secret: true, hint: 'The routing key of the PagerDuty service the cockpit pages; a secret like the API key.' },
    { name: 'fromEmail', label: 'Your PagerDuty login (email)', hint: 'Acknowledgements and notes are made in PagerDuty as this user.' },
    { name: 'escalationPolicyId', label: 'Escalation policy ID', placeholder: 'PABC123', hint: 'Who is on call for it drives the shift panel. Empty: the shift settings do.' },
  ],
  slack: [
    {
      name: 'mode', label: 'Post with',
      choice: [
        { value: 'bot', label: 'Bot token (one thread per incident)' },
        { value: 'webhook', label: 'Incoming webhook (its channel, no threads)' },
      ],
    },
    { name: 'token', label: 'Slack bot token', secret: true, placeholder: 'xoxb-…' },
    { name: 'incidentChannel', label: 'Incident channel', placeholder: '#incident-response', hint: 'One thread per incident.' },
    { name: 'routineChannel', label: 'Routine channel', placeholder: '#hft-operations', hint: 'The handoff.' },
  ],
  statuspage: [
    { name: 'token', label: 'Statuspage API key', secret: true },
    { name: 'pageId', label: 'Page ID' },
    {
      name: 'components', label: 'Components by scenario', multiline: true,
      placeholder: 'exchange_disconnected = cmp123\nsystem_down = cmp456',
      hint: 'One "scenario = component ID" per line; SEV1 and SEV2 only.',
    },
  ],
  alertmanager: [
    { name: 'url', label: 'Alertmanager URL', placeholder: 'http://alertmanager:9093', hint: 'Its firing alerts open incidents here (silenced and inhibited ones do not).' },
    { name: 'postOwnAlerts', label: "Post the cockpit's own alerts to Alertmanager", tick: true, hint: "So the team's routing sees them. Off: Alertmanager is only read." },
  ],
};

export function formFromSettings(channel: IntegrationChannel, saved: IntegrationSettings): FormValues {
  const empty = Object.fromEntries(FORM_FIELDS[channel].map((f) => [f.name, ''])) as FormValues;
  switch (channel) {
    case 'pagerduty': {
      const s = saved.pagerduty;
      return s ? { ...empty, fromEmail: s.fromEmail, escalationPolicyId: s.escalationPolicyId ?? '' } : empty;
    }
    case 'slack': {
      const s = saved.slack;
      return s
        ? { ...empty, mode: s.mode, incidentChannel: s.incidentChannel, routineChannel: s.routineChannel }
        : { ...empty, mode: 'bot', incidentChannel: '#incident-response', routineChannel: '#hft-operations' };
    }
    case 'statuspage': {
      const s = saved.statuspage;
      return s ? { ...empty, pageId: s.pageId, components: Object.entries(s.components).map(([k, v]) => `${k} = ${v}`).join('\n') } : empty;
    }
    case 'alertmanager':
      return saved.alertmanager ? { ...empty, url: saved.alertmanager.url, postOwnAlerts: saved.alertmanager.postOwnAlerts ? 'true' : '' } : empty;
  }
}

function parseComponents(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [n, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^([\w-]+)\s*=\s*(\S+)$/.exec(line);
    if (!m) return `line ${n + 1}: expected "scenario = component ID"`;
    out[m[1]!] = m[2]!;
  }
  return out;
}

export type BuildResult = { ok: true; request: IntegrationConfigureRequest } | { ok: false; errors: FormErrors };

/**
 * The configure request for the boxes; `tokenStored` says whether an
 * empty token box may keep what the secret store holds.
 */
export function buildConfigureRequest(channel: IntegrationChannel, form: FormValues, tokenStored: boolean): BuildResult {
  const errors: FormErrors = {};
  const token = (form.token ?? '').trim();
  const routingKey = (form.routingKey ?? '').trim();
  const needed = 'Needed to turn it on; kept in the secret store, never shown again.';
  if (channel !== 'alertmanager' && token === '' && !tokenStored) errors.token = needed;
  if (channel === 'pagerduty' && routingKey === '' && !tokenStored) errors.routingKey = needed;
  const v = (k: string) => (form[k] ?? '').trim();
  let candidate: unknown;
  let schema: { safeParse(x: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };
  switch (channel) {
    case 'pagerduty':
      candidate = { fromEmail: v('fromEmail'), escalationPolicyId: v('escalationPolicyId') || null };
      schema = PagerDutySettings;
      break;
    case 'slack':
      candidate = { mode: v('mode') === 'webhook' ? 'webhook' : 'bot', incidentChannel: v('incidentChannel'), routineChannel: v('routineChannel') };
      if (v('mode') === 'webhook' && token !== '' && !/^https?:\/\/\S+$/.test(token)) errors.token = 'An http(s) URL, such as https://hooks.slack.com/services/…';
      schema = SlackSettings;
      break;
    case 'statuspage': {
      const components = parseComponents(form.components ?? '');
      if (typeof components === 'string') errors.components = components;
      candidate = { pageId: v('pageId'), components: typeof components === 'string' ? {} : components };
      schema = StatuspageSettings;
      break;
    }
    case 'alertmanager':
      candidate = { url: v('url'), postOwnAlerts: form.postOwnAlerts === 'true' };
      schema = AlertmanagerSettings;
      break;
  }
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      errors[field] ??= v(field) === '' ? 'Required.' : issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const request = {
    channel, settings: candidate,
    ...(channel !== 'alertmanager' && token !== '' ? { token } : {}),
    ...(channel === 'pagerduty' && routingKey !== '' ? { routingKey } : {}),
  } as IntegrationConfigureRequest;
  return { ok: true, request };
}
