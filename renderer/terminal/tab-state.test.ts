import { describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../src/contract/terminal.js';
import { deadReasonOf, GONE_AFTER_RESTART, reconcileTabs, tabState, tabStateLabel, type TerminalTab } from './tab-state.js';

const info = (sessionId: string, exit: TerminalInfo['exit'] = null): TerminalInfo => ({
  sessionId,
  title: 'Local',
  target: null,
  profileId: null,
  role: null,
  recording: false,
  recordingPath: null,
  exit,
});
const tab = (sessionId: string, extra: Partial<TerminalTab> = {}): TerminalTab => ({ ...info(sessionId), tabId: `tab-${sessionId}`, attachEpoch: 0, gone: null, ...extra });

describe('terminal tab state', () => {
  it('says live, host link down, or ended with the reason', () => {
    expect(tabStateLabel(tabState(tab('a'), true))).toBe('live');
    expect(tabStateLabel(tabState(tab('a'), false))).toBe('host link down');
    expect(tabStateLabel(tabState(tab('a', { reconnecting: true }), true))).toBe('reconnecting');
    expect(deadReasonOf(tabState(tab('a', { reconnecting: true }), true))).toEqual({ kind: 'reconnecting' });
    expect(tabStateLabel(tabState(tab('a', { exit: { code: 0, signal: null } }), true))).toBe('ended (exit code 0)');
    expect(tabStateLabel(tabState(tab('a', { exit: { code: null, signal: 'SIGHUP' } }), false))).toBe('ended (killed by SIGHUP)');
    expect(tabStateLabel(tabState(tab('a', { gone: GONE_AFTER_RESTART }), true))).toBe('ended (the cockpit restarted)');
  });

  it('refuses input in every state but live', () => {
    expect(deadReasonOf(tabState(tab('a'), true))).toBeNull();
    expect(deadReasonOf(tabState(tab('a'), false))).toEqual({ kind: 'link_down' });
    expect(deadReasonOf(tabState(tab('a', { gone: GONE_AFTER_RESTART }), true))).toEqual({ kind: 'ended', text: 'session ended (the cockpit restarted)' });
  });

  it('re-attaches what the host still has, marks the rest gone, and adds what it has that the page does not show', () => {
    const current = [tab('kept', { attachEpoch: 2 }), tab('lost'), tab('done', { exit: { code: 0, signal: null } }), tab('ended-meanwhile')];
    const listed = [info('kept'), info('ended-meanwhile', { code: 1, signal: null }), info('other')];
    const next = reconcileTabs(current, listed, () => 'tab-new');
    expect(next.map((t) => [t.sessionId, t.attachEpoch, t.gone, t.exit?.code ?? null])).toEqual([
      ['kept', 3, null, null],
      ['lost', 0, GONE_AFTER_RESTART, null],
      ['done', 0, null, 0],
      ['ended-meanwhile', 1, null, 1],
      ['other', 1, null, null],
    ]);
    expect(next[4]!.tabId).toBe('tab-new');
  });
});
