/**
 * One labelled box, tick or choice of the Settings dialog, bound to its
 * field in the store, with its refusal beside it (`aria-invalid`,
 * `aria-describedby`) and, where the running cockpit only reads it at
 * start, the words "applies at next start".
 */
import { useId, type ReactNode } from 'react';
import { APPLIES_AT_NEXT_START, type FormField, type SettingsForm } from './settings-form.js';
import { settingsStore, useSettingsDialog } from './settings.js';

type TextField = { [F in FormField]: SettingsForm[F] extends string ? F : never }[FormField];
type TickField = { [F in FormField]: SettingsForm[F] extends boolean ? F : never }[FormField];

interface Common {
  label: string;
  /** What an empty box or the choice means, in a line under the label. */
  hint?: string;
  disabled?: boolean;
}

function FieldFrame({ field, id, label, hint, children }: { field: FormField; id: string; label: string; hint?: string | undefined; children: ReactNode }) {
  const error = useSettingsDialog((s) => s.errors[field]);
  return (
    <div className="settings-field" data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>
        {label}
        {APPLIES_AT_NEXT_START.has(field) ? <span className="settings-later"> · applies at next start</span> : null}
      </label>
      {children}
      {hint ? <span className="muted settings-hint" id={`${id}-hint`}>{hint}</span> : null}
      {error ? (
        <span className="settings-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A field's element id, its value in the form (or `empty` before the form loads) and its refusal. */
function useBoundField<F extends FormField>(field: F, empty: SettingsForm[F]) {
  const id = useId();
  const value = useSettingsDialog((s) => s.form?.[field] ?? empty);
  const error = useSettingsDialog((s) => s.errors[field]);
  return { id, value, error };
}

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextBox({ field, inputMode, placeholder, ...common }: Common & { field: TextField; inputMode?: 'numeric' | 'decimal'; placeholder?: string }) {
  const { id, value, error } = useBoundField(field, '');
  return (
    <FieldFrame field={field} id={id} label={common.label} hint={common.hint}>
      <input
        id={id}
        value={value}
        inputMode={inputMode}
        placeholder={placeholder}
        disabled={common.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, common.hint, error)}
        onChange={(e) => settingsStore.getState().edit(field, e.target.value)}
      />
    </FieldFrame>
  );
}

export function Choice({ field, options, ...common }: Common & { field: TextField; options: { value: string; label: string }[] }) {
  const { id, value, error } = useBoundField(field, '');
  return (
    <FieldFrame field={field} id={id} label={common.label} hint={common.hint}>
      <select
        id={id}
        value={value}
        disabled={common.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, common.hint, error)}
        onChange={(e) => settingsStore.getState().edit(field, e.target.value as never)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Tick({ field, label, hint }: Common & { field: TickField }) {
  const { id, value: checked, error } = useBoundField(field, false);
  return (
    <div className="settings-field settings-tick">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => settingsStore.getState().edit(field, e.target.checked)}
      />
      <label htmlFor={id}>
        {label}
        {APPLIES_AT_NEXT_START.has(field) ? <span className="settings-later"> · applies at next start</span> : null}
      </label>
      {hint ? <span className="muted settings-hint" id={`${id}-hint`}>{hint}</span> : null}
      {error ? (
        <span className="settings-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
