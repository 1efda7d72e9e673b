import type { StateCreator } from 'zustand/vanilla';
import type { CallName, CallRequest, CallResponse } from '../../src/contract/index.js';
import type { Incident, IncidentAlert, IncidentsView, Playbook } from '../../src/contract/incidents.js';
import type { Result } from '../../src/contract/result.js';
import type { CockpitState } from './cockpit-store.js';
import { sameJson } from './structural-sharing.js';

/** The incident and playbook calls the view makes; connectHost binds them to the host. */
export type IncidentCallName = Extract<CallName, `incidents.${string}` | `playbook.${string}`>;
export type IncidentCaller = <C extends IncidentCallName>(name: C, request: CallRequest<C>) => Promise<Result<CallResponse<C>>>;

/** The small forms an action opens on a card: the status update draft, the escalation level, the resolve note. */
export type IncidentForm = 'status_update' | 'escalate' | 'resolve' | 'note' | 'flag' | 'gather';

/** Alerts kept for the page (notifications, title): a shift's worth at most. */
export const ALERTS_KEPT = 50;

export interface IncidentsSlice {
  /** Open and recently resolved incidents as the host last reported them; null before the first answer. */
  incidents: Incident[] | null;
  operator: string | null;
  auditProblem: string | null;
  playbook: Playbook | null;
  /** Alerts the host raised since the page loaded, oldest first, with a running number. */
  alerts: (IncidentAlert & { seq: number })[];
  /** The incident keyboard shortcuts act on when no card has focus. */
  selectedIncidentId: string | null;
  /** The one action form open on the page, if any (a keyboard shortcut can open it too). */
  incidentForm: { incidentId: string; form: IncidentForm } | null;
  /** Whether the SEV1 alarm sound is muted by the engineer. */
  alarmMuted: boolean;
  /** Bound to the host by connectHost; fails with `unavailable` until then. */
  callIncidents: IncidentCaller;
  setIncidentsView(view: IncidentsView): void;
  /** One incident as an action answered it, ahead of the next `incidents.changed`. */
  upsertIncident(incident: Incident): void;
  setPlaybook(playbook: Playbook): void;
  pushAlert(alert: IncidentAlert): void;
  selectIncident(id: string | null): void;
  setAlarmMuted(muted: boolean): void;
  setIncidentForm(form: { incidentId: string; form: IncidentForm } | null): void;
  /**
   * Closes the form an answer belongs to, and only that one: a form opened
   * while the answer was on its way (N, Enter, then U at once) stays open.
   * Answers whether it closed it.
   */
  closeIncidentForm(incidentId: string, form: IncidentForm): boolean;
  bindIncidentCalls(caller: IncidentCaller): void;
}

/** Keeps the previous object for every incident that did not change, so per-card selectors skip it. */
export function shareIncidents(prev: readonly Incident[] | null, next: readonly Incident[]): Incident[] {
  const byId = new Map((prev ?? []).map((i) => [i.id, i]));
  return next.map((incident) => {
    const old = byId.get(incident.id);
    return old && sameJson(old, incident) ? old : incident;
  });
}

const unbound: IncidentCaller = async () => ({ ok: false, error: { code: 'unavailable', message: 'not connected to the cockpit host yet' } });

export const createIncidentsSlice: StateCreator<CockpitState, [], [], IncidentsSlice> = (set, get) => ({
  incidents: null,
  operator: null,
  auditProblem: null,
  playbook: null,
  alerts: [],
  selectedIncidentId: null,
  incidentForm: null,
  alarmMuted: false,
  callIncidents: unbound,
  setIncidentsView: (view) => {
    const incidents = shareIncidents(get().incidents, view.incidents);
    const prev = get().incidents;
    const same = prev !== null && prev.length === incidents.length && prev.every((i, n) => i === incidents[n]);
    set({
      ...(same ? {} : { incidents }),
      operator: view.operator,
      auditProblem: view.auditProblem,
    });
  },
  upsertIncident: (incident) => {
    const list = get().incidents ?? [];
    const at = list.findIndex((i) => i.id === incident.id);
    if (at >= 0 && sameJson(list[at], incident)) return;
    set({ incidents: at >= 0 ? list.map((i, n) => (n === at ? incident : i)) : [incident, ...list] });
  },
  setPlaybook: (playbook) => set({ playbook }),
  pushAlert: (alert) => {
    const alerts = get().alerts;
    const seq = (alerts.at(-1)?.seq ?? 0) + 1;
    set({ alerts: [...alerts.slice(-(ALERTS_KEPT - 1)), { ...alert, seq }] });
  },
  selectIncident: (selectedIncidentId) => set({ selectedIncidentId }),
  setAlarmMuted: (alarmMuted) => set({ alarmMuted }),
  setIncidentForm: (incidentForm) => set({ incidentForm }),
  closeIncidentForm: (incidentId, form) => {
    const open = get().incidentForm;
    if (open?.incidentId !== incidentId || open.form !== form) return false;
    set({ incidentForm: null });
    return true;
  },
  bindIncidentCalls: (callIncidents) => set({ callIncidents }),
});
