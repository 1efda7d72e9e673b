import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/contract/app.js';
import { changedSettings, formFromSettings, isKnownTimeZone, settingsFromForm, type SettingsForm } from './settings-form.js';

const saved: Settings = {
  ...DEFAULT_SETTINGS,
  apiUrl: 'http://10.0.0.5:8080',
  operatorName: 'ana',
  timeZone: 'Europe/London',
  sshAgentSocket: '/run/agent.sock',
};

const edit = (over: Partial<SettingsForm>, from: Settings = saved): SettingsForm => ({ ...formFromSettings(from), ...over });

describe('settings form', () => {
  it('round-trips every setting through the form unchanged', () => {
    for (const s of [saved, DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, checksDatabase: null, onCallRole: 'secondary' as const }]) {
      expect(settingsFromForm(formFromSettings(s))).toEqual({ ok: true, settings: s });
    }
  });

  it('shows the defaults that mean "not set" as empty boxes and ticks', () => {
    const form = formFromSettings({ ...DEFAULT_SETTINGS, checksDatabase: null });
    expect(form).toMatchObject({ useDemo: true, apiUrl: '', operatorName: '', timeZone: '', sshAgentSocket: '', checkDatabase: false, dbPort: '' });
  });

  it('turns empty boxes back into null and trims what was typed', () => {
    const result = settingsFromForm(edit({ operatorName: '  ', timeZone: '', sshAgentSocket: '', useDemo: true, dbHost: ' db-1 ' }));
    expect(result.ok && result.settings).toMatchObject({
      operatorName: null,
      timeZone: null,
      sshAgentSocket: null,
      apiUrl: null,
      checksDatabase: { host: 'db-1', port: 5432, user: 'hft_user', database: 'hft_db' },
    });
  });

  it('leaves the database out when unticked, whatever its boxes hold', () => {
    const result = settingsFromForm(edit({ checkDatabase: false, dbPort: 'junk', dbHost: '' }));
    expect(result.ok && result.settings.checksDatabase).toBeNull();
  });

  it('names the field of each refusal, with the contract schema as judge', () => {
    const result = settingsFromForm(edit({ pollMs: '50', handoffTime: '25:00', apiUrl: 'not a url', dbPort: '70000', operatorName: 'x'.repeat(101) }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['apiUrl', 'dbPort', 'handoffTime', 'operatorName', 'pollMs']);
    expect(result.errors.pollMs).toMatch(/200/);
    expect(result.errors.handoffTime).toBe('expected HH:MM');
  });

  it('says "Enter a number" for a box that is not a number, and refuses fractions where whole numbers are needed', () => {
    const result = settingsFromForm(edit({ requestTimeoutMs: 'fast', historyHours: '', scrollbackLines: '1000.5' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.requestTimeoutMs).toBe('Enter a number');
    expect(result.errors.historyHours).toBe('Enter a number');
    expect(result.errors.scrollbackLines).toBeTruthy();
    expect(settingsFromForm(edit({ historyHours: '1.5' })).ok).toBe(true);
  });

  it('refuses a time zone the browser does not know', () => {
    expect(isKnownTimeZone('Asia/Tokyo')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    const result = settingsFromForm(edit({ timeZone: 'Mars/Olympus' }));
    expect(result.ok === false && result.errors.timeZone).toMatch(/time zone/);
  });

  it('needs an API URL when the demo simulator is not used', () => {
    const result = settingsFromForm(edit({ useDemo: false, apiUrl: '' }));
    expect(result.ok === false && result.errors.apiUrl).toBeTruthy();
  });
});

describe('changed settings', () => {
  it('is empty when nothing changed, including a database target with its keys in another order', () => {
    const reordered = { ...saved, checksDatabase: { database: 'hft_db', user: 'hft_user', port: 5432, host: 'hft-prod-01' } };
    expect(changedSettings(saved, reordered)).toEqual({});
  });

  it('holds only the fields that differ, with their new values', () => {
    const next: Settings = { ...saved, operatorName: 'bob', timeZone: null, checksDatabase: { ...saved.checksDatabase!, port: 5433 } };
    expect(changedSettings(saved, next)).toEqual({
      operatorName: 'bob',
      timeZone: null,
      checksDatabase: { host: 'hft-prod-01', port: 5433, user: 'hft_user', database: 'hft_db' },
    });
    expect(changedSettings(saved, { ...saved, checksDatabase: null })).toEqual({ checksDatabase: null });
  });
});
