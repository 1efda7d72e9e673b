/**
 * What a terminal tab says about its session, in words (colour is never the
 * only signal): live, reconnecting (an SSH link dropped), host link down (the
 * page lost the cockpit), or ended with the reason. Pure.
 */
import type { TerminalExit, TerminalInfo } from '../../src/contract/terminal.js';
import type { DeadReason } from './xterm-view.js';

export interface TerminalTab extends TerminalInfo {
  /** Stable for the tab's life; the session under it may be started again. */
  tabId: string;
  /** 0 while this page is attached by its own open; bumped each time it must attach (a reload, the host link back). */
  attachEpoch: number;
  /** Why the host no longer has the session (the cockpit restarted), or null. */
  gone: string | null;
}

export type TabState = { kind: 'live' } | { kind: 'reconnecting' } | { kind: 'link_down' } | { kind: 'ended'; reason: string };

/** The host answered the list without this session after it had been running: the backend started again. */
export const GONE_AFTER_RESTART = 'the cockpit restarted';

export function exitReason(exit: TerminalExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  if (exit.code === null) return 'connection closed';
  return `exit code ${exit.code}`;
}

export function tabState(tab: Pick<TerminalTab, 'exit' | 'gone' | 'reconnecting'>, linkUp: boolean): TabState {
  if (tab.gone) return { kind: 'ended', reason: tab.gone };
  if (tab.exit) return { kind: 'ended', reason: exitReason(tab.exit) };
  if (!linkUp) return { kind: 'link_down' };
  return tab.reconnecting ? { kind: 'reconnecting' } : { kind: 'live' };
}

/** The words on the tab after its title. */
export function tabStateLabel(state: TabState): string {
  switch (state.kind) {
    case 'live':
      return 'live';
    case 'reconnecting':
      return 'reconnecting';
    case 'link_down':
      return 'host link down';
    case 'ended':
      return `ended (${state.reason})`;
  }
}

/** What the terminal view refuses input for, from the tab's state. */
export function deadReasonOf(state: TabState): DeadReason {
  if (state.kind === 'live') return null;
  if (state.kind === 'link_down' || state.kind === 'reconnecting') return { kind: state.kind };
  return { kind: 'ended', text: `session ended (${state.reason})` };
}

/**
 * The tabs after the host listed its sessions on a link-up: a session it
 * still has is attached again (its exit, if it ended meanwhile, taken
 * over); one it no longer has, that was running, is marked gone; listed
 * sessions this page has no tab for get one.
 */
export function reconcileTabs(current: TerminalTab[], listed: TerminalInfo[], newTabId: () => string): TerminalTab[] {
  const byId = new Map(listed.map((info) => [info.sessionId, info]));
  const known = new Set(current.map((t) => t.sessionId));
  const kept = current.map((tab): TerminalTab => {
    const info = byId.get(tab.sessionId);
    if (info) return { ...tab, exit: info.exit, recording: info.recording, reconnecting: info.reconnecting ?? false, attachEpoch: tab.attachEpoch + 1, gone: null };
    if (tab.exit || tab.gone) return tab;
    return { ...tab, recording: false, gone: GONE_AFTER_RESTART };
  });
  const added = listed.filter((info) => !known.has(info.sessionId)).map((info) => ({ ...info, tabId: newTabId(), attachEpoch: 1, gone: null }));
  return [...kept, ...added];
}
