/**
 * The row of terminal tabs (role tablist; each tab named "Local" or the
 * host's name), with REC on sessions being recorded and "ended" on finished
 * ones (text, not colour alone), and the "+" menu to open another.
 */
import { useState } from 'react';
import type { HostProfile, TerminalInfo } from '../../src/contract/terminal.js';

export type TerminalTab = TerminalInfo & { reattach: boolean };

export interface TerminalTabsProps {
  tabs: TerminalTab[];
  activeId: string | null;
  select(sessionId: string): void;
  close(sessionId: string): void;
  profiles: HostProfile[];
  openLocal(): void;
  openSsh(profileId: string): void;
  manageHosts(): void;
}

export function TerminalTabs({ tabs, activeId, select, close, profiles, openLocal, openSsh, manageHosts }: TerminalTabsProps) {
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
    select(next.sessionId);
    document.getElementById(`terminal-tab-${next.sessionId}`)?.focus();
  };

  return (
    <>
      <div role="tablist" aria-label="Terminal sessions" className="terminal-tabs">
        {tabs.map((tab, index) => (
          <span key={tab.sessionId} className={`terminal-tab${tab.sessionId === activeId ? ' active' : ''}${tab.role === 'prod' ? ' prod' : ''}`}>
            <button
              type="button"
              role="tab"
              id={`terminal-tab-${tab.sessionId}`}
              aria-selected={tab.sessionId === activeId}
              aria-controls={`terminal-panel-${tab.sessionId}`}
              tabIndex={tab.sessionId === activeId ? 0 : -1}
              title={tab.target ?? 'Local shell on this machine'}
              onClick={() => select(tab.sessionId)}
              onKeyDown={(e) => onTabKey(e, index)}
            >
              {tab.title}
              {tab.role === 'prod' && <span className="tag prod-tag"> PROD</span>}
              {tab.recording && <span className="rec" title={`Recording to ${tab.recordingPath}`}> ● REC</span>}
              {tab.exit && <span className="ended"> ended</span>}
            </button>
            <button type="button" className="tab-close" aria-label={`Close ${tab.title}`} onClick={() => close(tab.sessionId)}>
              ×
            </button>
          </span>
        ))}
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
