import { describe, expect, it } from 'vitest';
import { afterActions, SAMPLE_T0, sampleIncident } from '../store/incident-fixtures.js';
import { alarmShouldRing, noticeFor } from './decide.js';

describe('the SEV1 alarm', () => {
  const sev1 = sampleIncident(SAMPLE_T0, 'SEV1');

  it('rings for an open SEV1 nobody acknowledged, unless muted', () => {
    expect(alarmShouldRing([sev1], false)).toBe(true);
    expect(alarmShouldRing([sev1], true)).toBe(false);
    expect(alarmShouldRing(null, false)).toBe(false);
  });

  it('stops once acknowledged, and does not ring for lower severities', () => {
    const acked = afterActions(sev1, [[{ type: 'acknowledge', incidentId: sev1.id, by: 'alice' }, SAMPLE_T0 + 1000]]);
    expect(alarmShouldRing([acked], false)).toBe(false);
    expect(alarmShouldRing([sampleIncident(SAMPLE_T0, 'SEV2')], false)).toBe(false);
  });
});

describe('desktop notices', () => {
  const alert = { kind: 'breach' as const, incidentId: 'INC-1', severity: 'SEV1' as const, title: 'SEV1 INC-1 overdue: Acknowledge', body: 'x', item: 'ack' as const, at: 1 };

  it('are shown by the page only in the browser host (Electron shows its own)', () => {
    expect(noticeFor(alert, 'electron')).toBeNull();
    expect(noticeFor(alert, null)).toBeNull();
    expect(noticeFor(alert, 'browser')).toEqual({
      title: 'SEV1 INC-1 overdue: Acknowledge', body: 'x', tag: 'INC-1:breach:ack', requireInteraction: true,
    });
  });

  it('replace each other per incident and kind, and stay up only for SEV1', () => {
    const n = noticeFor({ ...alert, kind: 'new', severity: 'SEV3', item: null }, 'browser');
    expect(n).toMatchObject({ tag: 'INC-1:new', requireInteraction: false });
  });
});
