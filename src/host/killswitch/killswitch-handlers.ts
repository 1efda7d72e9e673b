/**
 * The `killswitch.*` and `strategies.stop` calls, composed from the
 * killswitch service (src/services/killswitch): the host mints the arming
 * token, fires only for a token it minted, proves the halt by reading back,
 * and then opens or updates the SEV1 incident that carries the press.
 *
 * Refusals from the arming (no token, a replayed or expired one) become
 * the contract's `unauthorized` / `invalid_request`; nothing is sent for
 * them. A failure to record the incident never hides the outcome: the
 * dialog still shows verified or NOT VERIFIED, and the log says why the
 * incident is missing.
 */
import type { KillswitchFireAnswer, StrategiesStopAnswer } from '../../contract/killswitch.js';
import { killswitchHeadline, stopHeadline } from '../../core/killswitch/outcome.js';
import { deskContactOf, type DeskContact } from '../../core/killswitch/verify.js';
import type { Playbook } from '../../core/playbook/schema.js';
import type { Clock } from '../../services/clock.js';
import { systemTimers, type Timers } from '../../services/hft/timers.js';
import { waitAtMost } from '../../services/killswitch/send.js';
import {
  createKillswitchArming,
  fireKillswitch,
  stopStrategies,
  type AuditAppender,
  type KillswitchApi,
  type SshApi,
  type StopApi,
} from '../../services/killswitch/index.js';
import { CallFailure, type CallHandlers } from '../dispatch.js';
import { recordPressOnIncident, recordStopOnIncident, type IncidentDesk } from './killswitch-incident.js';

export type KillswitchCallName = 'killswitch.prepare' | 'killswitch.fire' | 'strategies.stop';
export type KillswitchHandlers = Pick<CallHandlers, KillswitchCallName>;

export interface KillswitchHostOptions {
  /** The backend's HFT client (same base URL and write key as the poller's). */
  client: KillswitchApi & StopApi;
  audit: AuditAppender;
  clock: Clock;
  timers?: Timers;
  incidents: IncidentDesk & { playbook(): Playbook };
  operator: () => string;
  timeZone: () => string;
  /**
   * The API through the prod host's SSH session, looked up at each press
   * (profiles change while the cockpit runs); undefined when there is none.
   */
  sshFallback?: () => Promise<SshApi | undefined>;
  log: (line: string) => void;
  /** Arming token lifetime, ms (tests shorten it); the core's 30 s by default. */
  tokenTtlMs?: number;
}

/** How long the answer waits for the press's incident to be recorded, ms; past it the dialog says it is on its way. */
export const INCIDENT_GRACE_MS = 1_000;

export function killswitchHandlers(o: KillswitchHostOptions): KillswitchHandlers {
  const timers = o.timers ?? systemTimers;
  const desk = (): DeskContact => deskContactOf(o.incidents.playbook());
  const fallback = async (): Promise<SshApi | undefined> => {
    try {
      return await o.sshFallback?.();
    } catch (error) {
      o.log(`killswitch: no SSH path this time (${(error as Error).message})`);
      return undefined;
    }
  };
  const timing = { clock: o.clock, ...(o.timers ? { timers: o.timers } : {}) };

  const arming = createKillswitchArming({
    clock: o.clock,
    audit: o.audit,
    ...(o.tokenTtlMs ? { ttlMs: o.tokenTtlMs } : {}),
    // The SSH path is looked up while the first request is already out.
    fire: ({ reason, idempotencyKey }) =>
      fireKillswitch({
        client: o.client,
        sshFallback: fallback(),
        audit: o.audit,
        ...timing,
        reason,
        idempotencyKey,
        desk: desk(),
        actor: o.operator(),
      }),
  });

  return {
    'killswitch.prepare': () => arming.prepare(),

    'killswitch.fire': async ({ token, reason }): Promise<KillswitchFireAnswer> => {
      const fired = await arming.fire(token, reason);
      if (!fired.ok) throw new CallFailure(fired.error.code, fired.error.message);
      const outcome = fired.value;
      const headline = killswitchHeadline(outcome, o.timeZone());
      let incidentId: string | null = null;
      let recording = false;
      const recorded = recordPressOnIncident(o.incidents, outcome, headline, o.operator()).then(
        (id) => {
          incidentId = id;
        },
        (error: Error) => o.log(`killswitch: the press could not be put on an incident (${error.message}); the audit log has it`),
      );
      // The incident goes through the audit log: a slow disk must not hold back the outcome.
      if (!(await waitAtMost(timers, INCIDENT_GRACE_MS, recorded))) recording = true;
      const late = `the SEV1 incident was not on disk within ${INCIDENT_GRACE_MS} ms; it shows on the board once the audit log catches up`;
      const shown = recording ? { ...outcome, auditError: [outcome.auditError, late].filter(Boolean).join('; ') } : outcome;
      return { outcome: shown, headline, incidentId, desk: desk() };
    },

    'strategies.stop': async ({ ids, reason, incidentId }): Promise<StrategiesStopAnswer> => {
      const outcome = await stopStrategies({
        client: o.client,
        sshFallback: fallback(),
        audit: o.audit,
        ...timing,
        ids,
        reason,
        desk: desk(),
        actor: o.operator(),
        ...(incidentId ? { incidentId } : {}),
      });
      const headline = stopHeadline(outcome, o.timeZone());
      if (incidentId) {
        await recordStopOnIncident(o.incidents, incidentId, outcome, headline, o.operator()).catch((error: Error) =>
          o.log(`strategies.stop: the stop could not be put on ${incidentId} (${error.message}); the audit log has it`),
        );
      }
      return { outcome, headline, desk: desk() };
    },
  };
}
