/**
 * An engineer's action, as the contract carries it, becomes one of the
 * core's incident events, stamped with who did it. Before it is applied the
 * host says plainly why an action cannot be taken now (the core would
 * silently leave the incident as it is): a resolved incident takes no more
 * actions, nothing is acknowledged twice, and so on.
 */
import type { IncidentAction } from '../../contract/incidents.js';
import { DUE_LABELS, decisionPosition, decisionQuestionText, type Incident, type IncidentEvent } from '../../core/incidents/index.js';
import type { Playbook } from '../../core/playbook/index.js';
import { formatLocalTime } from '../../core/shift/zoned-time.js';

export function actionEvent(incidentId: string, action: IncidentAction, by: string, playbook: Playbook): IncidentEvent {
  switch (action.type) {
    case 'acknowledge':
    case 'engage':
      return { type: action.type, incidentId, by };
    case 'status_update':
      return { type: 'status_update', incidentId, by, text: action.text, ...(action.channels ? { channels: action.channels } : {}) };
    case 'note':
      return { type: 'note', incidentId, by, text: action.text };
    case 'escalate': {
      // Name and number as the directory has them now: the record says whom was called even if the directory changes.
      const contact = action.contactId ? playbook.contacts.find((c) => c.id === action.contactId) : undefined;
      return {
        type: 'escalate', incidentId, by, level: action.level,
        ...(action.note ? { note: action.note } : {}),
        ...(action.summary ? { summary: action.summary } : {}),
        ...(contact ? { contactId: contact.id, name: contact.name, ...(contact.phone ? { phone: contact.phone } : {}) } : {}),
      };
    }
    case 'mitigate':
      return { type: 'mitigate', incidentId, by, ...(action.note ? { note: action.note } : {}) };
    case 'resolve':
      return {
        type: 'resolve', incidentId, by, note: action.note,
        ...(action.falsePositive ? { falsePositive: true } : {}),
        ...(action.finalUpdate ? { finalUpdate: action.finalUpdate } : {}),
      };
    case 'flag':
      return { type: 'flag', incidentId, by, flag: action.flag, detail: action.detail };
    case 'decide':
      return { type: 'decide', incidentId, by, question: action.question, answer: action.answer };
    case 'change_severity':
      return { type: 'change_severity', incidentId, by, severity: action.severity, ...(action.reason ? { reason: action.reason } : {}) };
    case 'mark_done':
      return { type: 'mark_done', incidentId, by, item: action.item };
    case 'tick_step':
      return { type: 'tick_step', incidentId, by, stepId: action.stepId };
  }
}

/**
 * Why `action` cannot be taken on `incident` in its current phase, or null
 * when it can; times in the engineer's `timeZone`, as their wall clock reads.
 */
export function actionRefusal(incident: Incident, action: IncidentAction, playbook: Playbook, timeZone: string, atThisCockpit = true): string | null {
  const id = incident.id;
  const doneBy = (mark: { by: string; at: number }) => `by ${mark.by || 'someone'} at ${formatLocalTime(mark.at, timeZone)}`;
  if (incident.phase === 'resolved') return `${id} is resolved; it takes no more actions`;
  switch (action.type) {
    case 'acknowledge':
      return incident.acknowledged ? `${id} was already acknowledged ${doneBy(incident.acknowledged)}` : null;
    case 'engage':
      return incident.engaged ? `${id} was already engaged ${doneBy(incident.engaged)}` : null;
    case 'mitigate':
      return incident.mitigated ? `${id} was already mitigated ${doneBy(incident.mitigated)}` : null;
    case 'escalate':
      if (action.contactId && !playbook.contacts.some((c) => c.id === action.contactId)) return `no contact "${action.contactId}" in the directory`;
      return action.level <= incident.escalationLevel && incident.done[action.level === 2 ? 'escalate_l2' : 'escalate_l3']
        ? `${id} is already escalated to Level ${incident.escalationLevel}`
        : null;
    case 'change_severity':
      return action.severity === incident.severity ? `${id} is already ${incident.severity}` : null;
    case 'mark_done': {
      if (action.item === 'status_update') return null;
      const mark = incident.done[action.item];
      return mark ? `${DUE_LABELS[action.item]} on ${id} was already marked done ${doneBy(mark)}` : null;
    }
    case 'tick_step': {
      const steps = incident.scenario ? playbook.scenarios[incident.scenario].runbook : [];
      if (!steps.some((s) => s.id === action.stepId)) return `${id} has no runbook step "${action.stepId}"`;
      const mark = incident.stepsDone[action.stepId];
      return mark ? `runbook step "${action.stepId}" on ${id} was already ticked ${doneBy(mark)}` : null;
    }
    case 'resolve':
      // Resolved elsewhere (in PagerDuty) is recorded as it came; here the engineer writes the final update first.
      if (atThisCockpit && playbook.severities[incident.severity].finalUpdate && !action.finalUpdate) {
        return `${id} is ${incident.severity}: resolving it takes the final status update to stakeholders`;
      }
      return null;
    case 'flag':
      return incident.flags[action.flag] ? `${id} is already marked ${action.flag}` : null;
    case 'decide': {
      const next = decisionPosition(incident.decisions).next;
      if (next === null) return `the decision tree of ${id} is already answered`;
      return next === action.question ? null : `the decision tree of ${id} asks "${decisionQuestionText(next, playbook)}" next`;
    }
    case 'status_update':
    case 'note':
      return null;
  }
}
