/**
 * Crash safety of the incident desk: a backend working incidents as fast as
 * it can (test/integration/fixtures/incidents-actor.ts) is killed with
 * SIGKILL at random moments, again and again on the same data dir. After
 * each kill the audit chain must verify, every action the backend answered
 * must be in the log under the seq it printed, and the incident state
 * rebuilt on restart (snapshot plus replay) must show every one of them.
 *
 * The actor runs as `node --import tsx`, one process, so SIGKILL reaches it
 * (the tsx launcher would put a second process in between).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/contract/index.js';
import { openAuditLog } from '../../src/services/audit-log.js';
import { openIncidentsService } from '../../src/services/incidents/index.js';
import { crashRandom, killAllRounds, runAndKill } from '../harness/kill-round.js';
import { ROOT } from '../harness/process.js';

const ACTOR = resolve(ROOT, 'test/integration/fixtures/incidents-actor.ts');
/** Kill rounds; each costs a Node start-up (about a second here). */
const ROUNDS = 6;
/** Upper bound on actions per round, so a round that is never killed still ends. */
const MAX_ACTIONS_PER_ROUND = 400;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'incidents-crash-'));
});

afterAll(async () => {
  killAllRounds();
  await rm(dir, { recursive: true, force: true });
});

interface Acted {
  seq: number;
  incidentId: string;
  action: string;
  n: number;
}

const actedIn = (out: string): Acted[] =>
  out.split('\n').flatMap((line) => {
    const m = /^(\d+) (INC-\d+) (\w+) (\d+)$/.exec(line);
    return m ? [{ seq: Number(m[1]), incidentId: m[2]!, action: m[3]!, n: Number(m[4]) }] : [];
  });

/** Starts the actor, waits until it has printed `killAfter` actions plus a random pause, then SIGKILLs it. */
async function runActorAndKill(killAfter: number, extraDelayMs: number): Promise<Acted[]> {
  const round = await runAndKill(ACTOR, [dir, String(MAX_ACTIONS_PER_ROUND)], {
    acknowledged: (out) => actedIn(out).length,
    killAfter,
    extraDelayMs,
    guardMs: 60_000,
  });
  if (!round.out.startsWith('ready')) throw new Error(`actor never got ready (code ${round.code}, signal ${round.signal}):\n${round.err}`);
  if (round.signal !== 'SIGKILL' && round.code !== 0) throw new Error(`actor failed (code ${round.code}):\n${round.err}`);
  return actedIn(round.out);
}

/** Whether the incident shows the effect of the action. */
function shows(incident: Incident | undefined, a: Acted): boolean {
  if (!incident) return false;
  const has = (text: string) => incident.timeline.some((e) => e.text.includes(text));
  switch (a.action) {
    case 'open': return incident.title === `Drill ${a.n}`;
    case 'note': return has(`note ${a.n}`);
    case 'status_update': return has(`update ${a.n}`);
    case 'acknowledge': return incident.acknowledged?.by === 'crash-test';
    case 'engage': return incident.engaged?.by === 'crash-test';
    case 'resolve': return incident.resolutionNote === `resolved ${a.n}`;
    default: return false;
  }
}

const { seed, random } = crashRandom('incidents-crash');

describe(`incidents under SIGKILL (seed ${seed})`, () => {
  it('keep every answered action in the log and in the rebuilt state', async () => {
    const everActed: Acted[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const killAfter = 1 + random.int(40);
      const acted = await runActorAndKill(killAfter, random.int(15));
      expect(acted.length).toBeGreaterThanOrEqual(killAfter);
      everActed.push(...acted);

      const audit = await openAuditLog(join(dir, 'audit.log'));
      try {
        expect(audit.opened.integrity.ok, JSON.stringify(audit.opened.integrity)).toBe(true);
        const records = new Map((await audit.read()).map((r) => [r.seq, r]));
        const missing = everActed.filter((a) => records.get(a.seq)?.type !== `incident.${a.action}`);
        expect(missing).toEqual([]);

        const service = await openIncidentsService({ dataDir: dir, audit, operator: () => 'checker', timeZone: () => 'UTC', log: () => {} });
        try {
          expect(service.problems).toEqual([]);
          const byId = new Map(service.state().incidents.map((i) => [i.id, i]));
          expect(everActed.filter((a) => !shows(byId.get(a.incidentId), a))).toEqual([]);
        } finally {
          await service.close();
        }
      } finally {
        await audit.close();
      }
    }
    expect(new Set(everActed.map((a) => a.seq)).size).toBe(everActed.length);
    // Killed writers leave their temp snapshot files; the next start clears them.
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 180_000);
});
