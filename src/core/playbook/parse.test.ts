import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK } from './default.js';
import { exportPlaybook, fieldPath, importPlaybook, parsePlaybook, parsePlaybookText } from './parse.js';
import { SCENARIO_IDS, type Playbook } from './schema.js';

/** A deep copy of the default playbook with one change applied. */
function edited(change: (p: Record<string, any>) => void): unknown {
  const copy = structuredClone(DEFAULT_PLAYBOOK) as Record<string, any>;
  change(copy);
  return copy;
}

function errorOf(json: unknown): string {
  const result = parsePlaybook(json);
  if (result.ok) throw new Error('expected the playbook to be refused');
  return result.error;
}

describe('hold times and recurrence', () => {
  it('default to the team\'s choices: 3 s not responding after 2 failed checks, 10 s latency, 30 s disk, 0 s the rest, 30 min to recur', () => {
    const holds = Object.fromEntries(SCENARIO_IDS.map((id) => [id, DEFAULT_PLAYBOOK.scenarios[id].holdSeconds]));
    expect(holds).toEqual({ exchange_disconnected: 0, high_latency: 10, loss_limit: 0, system_down: 3, disk_low: 30 });
    expect(DEFAULT_PLAYBOOK.scenarios.system_down.detection.failedHealthChecks).toBe(2);
    expect(DEFAULT_PLAYBOOK.alerting.recurWithinMinutes).toBe(30);
  });

  it('fill in for a playbook file written before they existed, and keep what a file sets', () => {
    const old = edited((p) => {
      for (const id of SCENARIO_IDS) delete p.scenarios[id].holdSeconds;
      p.alerting = { clearAfterSeconds: 60 };
      p.scenarios.disk_low.holdSeconds = 120;
    });
    const result = parsePlaybook(old);
    if (!result.ok) throw new Error(result.error);
    expect(result.playbook.scenarios.high_latency.holdSeconds).toBe(10);
    expect(result.playbook.scenarios.disk_low.holdSeconds).toBe(120);
    expect(result.playbook.alerting.recurWithinMinutes).toBe(30);
  });

  it('refuse a negative hold, naming the field', () => {
    expect(errorOf(edited((p) => (p.scenarios.high_latency.holdSeconds = -1)))).toBe(
      'scenarios.high_latency.holdSeconds: expected a number of seconds, 0 or more',
    );
  });
});

describe('the default playbook', () => {
  it('passes its own validation', () => {
    const result = parsePlaybook(DEFAULT_PLAYBOOK);
    expect(result.ok).toBe(true);
  });

  it('carries the response times of the procedures', () => {
    const s = DEFAULT_PLAYBOOK.severities;
    expect([s.SEV1.ackMinutes, s.SEV1.engageMinutes, s.SEV1.statusUpdateMinutes]).toEqual([5, 15, 15]);
    expect([s.SEV2.ackMinutes, s.SEV2.engageMinutes, s.SEV2.statusUpdateMinutes]).toEqual([15, 30, 30]);
    expect([s.SEV3.ackMinutes, s.SEV3.engageMinutes, s.SEV3.statusUpdateMinutes]).toEqual([60, 240, null]);
    expect([s.SEV4.ackMinutes, s.SEV4.engageMinutes]).toEqual(['next_business_day', 'next_business_day']);
    expect([s.SEV1.notifyDeskMinutes, s.SEV1.notifyManagementMinutes]).toEqual([5, 15]);
  });

  it('lists the escalation contacts of the directory', () => {
    const byId = new Map(DEFAULT_PLAYBOOK.contacts.map((c) => [c.id, c]));
    expect(byId.get(DEFAULT_PLAYBOOK.escalation.deskContact)?.phone).toBe('+1-555-0103');
    expect(byId.get(DEFAULT_PLAYBOOK.escalation.managementContact)?.email).toBe('management-oncall@company.com');
    expect(byId.get('level2-senior')?.phone).toBe('+1-555-0101');
    expect(byId.get('security')?.email).toBe('security@company.com');
  });

  it('never puts the killswitch in a runbook command', () => {
    for (const id of SCENARIO_IDS) {
      for (const step of DEFAULT_PLAYBOOK.scenarios[id].runbook) expect(step.command ?? '').not.toMatch(/killswitch/i);
    }
  });

  it('round-trips through an exported file', () => {
    const text = exportPlaybook(DEFAULT_PLAYBOOK);
    expect(text.endsWith('\n')).toBe(true);
    const back = parsePlaybookText(text);
    expect(back).toEqual({ ok: true, playbook: DEFAULT_PLAYBOOK });
  });
});

describe('a broken playbook', () => {
  it('names the field of a wrong response time', () => {
    expect(errorOf(edited((p) => (p.severities.SEV1.ackMinutes = -5)))).toBe(
      'severities.SEV1.ackMinutes: expected a positive number of minutes or "next_business_day"',
    );
    expect(errorOf(edited((p) => (p.severities.SEV2.statusUpdateMinutes = 'often')))).toBe(
      'severities.SEV2.statusUpdateMinutes: expected a positive number',
    );
  });

  it('names a missing severity', () => {
    expect(errorOf(edited((p) => delete p.severities.SEV3))).toMatch(/^severities\.SEV3: /);
  });

  it('names array positions in the path', () => {
    expect(errorOf(edited((p) => (p.scenarios.disk_low.runbook[2].id = 'Not An Id')))).toMatch(
      /^scenarios\.disk_low\.runbook\[2\]\.id: expected an identifier/,
    );
    expect(errorOf(edited((p) => (p.contacts[1].name = '  '))).toString()).toBe('contacts[1].name: expected non-empty text');
  });

  it('names an unknown field rather than its parent', () => {
    expect(errorOf(edited((p) => (p.severities.SEV1.ackMinuts = 5)))).toBe('severities.SEV1.ackMinuts: unknown field');
  });

  it('refuses percentages outside 0..100 and severities it does not know', () => {
    expect(errorOf(edited((p) => (p.scenarios.disk_low.detection.criticalPct = 101)))).toBe(
      'scenarios.disk_low.detection.criticalPct: expected a percentage between 0 and 100',
    );
    expect(errorOf(edited((p) => (p.scenarios.high_latency.detection.severity = 'SEV5')))).toBe(
      'scenarios.high_latency.detection.severity: expected one of SEV1, SEV2, SEV3, SEV4',
    );
  });

  it('checks the version and the format', () => {
    expect(errorOf(edited((p) => (p.version = 0)))).toBe('version: expected a whole number from 1');
    expect(errorOf(edited((p) => (p.format = 3)))).toBe('format: expected 2');
  });

  it('refuses references to contacts that do not exist', () => {
    expect(errorOf(edited((p) => p.escalation.levels[1].contacts.push('nobody')))).toBe(
      'escalation.levels[1].contacts[1]: no contact with id "nobody"',
    );
    expect(errorOf(edited((p) => (p.escalation.deskContact = 'desk')))).toBe(
      'escalation.deskContact: no contact with id "desk"',
    );
  });

  it('refuses duplicate ids', () => {
    expect(errorOf(edited((p) => (p.contacts[1].id = p.contacts[0].id)))).toBe('contacts[1].id: "level2-senior" is used twice');
    expect(errorOf(edited((p) => (p.scenarios.high_latency.runbook[1].id = 'latency-report')))).toBe(
      'scenarios.high_latency.runbook[1].id: "latency-report" is used twice',
    );
  });

  it('refuses thresholds out of order', () => {
    expect(errorOf(edited((p) => (p.scenarios.disk_low.detection.criticalPct = 85)))).toBe(
      'scenarios.disk_low.detection.criticalPct: expected more than warnPct',
    );
    expect(errorOf(edited((p) => (p.scenarios.loss_limit.detection.prepareKillPct = 70)))).toBe(
      'scenarios.loss_limit.detection.prepareKillPct: expected at least approachingPct',
    );
    expect(errorOf(edited((p) => (p.escalation.level3AfterMinutes = 60)))).toBe(
      'escalation.level3AfterMinutes: expected more than severities.SEV2.escalateLevel2.afterMinutes',
    );
  });

  it('refuses an unknown time zone and a malformed due time', () => {
    expect(errorOf(edited((p) => (p.businessDays.timeZone = 'Mars/Olympus')))).toBe(
      'businessDays.timeZone: unknown time zone "Mars/Olympus"',
    );
    expect(errorOf(edited((p) => (p.businessDays.dueTime = '5pm')))).toBe('businessDays.dueTime: expected a local time as HH:MM');
  });

  it('refuses a runbook command that fires the killswitch', () => {
    const error = errorOf(
      edited((p) =>
        p.scenarios.loss_limit.runbook.push({
          id: 'kill',
          text: 'Kill',
          command: `curl -X POST http://localhost:8080/api/v1/killswitch -d '{"reason": "x"}'`,
        }),
      ),
    );
    expect(error).toMatch(/^scenarios\.loss_limit\.runbook\[5\]\.command: the killswitch/);
  });

  it('says so when the file is not JSON at all', () => {
    const result = parsePlaybookText('{"format": 1,');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^\(file\): not valid JSON/);
    expect(errorOf(null)).toMatch(/^\(top level\): /);
  });

  it('leaves the last good playbook in force when an import fails', () => {
    const current: Playbook = { ...DEFAULT_PLAYBOOK, version: 7 };
    const bad = importPlaybook(current, JSON.stringify(edited((p) => (p.severities.SEV1.engageMinutes = 0))));
    expect(bad.playbook).toBe(current);
    expect(bad.changed).toBe(false);
    expect(bad.error).toBe('severities.SEV1.engageMinutes: expected a positive number of minutes or "next_business_day"');

    const good = importPlaybook(current, JSON.stringify(edited((p) => (p.version = 8))));
    expect(good.error).toBeNull();
    expect(good.playbook.version).toBe(8);
  });
});

describe('fieldPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(fieldPath(['a', 0, 'b', 12])).toBe('a[0].b[12]');
    expect(fieldPath([])).toBe('(top level)');
  });
});
