/**
 * Who the handoff note goes to, when the engineer has not typed it: the
 * primary PagerDuty has on call once the current shift ends. PagerDuty is
 * the schedule's source of truth; what the engineer typed always wins.
 */

/** The name to put in an empty "To", or null to leave the field as it is. */
export function incomingToFill(typed: string, loaded: boolean, incoming: string | null): string | null {
  if (!loaded || typed.trim() !== '' || !incoming?.trim()) return null;
  return incoming.trim();
}
