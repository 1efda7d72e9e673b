/**
 * The Settings dialog as the renderer holds it: whether it is open, the
 * settings the host last confirmed, the fields as typed, the refusals per
 * field, the host's last error and the line saying what Save did. Vanilla
 * zustand, so tests drive it without React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Settings } from '../../src/contract/app.js';
import { formFromSettings, type FieldErrors, type SettingsForm } from './settings-form.js';

export interface SettingsState {
  open: boolean;
  /** What the host holds now; null until the dialog's first load answers. */
  saved: Settings | null;
  form: SettingsForm | null;
  errors: FieldErrors;
  /** The host's refusal or failure, in its words. */
  error: string | null;
  /** What the last Save did, for the status line. */
  outcome: string | null;
  saving: boolean;
  setOpen(open: boolean): void;
  /** The host's settings arrived: the form shows them, and nothing typed is kept. */
  loaded(settings: Settings): void;
  edit<F extends keyof SettingsForm>(field: F, value: SettingsForm[F]): void;
  setErrors(errors: FieldErrors): void;
  setError(error: string | null): void;
  setOutcome(outcome: string | null): void;
  setSaving(saving: boolean): void;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(): SettingsStore {
  return createStore<SettingsState>()((set, get) => ({
    open: false,
    saved: null,
    form: null,
    errors: {},
    error: null,
    outcome: null,
    saving: false,
    // Each opening starts from what the host holds, not from what was typed and abandoned last time.
    setOpen: (open) => set(open ? { open, form: null, saved: null, errors: {}, error: null, outcome: null } : { open }),
    loaded: (settings) => set({ saved: settings, form: formFromSettings(settings), errors: {} }),
    edit: (field, value) => {
      const form = get().form;
      if (!form) return;
      const errors = { ...get().errors };
      delete errors[field];
      set({ form: { ...form, [field]: value }, errors, outcome: null });
    },
    setErrors: (errors) => set({ errors }),
    setError: (error) => set({ error }),
    setOutcome: (outcome) => set({ outcome }),
    setSaving: (saving) => set({ saving }),
  }));
}
