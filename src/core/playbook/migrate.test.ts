import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from './default.js';
import { parsePlaybook } from './parse.js';

/** A format 1 file as the cockpit exported it before the per-severity Level 2 clocks. */
function formatOne(level2AfterMinutes: number): Record<string, any> {
  const p = structuredClone(DEFAULT_PLAYBOOK) as Record<string, any>;
  p.format = 1;
  p.escalation.level2AfterMinutes = level2AfterMinutes;
  for (const key of ['notUnderstoodMinutes', 'financialImpactUsd', 'securityContact', 'complianceContact']) delete p.escalation[key];
  for (const sev of Object.values(p.severities) as Record<string, unknown>[]) {
    delete sev.escalateLevel2;
    delete sev.updateChannels;
  }
  for (const sc of Object.values(p.scenarios) as Record<string, unknown>[]) delete sc.escalateLevel2;
  delete p.communication;
  delete p.decisionTree;
  p.contacts = p.contacts.filter((c: { id: string }) => c.id !== 'status-page' && c.id !== 'security');
  return p;
}

describe('a format 1 playbook', () => {
  it('reads as format 2, its Level 2 minutes kept for the SEV2 and SEV3 clocks', () => {
    const result = parsePlaybook(formatOne(45));
    if (!result.ok) throw new Error(result.error);
    const p = result.playbook;
    expect(p.format).toBe(2);
    expect(p.severities.SEV1.escalateLevel2).toEqual({ afterMinutes: 5, from: 'severity' });
    expect(p.severities.SEV2.escalateLevel2).toEqual({ afterMinutes: 45, from: 'start' });
    expect(p.severities.SEV3.escalateLevel2).toEqual({ afterMinutes: 45, from: 'engaged' });
    expect(p.scenarios.exchange_disconnected.escalateLevel2).toEqual({ afterMinutes: 30 });
    expect('level2AfterMinutes' in p.escalation).toBe(false);
  });

  it('gets the contacts the new fields name from the default directory', () => {
    const result = parsePlaybook(formatOne(60));
    if (!result.ok) throw new Error(result.error);
    const ids = result.playbook.contacts.map((c) => c.id);
    expect(ids).toContain('status-page');
    expect(ids).toContain('security');
  });
});
