import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { IntegrationSettings } from '../../contract/integrations.js';
import { owedSince } from './integrations-host.js';

const settings = (over: Partial<z.input<typeof IntegrationSettings>>) =>
  IntegrationSettings.parse({ pagerduty: null, slack: null, statuspage: null, alertmanager: null, enabledAt: {}, ...over });

describe('owedSince', () => {
  it('owes Alertmanager the cockpit\'s own alerts only when asked to post them', () => {
    const read = settings({ alertmanager: { url: 'http://127.0.0.1:9093' }, enabledAt: { alertmanager: 5 } });
    expect(read.alertmanager?.postOwnAlerts).toBe(false);
    expect(owedSince(read, () => false)).toEqual({});
    const post = settings({ alertmanager: { url: 'http://127.0.0.1:9093', postOwnAlerts: true }, enabledAt: { alertmanager: 5 } });
    expect(owedSince(post, () => false)).toEqual({ alertmanager: 5 });
  });

  it('owes a channel that needs a token nothing until the token is there', () => {
    const s = settings({ slack: { incidentChannel: '#i', routineChannel: '#r' }, enabledAt: { slack: 7 } });
    expect(owedSince(s, () => false)).toEqual({});
    expect(owedSince(s, (c) => c === 'slack')).toEqual({ slack: 7 });
  });
});
