/**
 * The row of terminal tabs (role tablist; each tab named "Local" or the
 * host's name), with REC on sessions being recorded and the session's state
 * in words (live, host link down, ended with the reason: text, not colour
 * alone), and the "+" menu to open another.
 */
import { useState } from 'react';
import type { HostProfile } from '../../src/contract/terminal.js';
import { tabState, tabStateLabel, type TerminalTab } from './tab-state.js';

export type { TerminalTab } from './tab-state.js';

export interface TerminalTabsProps {
  tabs: TerminalTab[];
  activeId: string | null;
  linkUp: boolean;
  select(sessionId: string): void;
  close(sessionId: string): void;
  profiles: HostProfile[];
  openLocal(): void;
  openSsh(profileId: string): void;
  manageHosts(): void;
}

export function TerminalTabs({ tabs, activeId, linkUp, select, close, profiles, openLocal, openSsh, manageHosts }: TerminalTabsProps) {
  const [menu, setMenu] = useState(false);
  const pick = (action: () => void) => () => {
    setMenu(false);
    action();
  };

  const onTabKey = (event: React.KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 || tabs.length === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length]!;
    select(next.tabId);
    document.getElementById(`terminal-tab-${next.tabId}`)?.focus();
  };

  return (
    <>
      <div role="tablist" aria-label="Terminal sessions" className="terminal-tabs">
        {tabs.map((tab, index) => {
          const state = tabState(tab, linkUp);
          return (
            <span key={tab.tabId} className={`terminal-tab${tab.tabId === activeId ? ' active' : ''}${tab.role === 'prod' ? ' prod' : ''} state-${state.kind}`}>
              <button
                type="button"
                role="tab"
                id={`terminal-tab-${tab.tabId}`}
                aria-selected={tab.tabId === activeId}
                aria-controls={`terminal-panel-${tab.tabId}`}
                tabIndex={tab.tabId === activeId ? 0 : -1}
                title={tab.target ?? 'Local shell on this machine'}
                onClick={() => select(tab.tabId)}
                onKeyDown={(e) => onTabKey(e, index)}
              >
                {tab.title}
                {tab.role === 'prod' && <span className="tag prod-tag"> PROD</span>}
                {tab.recording && state.kind !== 'ended' && <span className="rec" title={`Recording to ${tab.recordingPath}`}> ● REC</span>}
                <span className="tab-state"> {tabStateLabel(state)}</span>
              </button>
              <button type="button" className="tab-close" aria-label={`Close ${tab.title}`} onClick={() => close(tab.tabId)}>
                ×
              </button>
            </span>
          );
        })}
      </div>
      <span className="new-terminal">
        <button type="button" aria-label="New terminal" aria-haspopup="menu" aria-expanded={menu} onClick={() => setMenu((m) => !m)}>
          +
        </button>
        {menu && (
          <div role="menu" aria-label="New terminal" className="new-terminal-menu" onKeyDown={(e) => e.key === 'Escape' && setMenu(false)}>
            <button type="button" role="menuitem" autoFocus onClick={pick(openLocal)}>Local shell</button>
            {profiles.map((p) => (
              <button key={p.id} type="button" role="menuitem" onClick={pick(() => openSsh(p.id))}>
                SSH: {p.name} {p.role === 'prod' ? '(prod)' : ''}
              </button>
            ))}
            <button type="button" role="menuitem" onClick={pick(manageHosts)}>Manage SSH hosts…</button>
          </div>
        )}
      </span>
    </>
  );
}
