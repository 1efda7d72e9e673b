/**
 * The host's end of the incidents link: each change of the incident view
 * goes to the renderers as a numbered delta holding only the incidents that
 * changed, their timelines windowed (src/core/incidents/link.ts); the list
 * call answers the windowed view stamped with the last delta's number.
 */
import type { IncidentsDelta, IncidentsLinkView, IncidentsView } from '../contract/incidents.js';
import { encodeIncidents, initialIncidentsSender, linkView, type IncidentsSenderState } from '../core/incidents/link.js';

export interface IncidentsLinkSender {
  encode(view: IncidentsView): IncidentsDelta;
  view(view: IncidentsView): IncidentsLinkView;
}

export function createIncidentsLinkSender(): IncidentsLinkSender {
  let state: IncidentsSenderState = initialIncidentsSender();
  return {
    encode(view) {
      const next = encodeIncidents(state, view);
      state = next.state;
      return next.delta;
    },
    view: (view) => linkView(state, view),
  };
}
