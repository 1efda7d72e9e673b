/**
 * The incident and playbook calls of the contract, answered by the
 * incident service. A refusal (unknown incident, an action the incident's
 * phase does not allow, a broken playbook file) becomes the matching error
 * code; anything else stays `internal`.
 */
import { weeklyTrend } from '../core/incidents/trend.js';
import { timelinePage } from '../core/incidents/link.js';
import type { IncidentsService } from '../services/incidents/index.js';
import { CallFailure, type CallHandlers } from './dispatch.js';
import { createIncidentsLinkSender, type IncidentsLinkSender } from './incidents-link.js';

type IncidentCalls = Pick<
  CallHandlers,
  'incidents.list' | 'incidents.timeline' | 'incidents.trend' | 'incidents.open' | 'incidents.act' | 'incidents.export' | 'playbook.get' | 'playbook.import' | 'playbook.export'
>;

/** `link`: the sender whose deltas the renderers follow, so the list is stamped with its number. */
export function incidentHandlers(
  incidents: IncidentsService,
  now: () => number,
  link: IncidentsLinkSender = createIncidentsLinkSender(),
): IncidentCalls {
  return {
    'incidents.list': () => link.view(incidents.view()),
    'incidents.trend': () => weeklyTrend(incidents.state().incidents, now()),
    'incidents.timeline': ({ incidentId, before, limit }) => {
      const incident = incidents.state().incidents.find((i) => i.id === incidentId);
      if (!incident) throw new CallFailure('not_found', `no incident ${incidentId}`);
      return timelinePage(incident, before, limit);
    },
    'incidents.open': (request) => incidents.open(request),
    'incidents.act': (request) => incidents.act(request),
    'incidents.export': ({ incidentId }) => incidents.exportIncident(incidentId),
    'playbook.get': () => incidents.playbook(),
    'playbook.import': ({ text }) => incidents.importPlaybook(text),
    'playbook.export': () => incidents.exportPlaybook(),
  };
}
