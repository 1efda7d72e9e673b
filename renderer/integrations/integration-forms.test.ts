import { describe, expect, it } from 'vitest';
import type { IntegrationSettings } from '../../src/contract/integrations.js';
import { buildConfigureRequest, fieldsFor, formFromSettings } from './integration-forms.js';

const saved: IntegrationSettings = {
  pagerduty: { fromEmail: 'ana@example.com', escalationPolicyId: null },
  slack: null,
  statuspage: { pageId: 'pg1', components: { system_down: 'c1', disk_low: 'c2' } },
  alertmanager: null,
  enabledAt: {},
};

describe('integration forms', () => {
  it('fills the boxes from the saved settings and never a token', () => {
    expect(formFromSettings('pagerduty', saved)).toEqual({ token: '', routingKey: '', fromEmail: 'ana@example.com', escalationPolicyId: '' });
    expect(formFromSettings('statuspage', saved).components).toBe('system_down = c1\ndisk_low = c2');
    expect(formFromSettings('slack', saved)).toMatchObject({ token: '', incidentChannel: '#incident-response' });
  });

  it('needs a token to turn an integration on, and keeps the stored one when the box is empty', () => {
    const form = { token: '', routingKey: '', fromEmail: 'ana@example.com', escalationPolicyId: '' };
    expect(buildConfigureRequest('pagerduty', form, false)).toMatchObject({ ok: false, errors: { token: expect.any(String), routingKey: expect.any(String) } });
    const kept = buildConfigureRequest('pagerduty', form, true);
    expect(kept).toEqual({ ok: true, request: { channel: 'pagerduty', settings: { fromEmail: 'ana@example.com', escalationPolicyId: null } } });
    const given = buildConfigureRequest('pagerduty', { ...form, token: ' tok ', routingKey: ' R1 ' }, true);
    expect(given).toMatchObject({ ok: true, request: { token: 'tok', routingKey: 'R1' } });
  });

  it('refuses a bad email, an empty channel and a component line it cannot read, beside each box', () => {
    expect(buildConfigureRequest('pagerduty', { token: 't', routingKey: 'R', fromEmail: 'nope', escalationPolicyId: '' }, false)).toMatchObject({ ok: false, errors: { fromEmail: expect.any(String) } });
    expect(buildConfigureRequest('slack', { mode: 'bot', token: 't', incidentChannel: '', routineChannel: '#ops' }, false)).toEqual({ ok: false, errors: { incidentChannel: 'Required.' } });
    expect(buildConfigureRequest('statuspage', { token: 't', pageId: 'p', components: 'system_down c1' }, false)).toEqual({ ok: false, errors: { components: 'line 1: expected "scenario = component ID"' } });
  });

  it('takes a Slack webhook URL as the secret, asks for no channels, and refuses what is not a URL', () => {
    const form = { ...formFromSettings('slack', saved), mode: 'webhook', token: 'https://hooks.slack.com/services/T/B/x' };
    expect(fieldsFor('slack', form).map((f) => f.label)).toEqual(['Post with', 'Slack webhook URL']);
    expect(buildConfigureRequest('slack', form, false)).toMatchObject({ ok: true, request: { settings: { mode: 'webhook' }, token: 'https://hooks.slack.com/services/T/B/x' } });
    expect(buildConfigureRequest('slack', { ...form, token: 'hooks.slack.com/x' }, false)).toMatchObject({ ok: false, errors: { token: expect.stringContaining('http(s) URL') } });
    expect(fieldsFor('slack', { ...form, mode: 'bot' }).map((f) => f.name)).toContain('incidentChannel');
  });

  it('reads the components and the Alertmanager URL', () => {
    expect(buildConfigureRequest('statuspage', { token: '', pageId: 'p', components: 'system_down = c1\n\n disk_low=c2 ' }, true)).toEqual({ ok: true, request: { channel: 'statuspage', settings: { pageId: 'p', components: { system_down: 'c1', disk_low: 'c2' } } } });
    expect(buildConfigureRequest('alertmanager', { url: 'ftp://x' }, false)).toMatchObject({ ok: false, errors: { url: expect.any(String) } });
    expect(buildConfigureRequest('alertmanager', { url: 'http://127.0.0.1:9093', postOwnAlerts: '' }, false)).toEqual({ ok: true, request: { channel: 'alertmanager', settings: { url: 'http://127.0.0.1:9093', postOwnAlerts: false } } });
    expect(buildConfigureRequest('alertmanager', { url: 'http://127.0.0.1:9093', postOwnAlerts: 'true' }, false)).toMatchObject({ ok: true, request: { settings: { postOwnAlerts: true } } });
  });
});
