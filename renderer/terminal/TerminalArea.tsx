/**
 * The terminal panel at the bottom of the cockpit: a tab per session
 * ("Local" or the host's name, REC on recorded prod sessions, "ended" once
 * the shell is gone), "+" to open a local or SSH terminal, the command
 * palette (Ctrl/Cmd+K), the host's questions, and the hosts list.
 * Ctrl+` shows or hides the panel.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../src/contract/app.js';
import type { CockpitHost } from '../../src/contract/host.js';
import type { HostProfile, TerminalInfo } from '../../src/contract/terminal.js';
import { useCockpit } from '../view/cockpit-context.js';
import { CommandPalette } from './CommandPalette.js';
import { HostsDialog } from './HostsDialog.js';
import { paletteItems, type PaletteItem } from './palette-items.js';
import { PromptDialog } from './PromptDialog.js';
import { TerminalPane } from './TerminalPane.js';
import { TerminalRouter } from './terminal-router.js';
import { TerminalTabs, type TerminalTab } from './TerminalTabs.js';
import type { XtermView } from './xterm-view.js';
import './terminal.css';

export function TerminalArea({ host }: { host: CockpitHost }) {
  const router = useMemo(() => new TerminalRouter(host), [host]);
  const views = useRef(new Map<string, XtermView>());
  const [expanded, setExpanded] = useState(false);
  const [tabs, setTabs] = useState<TerminalTab[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [profiles, setProfiles] = useState<HostProfile[]>([]);
  const [palette, setPalette] = useState(false);
  const [hostsOpen, setHostsOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const scrollbackLines = useCockpit((s) => s.settings?.scrollbackLines ?? DEFAULT_SETTINGS.scrollbackLines);
  const incidents = useCockpit((s) => s.incidents);
  const selectedIncidentId = useCockpit((s) => s.selectedIncidentId);
  const playbook = useCockpit((s) => s.playbook);

  useEffect(() => () => router.dispose(), [router]);

  const loadProfiles = useCallback(async () => {
    const listed = await host.call('ssh.profiles.list', {});
    if (listed.ok) setProfiles(listed.value);
  }, [host]);

  // On every link-up: profiles, and sessions this page does not show yet (the page was reloaded).
  useEffect(
    () =>
      host.onConnection((up) => {
        if (!up) return;
        void loadProfiles();
        void host.call('terminal.list', {}).then((listed) => {
          if (!listed.ok || listed.value.length === 0) return;
          setTabs((current) => {
            const known = new Set(current.map((t) => t.sessionId));
            const added = listed.value.filter((t) => !known.has(t.sessionId)).map((t) => ({ ...t, reattach: true }));
            return added.length ? [...current, ...added] : current;
          });
          setActiveId((id) => id ?? listed.value[0]!.sessionId);
          setExpanded(true);
        });
      }),
    [host, loadProfiles],
  );

  useEffect(
    () =>
      router.onExit((sessionId, exit) =>
        setTabs((current) => current.map((t) => (t.sessionId === sessionId ? { ...t, exit, recording: false } : t))),
      ),
    [router],
  );

  const addTab = (info: TerminalInfo) => {
    setTabs((current) => [...current, { ...info, reattach: false }]);
    setActiveId(info.sessionId);
    setExpanded(true);
  };

  const openLocal = async () => {
    setProblem(null);
    const opened = await host.call('terminal.open', { kind: 'local' });
    if (opened.ok) addTab(opened.value);
    else setProblem(`Could not open a local shell: ${opened.error.message}`);
  };

  const openSsh = useCallback(
    async (profileId: string) => {
      setProblem(null);
      setHostsOpen(false);
      const opened = await host.call('terminal.open', { kind: 'ssh', profileId });
      if (opened.ok) addTab(opened.value);
      else setProblem(opened.error.message);
    },
    [host],
  );

  const closeTab = async (sessionId: string) => {
    await host.call('terminal.close', { sessionId });
    router.discard(sessionId);
    setTabs((current) => {
      const rest = current.filter((t) => t.sessionId !== sessionId);
      setActiveId((id) => (id === sessionId ? (rest.at(-1)?.sessionId ?? null) : id));
      return rest;
    });
  };

  const register = useCallback((sessionId: string, view: XtermView | null) => {
    if (view) views.current.set(sessionId, view);
    else views.current.delete(sessionId);
  }, []);

  const active = tabs.find((t) => t.sessionId === activeId) ?? null;
  const activeProfile = active?.profileId ? profiles.find((p) => p.id === active.profileId) : undefined;
  const incident = incidents?.find((i) => i.id === selectedIncidentId) ?? incidents?.find((i) => i.phase !== 'resolved') ?? null;
  const items = useMemo(
    () => paletteItems({ host: activeProfile?.host ?? 'localhost', incident, playbook }),
    [activeProfile?.host, incident, playbook],
  );

  const choose = (item: PaletteItem) => {
    setPalette(false);
    if (active && !active.exit) views.current.get(active.sessionId)?.type(item.command);
  };

  const openPalette = useCallback(() => {
    setExpanded(true);
    setPalette(true);
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        openPalette();
      } else if (event.ctrlKey && event.key === '`') {
        event.preventDefault();
        setExpanded((e) => !e);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPalette]);

  return (
    <section className={`terminal-area${expanded ? ' expanded' : ''}`} aria-label="Terminals">
      <div className="terminal-bar">
        <button type="button" className="terminal-toggle" aria-expanded={expanded} aria-controls="terminal-body" onClick={() => setExpanded((e) => !e)}>
          Terminals <kbd>Ctrl+`</kbd>
        </button>
        <TerminalTabs
          tabs={tabs}
          activeId={activeId}
          select={(id) => (setActiveId(id), setExpanded(true))}
          close={(id) => void closeTab(id)}
          profiles={profiles}
          openLocal={() => void openLocal()}
          openSsh={(id) => void openSsh(id)}
          manageHosts={() => (void loadProfiles(), setHostsOpen(true))}
        />
        <button type="button" className="palette-button" onClick={openPalette} aria-keyshortcuts="Control+K Meta+K">
          Commands <kbd>Ctrl+K</kbd>
        </button>
      </div>
      {problem && (
        <p role="alert" className="terminal-problem">
          {problem} <button type="button" onClick={() => setProblem(null)}>Dismiss</button>
        </p>
      )}
      <div className="terminal-body" id="terminal-body" hidden={!expanded}>
        {tabs.length === 0 && <p className="muted terminal-empty">No terminal open. Use + to open a local shell or an SSH session.</p>}
        {tabs.map((tab) => (
          <TerminalPane
            key={tab.sessionId}
            host={host}
            router={router}
            sessionId={tab.sessionId}
            active={tab.sessionId === activeId && expanded}
            scrollbackLines={scrollbackLines}
            reattach={tab.reattach}
            onPaletteKey={openPalette}
            register={register}
          />
        ))}
      </div>
      {palette && (
        <CommandPalette
          items={items}
          target={active && !active.exit ? active.title : null}
          choose={choose}
          close={() => (setPalette(false), active && views.current.get(active.sessionId)?.focus())}
        />
      )}
      {hostsOpen && (
        <HostsDialog host={host} profiles={profiles} changed={() => void loadProfiles()} connect={(id) => void openSsh(id)} close={() => setHostsOpen(false)} />
      )}
      <PromptDialog host={host} reconnect={(id) => void openSsh(id)} />
    </section>
  );
}
