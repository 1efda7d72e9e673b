import { describe, expect, it } from 'vitest';
import { CALL_NAMES, CallError, DEFAULT_SETTINGS, type AppInfo, type CallName, type Result } from '../contract/index.js';
import { applyIncidentEvent, initialIncidentsState } from '../core/incidents/index.js';
import { DEFAULT_PLAYBOOK, exportPlaybook } from '../core/playbook/index.js';
import { createMemorySettingsStore } from '../services/settings.js';
import { CallFailure, createDispatch, type CallHandlers } from './dispatch.js';
import { ChangeRefused } from '../services/changes/change-store.js';
import { IncidentsRefusal } from '../services/incidents/index.js';
import { createFakeFeed } from '../../test/support/fake-feed.js';
import type { TerminalHandlers } from './terminal/terminal-host.js';
import type { ChecksHandlers } from './checks/checks-host.js';
import type { ShiftHandlers } from './checks/shift-host.js';
import type { DocsHandlers, HandoffHandlers } from './docs/index.js';

const info: AppInfo = {
  version: '0.1.0',
  hostKind: 'browser',
  demo: true,
  apiUrl: 'http://127.0.0.1:1',
  pollMs: 1000, fastPollMs: 250,
  dataDir: '/tmp/x',
  startedAt: 1,
};

const incident = applyIncidentEvent(initialIncidentsState(), { type: 'open', by: 'ana', severity: 'SEV3', title: 'Disk filling' }, 1, DEFAULT_PLAYBOOK).incidents[0]!;

/** The terminal calls, answering contract-shaped values (their real behaviour is tested in src/host/terminal). */
function terminalCallsAnswering(): TerminalHandlers {
  const terminal = { sessionId: 's1', title: 'Local', target: null, profileId: null, role: null, recording: false, recordingPath: null, exit: null };
  const profile = { id: 'p1', name: 'hft-prod-01', host: 'hft-prod-01', port: 22, user: 'ops', role: 'prod' as const, auth: { method: 'agent' as const, agentSocket: null }, jumpVia: null, agentForward: false, apiViaSsh: false };
  return {
    'terminal.open': () => terminal,
    'terminal.input': () => null,
    'terminal.resize': () => null,
    'terminal.ack': () => null,
    'terminal.close': () => null,
    'terminal.list': () => [terminal],
    'terminal.attach': () => ({ info: terminal, scrollback: '' }),
    'ssh.profiles.list': () => [profile],
    'ssh.profiles.save': (p) => p,
    'ssh.profiles.delete': () => null,
    'ssh.importConfig': () => ({ imported: [profile], notes: [] }),
    'ssh.replacePin': () => ({ fingerprint: 'SHA256:x' }),
    'prompts.answer': () => null,
  };
}

const integrationsView = {
  states: [], onCall: null,
  settings: { pagerduty: null, slack: null, statuspage: null, alertmanager: null, enabledAt: {} },
};
const desk = { name: 'Trading desk', phone: '+1-555-0103' };
const change = {
  id: 'CR-1', ticket: 'CHG-1', kind: 'normal' as const, summary: 'Gateway rollout', risk: 'low' as const, testPlan: 't', rollbackPlan: 'r',
  approvals: [], communicated: true, window: { start: 1, end: 2 }, recordedAt: 1, documentedAt: null, reviewedAt: null,
};
const unproven = { verified: false, verifiedAt: null, seen: [], nextSteps: [], attempts: 0, path: null, elapsedMs: 0, reason: 'x' };

const week = {
  from: 0, to: 1, total: 0, bySeverity: { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0 }, byScenario: {},
  openedByHand: 0, falsePositives: 0, medianAckMinutes: null, medianResolveMinutes: null,
};

function handlers(overrides: Partial<CallHandlers> = {}): CallHandlers {
  const feed = createFakeFeed();
  const settings = createMemorySettingsStore();
  const file = { filename: 'x.md', mediaType: 'text/markdown', text: '# x' };
  return {
    'app.info': () => info,
    'live.snapshot': () => ({ ...feed.snapshot(), seq: 0 }),
    'live.history': () => feed.history(),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'incidents.list': () => ({ incidents: [incident], operator: 'ana', auditProblem: null, seq: 0 }),
    'incidents.timeline': () => ({ from: 0, entries: [], total: 0 }),
    'incidents.open': () => incident,
    'incidents.act': () => incident,
    'incidents.gather': () => incident,
    'incidents.trend': () => ({ thisWeek: week, lastWeek: week }),
    'incidents.export': () => file,
    'drill.view': () => ({ available: false, unavailableReason: 'x', target: 'http://127.0.0.1:1', drills: [], running: null, reports: [] }),
    'drill.start': () => ({ drillId: 'd', label: 'D', startedAt: 1, stepsSent: 0, stepsTotal: 1, problems: [] }),
    'drill.finish': () => ({ drillId: 'd', label: 'D', startedAt: 1, endedAt: 2, by: 'ana', incidentIds: [], severity: null, lines: [], problems: [] }),
    'playbook.get': () => DEFAULT_PLAYBOOK,
    'playbook.import': () => DEFAULT_PLAYBOOK,
    'playbook.export': () => file,
    ...terminalCallsAnswering(),
    ...checksCallsAnswering(),
    ...docsCallsAnswering(),
    'integrations.view': () => integrationsView,
    'integrations.configure': () => integrationsView,
    'integrations.deliveries': () => [],
    'changes.list': () => ({ changes: [change] }),
    'changes.record': () => change,
    'changes.mark': () => change,
    'integrations.postHandoff': () => ({ queued: true, to: '#hft-operations' }),
    'integrations.pagerdutyOpen': () => [],
    'integrations.pagerdutyLinked': () => ({ pagerDutyId: null }),
    'integrations.pagerdutyLink': () => ({ pagerDutyId: 'P1' }),
    'integrations.pagerdutyReassign': () => ({ assignee: 'Ben' }),
    // The killswitch calls' behaviour is tested in src/host/killswitch; here they only need to exist.
    'killswitch.prepare': () => ({ token: 't', expiresAt: 1 }),
    'killswitch.fire': () => ({ outcome: { ...unproven, strategiesStopped: 0, idempotencyKey: 'k' }, headline: 'NOT VERIFIED', incidentId: null, desk }),
    'strategies.stop': () => ({ outcome: { ...unproven, ids: ['a'], stopped: [], notStopped: ['a'] }, headline: 'NOT VERIFIED', desk }),
    ...overrides,
  };
}

/** The pre-shift check and shift calls, answering contract-shaped values (their behaviour is tested in src/host/checks). */
function checksCallsAnswering(): ChecksHandlers & ShiftHandlers {
  const report = { engineer: 'ana', startedAt: 1, finishedAt: null, checks: [] };
  const shift = { role: 'primary' as const, startsAt: 0, endsAt: 1, handoffReminderAt: 0, reminderDue: false, timeZone: 'UTC', routines: [], debriefs: [], onBreak: null, at: 0 };
  return {
    'checks.plan': () => ({ checks: [], apiUrl: 'http://127.0.0.1:1', demo: false, writeKeyConfigured: false, database: null, hosts: [] }),
    'checks.run': () => report,
    'checks.report': () => null,
    'checks.export': () => ({ filename: 'x.md', mediaType: 'text/markdown', text: '# x' }),
    'checks.manual': () => report,
    'checks.answerPassword': () => null,
    'shift.get': () => shift,
    'shift.tick': () => shift,
    'shift.debriefHeld': () => shift,
    'shift.breakStart': () => shift,
    'shift.breakEnd': () => shift,
  };
}

/** The document and handoff calls, answering contract-shaped values (their behaviour is tested in src/services/docs and src/host/docs). */
function docsCallsAnswering(): DocsHandlers & HandoffHandlers {
  const section = { id: 's1', title: 'Latency', level: 1, path: [], text: 'Run the report.', line: 1 };
  const summary = { id: 'runbook', name: 'runbook.md', importedAt: 1, chars: 20, sections: [{ id: 's1', title: 'Latency', level: 1, path: [] }] };
  const draft = { fields: { to: '', monitoring: '', maintenance: '', notes: '', reachAt: '' }, savedAt: null };
  const signoff = { outgoing: null, incoming: null };
  return {
    'docs.list': () => [summary],
    'docs.import': () => ({ document: summary, replaced: false }),
    'docs.search': () => [{ docId: 'runbook', docName: 'runbook.md', sectionId: 's1', title: 'Latency', path: [], score: 1, terms: ['latency'], snippet: [{ text: 'Latency', match: true }] }],
    'docs.section': () => ({ docId: 'runbook', docName: 'runbook.md', section, previousId: null, nextId: null }),
    'docs.delete': () => null,
    'handoff.get': () => ({ draft, from: 'ana', shiftStartedAt: 0, timeZone: 'UTC', events: [], signoff }),
    'handoff.import': () => signoff,
    'handoff.accept': () => ({ signoff, file: { filename: 'a.json', mediaType: 'application/json', text: '{}' } }),
    'handoff.importAcceptance': () => signoff,
    'handoff.save': ({ fields }) => ({ fields, savedAt: 1 }),
    'handoff.export': () => ({ filename: 'handoff.md', mediaType: 'text/markdown', text: '# Handoff' }),
  };
}

/** A valid request for each call that takes more than nothing. */
const SAMPLE_REQUESTS: Partial<Record<CallName, unknown>> = {
  'drill.start': { drillId: 'exchange-down' },
  'incidents.open': { title: 'Disk filling', severity: 'SEV3' },
  'incidents.act': { incidentId: 'INC-1', action: { type: 'acknowledge' } },
  'incidents.gather': { incidentId: 'INC-1', profileId: 'prod-1' },
  'incidents.export': { incidentId: 'INC-1' },
  'incidents.timeline': { incidentId: 'INC-1', before: 10, limit: 5 },
  'playbook.import': { text: exportPlaybook(DEFAULT_PLAYBOOK) },
  'terminal.open': { kind: 'local' },
  'terminal.input': { sessionId: 's1', data: 'ls\r' },
  'terminal.resize': { sessionId: 's1', cols: 80, rows: 24 },
  'terminal.ack': { sessionId: 's1', chars: 5_000 },
  'terminal.close': { sessionId: 's1' },
  'terminal.attach': { sessionId: 's1' },
  'ssh.profiles.save': { id: 'p1', name: 'hft-prod-01', host: 'hft-prod-01', user: 'ops' },
  'ssh.profiles.delete': { profileId: 'p1' },
  'ssh.replacePin': { profileId: 'p1' },
  'prompts.answer': { promptId: 'q1', answer: true },
  'checks.manual': { id: 'manual:vpn', done: true },
  'checks.answerPassword': { askId: 'a1', password: null },
  'shift.tick': { listId: 'morning-review', itemId: 'exchanges', done: true },
  'killswitch.fire': { token: 't', reason: 'runaway strategy' },
  'strategies.stop': { ids: ['mm-btc-01'], reason: 'losing money today' },
  'docs.import': { name: 'runbook.md', text: '# Latency\nRun the report.' },
  'docs.search': { query: 'latency', limit: 5 },
  'docs.section': { docId: 'runbook', sectionId: 's1' },
  'docs.delete': { docId: 'runbook' },
  'handoff.save': { fields: { to: 'bob', monitoring: '', maintenance: '', notes: '', reachAt: '' } },
  'integrations.configure': { channel: 'alertmanager', settings: { url: 'http://127.0.0.1:9093' } },
  'changes.record': {
    ticket: 'CHG-1', kind: 'normal', summary: 'Gateway rollout', risk: 'low', testPlan: 't', rollbackPlan: 'r', approvals: [], communicated: true, window: { start: 1, end: 2 },
  },
  'changes.mark': { changeId: 'CR-1', mark: 'reviewed' },
  'handoff.import': { text: '# handoff' },
  'shift.debriefHeld': { incidentId: 'INC-1' },
  'shift.breakStart': { minutes: 15, coveredBy: 'bob', incidentId: null },
  'handoff.importAcceptance': { text: '{}' },
  'integrations.deliveries': { incidentId: 'INC-1' },
  'integrations.postHandoff': {},
  'integrations.pagerdutyOpen': {},
  'integrations.pagerdutyLinked': { incidentId: 'INC-1' },
  'integrations.pagerdutyLink': { incidentId: 'INC-1', pagerDutyId: 'P1' },
  'integrations.pagerdutyReassign': { incidentId: 'INC-1', to: 'secondary' },
};

const errorOf = (result: Result<unknown>) => {
  expect(result.ok).toBe(false);
  return (result as { error: CallError }).error;
};

describe('dispatch', () => {
  it('answers every call in the contract', async () => {
    const dispatch = createDispatch(handlers());
    for (const name of CALL_NAMES) expect((await dispatch(name, SAMPLE_REQUESTS[name] ?? {})).ok, name).toBe(true);
    expect(await dispatch('app.info', {})).toEqual({ ok: true, value: info });
  });

  it('passes the validated request to the handler', async () => {
    const dispatch = createDispatch(handlers());
    expect(await dispatch('settings.update', { pollMs: 250 })).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, pollMs: 250 } });
  });

  it('refuses names outside the contract, prototype keys included', async () => {
    const dispatch = createDispatch(handlers());
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, {}, ['app.info']]) {
      expect(errorOf(await dispatch(name, {})).code).toBe('unknown_call');
    }
  });

  it('does not echo a huge name back', async () => {
    const error = errorOf(await createDispatch(handlers())('x'.repeat(100_000), {}));
    expect(error.message.length).toBeLessThan(120);
  });

  it('refuses a payload that fails its schema with the first issue', async () => {
    const dispatch = createDispatch(handlers());
    const extra = errorOf(await dispatch('app.info', { x: 1 }));
    expect(extra.code).toBe('invalid_request');
    expect(extra.message).toMatch(/^app\.info: /);
    const wrongType = errorOf(await dispatch('settings.update', { pollMs: 'fast' }));
    expect(wrongType).toEqual({ code: 'invalid_request', message: expect.stringMatching(/^settings\.update: pollMs: /) });
    expect(errorOf(await dispatch('app.info', undefined)).code).toBe('invalid_request');
    expect(errorOf(await dispatch('app.info', 'str')).code).toBe('invalid_request');
  });

  it('turns a thrown error into internal without the stack', async () => {
    const dispatch = createDispatch(
      handlers({
        'app.info': () => {
          throw new Error('disk on fire');
        },
      }),
    );
    expect(errorOf(await dispatch('app.info', {}))).toEqual({ code: 'internal', message: 'disk on fire' });
  });

  it("answers a service's refusal with its own code, thrown or rejected", async () => {
    const dispatch = createDispatch(
      handlers({
        'live.snapshot': () => {
          throw new IncidentsRefusal('needs_confirmation', 'still disconnected: resolve anyway?');
        },
        'live.history': () => Promise.reject(new ChangeRefused('conflict', 'CHG-1 is already marked reviewed')),
      }),
    );
    expect(errorOf(await dispatch('live.snapshot', {}))).toEqual({ code: 'needs_confirmation', message: 'still disconnected: resolve anyway?' });
    expect(errorOf(await dispatch('live.history', {}))).toEqual({ code: 'conflict', message: 'CHG-1 is already marked reviewed' });
  });

  it('keeps the code of a CallFailure and survives non-Error throws and rejections', async () => {
    const dispatch = createDispatch(
      handlers({
        'live.snapshot': () => {
          throw new CallFailure('unavailable', 'trading system unreachable');
        },
        'live.history': () => Promise.reject('a string'),
        'app.info': () => {
          throw null;
        },
      }),
    );
    expect(errorOf(await dispatch('live.snapshot', {}))).toEqual({ code: 'unavailable', message: 'trading system unreachable' });
    expect(errorOf(await dispatch('live.history', {})).code).toBe('internal');
    expect(errorOf(await dispatch('app.info', {})).code).toBe('internal');
  });

  it('refuses to hand out an answer that is off the contract', async () => {
    const dispatch = createDispatch(handlers({ 'app.info': () => ({ version: 1 }) as never }));
    expect(errorOf(await dispatch('app.info', {})).code).toBe('internal');
  });

  it('survives a few thousand random messages and always answers a Result', async () => {
    const dispatch = createDispatch(handlers());
    const random = seeded(20261124);
    const names = [...CALL_NAMES, '__proto__', 'constructor', 'prototype', 'valueOf', 'app.info ', 'APP.INFO', 'live.', ''];
    const codes = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const name = random() < 0.7 ? names[Math.floor(random() * names.length)] : randomValue(random, 2);
      const result = await dispatch(name, randomValue(random, 3));
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) {
        expect(CallError.safeParse(result.error).success).toBe(true);
        codes.add(result.error.code);
      }
    }
    expect(codes).toEqual(new Set(['unknown_call', 'invalid_request']));
  });

  it('handles self-referencing and very large payloads', async () => {
    const dispatch = createDispatch(handlers());
    const cyclic: Record<string, unknown> = { pollMs: 300 };
    cyclic.self = cyclic;
    expect(errorOf(await dispatch('settings.update', cyclic)).code).toBe('invalid_request');
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    expect(errorOf(await dispatch('settings.update', wide)).code).toBe('invalid_request');
    const deep: unknown[] = [];
    let cursor = deep;
    for (let i = 0; i < 10_000; i++) cursor = cursor[0] = [] as unknown[];
    expect(errorOf(await dispatch('app.info', deep)).code).toBe('invalid_request');
  });
});

/** Mulberry32: a small deterministic generator so a failing case can be replayed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(random: () => number, depth: number): unknown {
  const pick = Math.floor(random() * (depth > 0 ? 10 : 7));
  switch (pick) {
    case 0: return null;
    case 1: return undefined;
    case 2: return random() * 1e6 - 5e5;
    case 3: return random() < 0.5;
    case 4: return 'x'.repeat(Math.floor(random() * 300));
    case 5: return NaN;
    case 6: return Math.floor(random() * 70_000);
    case 7: return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth - 1));
    case 8: {
      const keys = ['pollMs', 'apiUrl', 'historyHours', 'requestTimeoutMs', '__proto__', 'constructor', 'x'];
      const obj: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 4); i > 0; i--) {
        Object.defineProperty(obj, keys[Math.floor(random() * keys.length)]!, {
          value: randomValue(random, depth - 1), enumerable: true, configurable: true, writable: true,
        });
      }
      return obj;
    }
    default: return {};
  }
}
