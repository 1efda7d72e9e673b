/**
 * What the Settings dialog asks its host: the saved settings, and a save of
 * only the fields that changed. The form is checked in the page first with
 * the contract's schema; the host checks again and its refusal lands in the
 * store's error line in its words.
 */
import type { Settings } from '../../src/contract/app.js';
import type { CockpitHost } from '../../src/contract/host.js';
import { callReporting } from '../host/call-reporting.js';
import { APPLIES_AT_NEXT_START, changedSettings, settingsFromForm, type FormField } from './settings-form.js';
import type { SettingsStore } from './settings-store.js';

export interface SettingsActions {
  load(): Promise<void>;
  /** Validates the form and sends what changed; the host's settings when it saved a change, else null. */
  save(): Promise<Settings | null>;
}

export function settingsActions(host: Pick<CockpitHost, 'call'>, store: SettingsStore): SettingsActions {
  const call = callReporting(() => host, (message) => store.getState().setError(message));

  return {
    async load() {
      const settings = await call('settings.get', {});
      if (settings) store.getState().loaded(settings);
    },
    async save() {
      const { form, saved } = store.getState();
      if (!form || !saved) return null;
      const checked = settingsFromForm(form);
      if (!checked.ok) {
        store.getState().setErrors(checked.errors);
        store.getState().setOutcome(null);
        return null;
      }
      const patch = changedSettings(saved, checked.settings);
      const fields = Object.keys(patch) as (keyof Settings)[];
      if (fields.length === 0) {
        store.getState().setOutcome('Nothing changed');
        return null;
      }
      store.getState().setSaving(true);
      try {
        const settings = await call('settings.update', patch);
        if (!settings) return null;
        store.getState().loaded(settings);
        store.getState().setOutcome(outcomeOf(fields));
        return settings;
      } finally {
        store.getState().setSaving(false);
      }
    },
  };
}

function outcomeOf(fields: (keyof Settings)[]): string {
  const later = fields.some((f) => APPLIES_AT_NEXT_START.has(f as FormField));
  const count = fields.length === 1 ? '1 setting' : `${fields.length} settings`;
  return later ? `Saved ${count}. The trading system and polling settings apply at the next start.` : `Saved ${count}.`;
}
