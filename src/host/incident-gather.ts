/**
 * `incidents.gather`: the read-only gather commands on a trading host over
 * the terminals' shared SSH connections (same host-key trust and prompts),
 * their bounded output attached to the incident's timeline. Refused before
 * anything runs when the incident is resolved or the host is not a trading
 * host (prod or standby).
 */
import { gatherAllowed, gatheredText, gatherRefusal } from '../core/incidents/gather.js';
import { findIncident } from '../core/incidents/index.js';
import type { HostProfile } from '../contract/terminal.js';
import type { Clock } from '../services/clock.js';
import { gatherOnHost, type GatherExec } from '../services/incidents/gather.js';
import type { IncidentsService } from '../services/incidents/index.js';
import { CallFailure, type CallHandlers } from './dispatch.js';

export interface GatherHandlerOptions {
  incidents: Pick<IncidentsService, 'state' | 'recordGathered'>;
  profiles: { get(id: string): Promise<HostProfile | undefined | null> };
  ssh: GatherExec<HostProfile>;
  clock: Pick<Clock, 'monotonic'>;
}

export function gatherHandler(opts: GatherHandlerOptions): Pick<CallHandlers, 'incidents.gather'> {
  return {
    'incidents.gather': async ({ incidentId, profileId }) => {
      const incident = findIncident(opts.incidents.state(), incidentId);
      if (!incident) throw new CallFailure('not_found', `no incident ${incidentId}`);
      const refusal = gatherRefusal(incident);
      if (refusal) throw new CallFailure('conflict', refusal);
      const profile = await opts.profiles.get(profileId);
      if (!profile) throw new CallFailure('not_found', `no host profile ${profileId}`);
      if (!gatherAllowed(profile)) {
        throw new CallFailure('invalid_request', `${profile.name} is not a trading host (its role is ${profile.role}): gathering runs only on prod or standby hosts`);
      }
      const results = await gatherOnHost(opts.ssh, profile, opts.clock);
      return opts.incidents.recordGathered(incidentId, gatheredText(profile.name, results));
    },
  };
}
