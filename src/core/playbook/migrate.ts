/**
 * Format 1 playbooks, written before the escalation clocks had anchors, read
 * as format 2. Format 1 had one Level 2 timer for every severity
 * (`escalation.level2AfterMinutes`, from the start); format 2 has one per
 * severity with its anchor, the scenarios' own clocks, the flags' contacts,
 * where status updates go and the decision tree's numbers. What the file
 * says is kept: its Level 2 minutes become the SEV2 and SEV3 clocks; what it
 * could not say comes from the default playbook. Contacts the new fields
 * name and the file lacks are added from the default directory, so a file
 * that was valid stays valid.
 */
import { DEFAULT_PLAYBOOK } from './default.js';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const fill = (target: Json, key: string, value: unknown) => {
  if (!(key in target)) target[key] = structuredClone(value);
};

export function migratePlaybook(input: unknown): unknown {
  if (!isRecord(input) || input.format !== 1) return input;
  const out = structuredClone(input);
  out.format = 2;
  const defaults = DEFAULT_PLAYBOOK;

  const escalation = isRecord(out.escalation) ? out.escalation : null;
  const oldLevel2 = escalation?.level2AfterMinutes;
  if (escalation) {
    delete escalation.level2AfterMinutes;
    for (const key of ['notUnderstoodMinutes', 'financialImpactUsd', 'securityContact', 'complianceContact'] as const) {
      fill(escalation, key, defaults.escalation[key]);
    }
  }

  if (isRecord(out.severities)) {
    for (const [sev, policy] of Object.entries(defaults.severities)) {
      const target = out.severities[sev];
      if (!isRecord(target)) continue;
      const clock = policy.escalateLevel2;
      const kept = clock && clock.from !== 'severity' && typeof oldLevel2 === 'number' ? { ...clock, afterMinutes: oldLevel2 } : clock;
      fill(target, 'escalateLevel2', kept);
      fill(target, 'updateChannels', policy.updateChannels);
    }
  }

  if (isRecord(out.scenarios)) {
    for (const [id, scenario] of Object.entries(defaults.scenarios)) {
      const target = out.scenarios[id];
      if (isRecord(target)) fill(target, 'escalateLevel2', scenario.escalateLevel2);
    }
  }
  fill(out, 'communication', defaults.communication);
  fill(out, 'decisionTree', defaults.decisionTree);

  if (Array.isArray(out.contacts)) {
    const contacts = out.contacts as unknown[];
    const have = new Set(contacts.filter(isRecord).map((c) => c.id));
    const named = [
      escalation?.securityContact,
      escalation?.complianceContact,
      isRecord(out.communication) ? out.communication.statusPageContact : undefined,
      ...Object.values(isRecord(out.severities) ? out.severities : {}).flatMap((p) => (isRecord(p) && Array.isArray(p.updateChannels) ? p.updateChannels : [])),
    ];
    for (const id of named) {
      const contact = defaults.contacts.find((c) => c.id === id);
      if (contact && !have.has(id)) {
        contacts.push(structuredClone(contact));
        have.add(id);
      }
    }
  }
  return out;
}
