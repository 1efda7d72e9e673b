/**
 * The Settings dialog's fields as the engineer types them (text boxes hold
 * strings, "use the default" is an empty box or a tick), and the two ways
 * across: settings → form to fill the dialog, form → settings checked with
 * the contract's own zod schema so the page refuses exactly what the host
 * would. `changedSettings` is what Save sends: only the fields that differ.
 */
import { Settings } from '../../src/contract/app.js';

export interface SettingsForm {
  /** Ticked: watch the embedded simulator (apiUrl null). */
  useDemo: boolean;
  apiUrl: string;
  pollMs: string;
  fastPollMs: string;
  requestTimeoutMs: string;
  historyHours: string;
  /** Empty: the operating system's user name. */
  operatorName: string;
  /** Empty: the machine's time zone. */
  timeZone: string;
  scrollbackLines: string;
  recordProdTranscripts: boolean;
  /** Empty: $SSH_AUTH_SOCK. */
  sshAgentSocket: string;
  /** Unticked: the pre-shift check leaves the database out. */
  checkDatabase: boolean;
  dbHost: string;
  dbPort: string;
  dbUser: string;
  dbName: string;
  onCallRole: Settings['onCallRole'];
  handoffWeekday: string;
  handoffTime: string;
}

export type FormField = keyof SettingsForm;
export type FieldErrors = Partial<Record<FormField, string>>;

/** Fields the running cockpit reads once at start (src/host/backend.ts): saved now, used after a restart. */
export const APPLIES_AT_NEXT_START: ReadonlySet<FormField> = new Set(['useDemo', 'apiUrl', 'pollMs', 'fastPollMs', 'requestTimeoutMs', 'historyHours']);

export function formFromSettings(s: Settings): SettingsForm {
  return {
    useDemo: s.apiUrl === null,
    apiUrl: s.apiUrl ?? '',
    pollMs: String(s.pollMs),
    fastPollMs: String(s.fastPollMs),
    requestTimeoutMs: String(s.requestTimeoutMs),
    historyHours: String(s.historyHours),
    operatorName: s.operatorName ?? '',
    timeZone: s.timeZone ?? '',
    scrollbackLines: String(s.scrollbackLines),
    recordProdTranscripts: s.recordProdTranscripts,
    sshAgentSocket: s.sshAgentSocket ?? '',
    checkDatabase: s.checksDatabase !== null,
    dbHost: s.checksDatabase?.host ?? '',
    dbPort: s.checksDatabase ? String(s.checksDatabase.port) : '',
    dbUser: s.checksDatabase?.user ?? '',
    dbName: s.checksDatabase?.database ?? '',
    onCallRole: s.onCallRole,
    handoffWeekday: String(s.handoffWeekday),
    handoffTime: s.handoffTime,
  };
}

/** Where a schema path lands in the form (the database target is four boxes). */
const FIELD_OF_PATH: Record<string, FormField> = {
  'checksDatabase.host': 'dbHost',
  'checksDatabase.port': 'dbPort',
  'checksDatabase.user': 'dbUser',
  'checksDatabase.database': 'dbName',
  checksDatabase: 'checkDatabase',
};

const NUMBER_FIELDS = ['pollMs', 'fastPollMs', 'requestTimeoutMs', 'historyHours', 'scrollbackLines', 'dbPort'] as const;

const optional = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** A number box's value, or NaN for anything that is not plainly a number ("", "1e3x"). */
function numberOf(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** Whether this browser's Intl knows the zone; the host resolves shift times with the same tables. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type FormResult = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

export function settingsFromForm(form: SettingsForm): FormResult {
  const errors: FieldErrors = {};
  for (const field of NUMBER_FIELDS) {
    if (field === 'dbPort' && !form.checkDatabase) continue;
    if (!Number.isFinite(numberOf(form[field]))) errors[field] = 'Enter a number';
  }
  const timeZone = optional(form.timeZone);
  if (timeZone !== null && !isKnownTimeZone(timeZone)) errors.timeZone = 'Not a time zone name (e.g. Europe/London, UTC)';

  const candidate = {
    apiUrl: form.useDemo ? null : form.apiUrl.trim(),
    pollMs: numberOf(form.pollMs),
    fastPollMs: numberOf(form.fastPollMs),
    requestTimeoutMs: numberOf(form.requestTimeoutMs),
    historyHours: numberOf(form.historyHours),
    operatorName: optional(form.operatorName),
    timeZone,
    scrollbackLines: numberOf(form.scrollbackLines),
    recordProdTranscripts: form.recordProdTranscripts,
    sshAgentSocket: optional(form.sshAgentSocket),
    checksDatabase: form.checkDatabase
      ? { host: form.dbHost.trim(), port: numberOf(form.dbPort), user: form.dbUser.trim(), database: form.dbName.trim() }
      : null,
    onCallRole: form.onCallRole,
    handoffWeekday: numberOf(form.handoffWeekday),
    handoffTime: form.handoffTime.trim(),
  };
  const parsed = Settings.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      const field = FIELD_OF_PATH[path] ?? (path as FormField);
      // The "Enter a number" already given says more than zod's "expected number, received NaN".
      errors[field] ??= issue.message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}

/** The fields of `next` that differ from `saved`: what Save sends as the patch. */
export function changedSettings(saved: Settings, next: Settings): Partial<Settings> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (!sameValue(saved[key], next[key])) patch[key] = next[key];
  }
  return patch as Partial<Settings>;
}

/** Equal as settings values: primitives, null, or a flat object such as the database target in any key order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = Object.entries(a);
  const right = b as Record<string, unknown>;
  return left.length === Object.keys(right).length && left.every(([k, v]) => Object.hasOwn(right, k) && right[k] === v);
}
