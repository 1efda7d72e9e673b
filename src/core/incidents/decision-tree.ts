/**
 * "Where to start" for any alert, as the procedures draw it: SEV1? page
 * Level 2 and the desk now, then investigate. Otherwise: can a runbook fix
 * it within 15 minutes? follow it, document, resolve. Otherwise: within your
 * expertise? investigate and update stakeholders every 30 minutes.
 * Otherwise escalate to Level 2 with full context.
 *
 * The engineer answers one question at a time; the answers are recorded on
 * the incident (`decisions`) and the outcome starts its clocks (clocks.ts):
 * "escalate" makes Level 2 due at once, "investigate" sets the update
 * cadence to the tree's.
 */
import type { Playbook } from '../playbook/schema.js';
import type { DecisionQuestion, DecisionStep, Incident } from './model.js';

export type DecisionOutcome = 'page_now' | 'follow_runbook' | 'investigate' | 'escalate';

export interface DecisionPosition {
  /** The question to answer next; null once an outcome is reached. */
  next: DecisionQuestion | null;
  outcome: DecisionOutcome | null;
  /** When the outcome was reached (the last answer), or null. */
  outcomeAt: number | null;
}

const AFTER: Record<DecisionQuestion, { yes: DecisionOutcome | DecisionQuestion; no: DecisionOutcome | DecisionQuestion }> = {
  sev1: { yes: 'page_now', no: 'runbook' },
  runbook: { yes: 'follow_runbook', no: 'expertise' },
  expertise: { yes: 'investigate', no: 'escalate' },
};

const isQuestion = (v: string): v is DecisionQuestion => v in AFTER;

/** Walks the recorded answers; answers that do not fit the path (an old tree) are skipped. */
export function decisionPosition(decisions: readonly DecisionStep[]): DecisionPosition {
  let next: DecisionQuestion = 'sev1';
  for (const step of decisions) {
    if (step.question !== next) continue;
    const to: DecisionOutcome | DecisionQuestion = step.answer ? AFTER[next].yes : AFTER[next].no;
    if (!isQuestion(to)) return { next: null, outcome: to, outcomeAt: step.at };
    next = to;
  }
  return { next, outcome: null, outcomeAt: null };
}

export function decisionQuestionText(question: DecisionQuestion, playbook: Playbook): string {
  switch (question) {
    case 'sev1':
      return 'Is it SEV1 (critical)?';
    case 'runbook':
      return `Can you resolve it within ${playbook.decisionTree.runbookMinutes} minutes using the runbook?`;
    case 'expertise':
      return 'Is it within your expertise?';
  }
}

export function decisionOutcomeText(outcome: DecisionOutcome, playbook: Playbook): string {
  switch (outcome) {
    case 'page_now':
      return 'Page Level 2 and the trading desk now, then investigate.';
    case 'follow_runbook':
      return 'Follow the runbook, write down what you did, resolve.';
    case 'investigate':
      return `Investigate; update stakeholders every ${playbook.decisionTree.investigateUpdateMinutes} minutes.`;
    case 'escalate':
      return 'Escalate to Level 2 with full context.';
  }
}

/** The answer the incident's severity gives to the first question: offered first, the engineer confirms. */
export const suggestedSev1Answer = (incident: Pick<Incident, 'severity'>): boolean => incident.severity === 'SEV1';
