/**
 * The Integrations part of Settings: one small form per integration, each
 * saved on its own (`integrations.configure`) and turned off with its own
 * button. Token boxes are password boxes that start empty: the host never
 * sends a token back, and an empty box keeps the stored one.
 */
import { useId, useState, type FormEvent } from 'react';
import type { IntegrationChannel, IntegrationConfigureRequest, IntegrationState } from '../../src/contract/integrations.js';
import { CHANNEL_LABELS } from '../../src/core/outbox/model.js';
import { getHost } from '../host/index.js';
import { localClockTime } from '../view/format.js';
import { integrationStateWords } from './integration-words.js';
import { buildConfigureRequest, fieldsFor, formFromSettings, type FieldSpec, type FormErrors, type FormValues } from './integration-forms.js';
import { integrationsStore, useIntegrations } from './integrations.js';

const ORDER: IntegrationChannel[] = ['pagerduty', 'slack', 'statuspage', 'alertmanager'];

export function IntegrationsSettings() {
  const view = useIntegrations((s) => s.view);
  const error = useIntegrations((s) => s.error);
  if (!view) return <p className="muted">{error ? `Integrations not read: ${error}` : 'Reading the integrations…'}</p>;
  return (
    <div className="integrations-settings">
      <p className="muted settings-hint" style={{ gridColumn: '1 / -1', margin: 0 }}>
        Each integration is off until saved here. Tokens go to the secret store and are never shown again.
        Every message is recorded before it is sent and retried until the far side confirms.
      </p>
      {ORDER.map((channel) => (
        <IntegrationForm key={channel} channel={channel} state={view.states.find((s) => s.channel === channel)!} />
      ))}
    </div>
  );
}

function IntegrationForm({ channel, state }: { channel: IntegrationChannel; state: IntegrationState }) {
  const saved = useIntegrations((s) => s.view!.settings);
  const [form, setForm] = useState<FormValues>(() => formFromSettings(channel, saved));
  const [errors, setErrors] = useState<FormErrors>({});
  const [outcome, setOutcome] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const label = CHANNEL_LABELS[channel];
  const on = saved[channel] !== null;
  const words = integrationStateWords(state, localClockTime);

  const send = async (request: IntegrationConfigureRequest, done: string) => {
    setBusy(true);
    const result = await getHost().call('integrations.configure', request);
    setBusy(false);
    if (!result.ok) {
      setOutcome({ text: `Not saved: ${result.error.message}`, bad: true });
      return;
    }
    integrationsStore.getState().setView(result.value);
    setForm(formFromSettings(channel, result.value.settings));
    setOutcome({ text: done, bad: false });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // A token stored for the other Slack mode is no use to this one.
    const stored = state.configured && (channel !== 'slack' || saved.slack?.mode === form.mode);
    const built = buildConfigureRequest(channel, form, stored);
    if (!built.ok) {
      setErrors(built.errors);
      setOutcome({ text: 'Not saved: correct the fields marked below their boxes.', bad: true });
      return;
    }
    setErrors({});
    await send(built.request, `${label} saved.`);
  };
  const turnOff = () => void send({ channel, settings: null } as IntegrationConfigureRequest, `${label} turned off; its token removed.`);

  return (
    <form aria-label={`${label} settings`} noValidate onSubmit={(e) => void save(e)}>
      <h4>
        {label} <span className={`level-${words.level}`}><strong>{words.word}</strong></span>
      </h4>
      {fieldsFor(channel, form).map((f) => (
        <Field
          key={f.name}
          spec={f}
          value={form[f.name] ?? ''}
          error={errors[f.name]}
          tokenStored={state.configured && (channel !== 'slack' || saved.slack?.mode === form.mode)}
          onChange={(value) => setForm((x) => ({ ...x, [f.name]: value }))}
        />
      ))}
      <div className="integration-form-actions">
        <button type="submit" aria-disabled={busy}>
          Save {label}
        </button>
        {on ? (
          <button type="button" onClick={turnOff} aria-disabled={busy}>
            Turn off {label}
          </button>
        ) : null}
        <p role="status" aria-label={`${label} save result`} className={outcome?.bad ? 'settings-error' : 'muted'}>
          {outcome?.text ?? ''}
        </p>
      </div>
    </form>
  );
}

function Field({ spec, value, error, tokenStored, onChange }: {
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  tokenStored: boolean;
  onChange(value: string): void;
}) {
  const id = useId();
  const hint = spec.secret ? `${tokenStored ? 'Stored (never shown). Leave empty to keep it.' : 'Not stored yet.'}${spec.hint ? ` ${spec.hint}` : ''}` : spec.hint;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id, value, placeholder: spec.placeholder, 'aria-invalid': error ? true : undefined, 'aria-describedby': described,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  if (spec.choice) {
    return (
      <div className="settings-field">
        <label htmlFor={id}>{spec.label}</label>
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {spec.choice.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (spec.tick) {
    return (
      <div className="settings-field settings-tick">
        <input id={id} type="checkbox" checked={value === 'true'} aria-describedby={described} onChange={(e) => onChange(e.target.checked ? 'true' : '')} />
        <label htmlFor={id}>{spec.label}</label>
        {hint ? <span className="muted settings-hint" id={`${id}-hint`}>{hint}</span> : null}
      </div>
    );
  }
  return (
    <div className="settings-field" data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>{spec.label}</label>
      {spec.multiline ? (
        <textarea {...common} spellCheck={false} />
      ) : (
        <input {...common} type={spec.secret ? 'password' : 'text'} autoComplete={spec.secret ? 'new-password' : 'off'} spellCheck={false} />
      )}
      {hint ? <span className="muted settings-hint" id={`${id}-hint`}>{hint}</span> : null}
      {error ? <span className="settings-error" id={`${id}-error`}>{error}</span> : null}
    </div>
  );
}
