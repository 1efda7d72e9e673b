/**
 * The terminal panel at the bottom of the cockpit: a tab per session
 * ("Local" or the host's name, REC on recorded prod sessions, its state in
 * words: live, host link down, ended with the reason), "+" to open a local
 * or SSH terminal, the command palette (Ctrl/Cmd+K), the host's questions,
 * and the hosts list. Ctrl+` shows the panel with its terminal focused
 * (opening a local shell when there is none) or hides it. Typing into a dead
 * tab is refused in the terminal itself; Enter there starts it again.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../src/contract/app.js';
import type { CockpitHost } from '../../src/contract/host.js';
import type { HostProfile, TerminalInfo } from '../../src/contract/terminal.js';
import { useShallow } from 'zustand/react/shallow';
import { apiBaseFor } from '../../src/core/terminal/api-base.js';
import { selectExchangeNames } from '../store/selectors.js';
import { useCockpit } from '../view/cockpit-context.js';
import { CommandPalette } from './CommandPalette.js';
import { openDrill } from '../drill/drill.js';

/** The cockpit's own entry in the palette: the Drill view (it says where drills cannot run). */
const DRILL_ITEM: PaletteItem = { id: 'cockpit:drill', label: 'Start a drill: a scenario or a scripted drill on the simulator', command: '', source: 'cockpit', missing: [], action: openDrill };
import { HostsDialog } from './HostsDialog.js';
import { paletteItems, type PaletteItem } from './palette-items.js';
import { PanelResizeHandle } from './PanelResizeHandle.js';
import { PromptDialog } from './PromptDialog.js';
import { TerminalPane } from './TerminalPane.js';
import { TerminalRouter } from './terminal-router.js';
import { deadReasonOf, reconcileTabs, tabState } from './tab-state.js';
import { TerminalTabs, type TerminalTab } from './TerminalTabs.js';
import { usePanelLayout } from './use-panel-layout.js';
import type { XtermView } from './xterm-view.js';
import './terminal.css';

export function TerminalArea({ host }: { host: CockpitHost }) {
  const router = useMemo(() => new TerminalRouter(host), [host]);
  const views = useRef(new Map<string, XtermView>());
  const layout = usePanelLayout();
  const { expanded, setExpanded } = layout;
  const [tabs, setTabs] = useState<TerminalTab[]>([]);
  /** The active tab's id (tabs keep their id when their session is started again). */
  const [activeId, setActiveId] = useState<string | null>(null);
  const [linkUp, setLinkUp] = useState(true);
  const tabIds = useRef(0);
  const newTabId = useCallback(() => `t${++tabIds.current}`, []);
  const restarting = useRef(new Set<string>());
  const [profiles, setProfiles] = useState<HostProfile[]>([]);
  const [palette, setPalette] = useState(false);
  const [hostsOpen, setHostsOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** A local shell is being opened: keys typed meanwhile stay in the panel, never reaching the incident keys. */
  const [opening, setOpening] = useState(false);
  /** The host's sessions have been read since the page loaded: before that, no tab does not mean no session (a reload). */
  const sessionsRead = useRef(false);
  /** Ctrl+` asked for a shell before the sessions were read: opened once they are, if the host has none. */
  const shellWanted = useRef(false);
  const openLocalNow = useRef(async () => {});
  const area = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  /** Bumped to put the focus in the panel once it is shown: the active terminal, else the panel itself. */
  const [focusAsked, setFocusAsked] = useState(0);
  const scrollbackLines = useCockpit((s) => s.settings?.scrollbackLines ?? DEFAULT_SETTINGS.scrollbackLines);
  const incidents = useCockpit((s) => s.incidents);
  const selectedIncidentId = useCockpit((s) => s.selectedIncidentId);
  const playbook = useCockpit((s) => s.playbook);
  const watchedApiUrl = useCockpit((s) => s.info?.apiUrl ?? null);
  const knownExchanges = useCockpit(useShallow(selectExchangeNames));

  useEffect(() => () => router.dispose(), [router]);

  const loadProfiles = useCallback(async () => {
    const listed = await host.call('ssh.profiles.list', {});
    if (listed.ok) setProfiles(listed.value);
  }, [host]);

  // On every link-up: profiles, and the host's sessions: the ones this page
  // shows are attached again (a new socket is a new viewer), the ones it no
  // longer has are marked ended, and the others get a tab (a reload).
  useEffect(
    () =>
      host.onConnection((up) => {
        setLinkUp(up);
        if (!up) return;
        void loadProfiles();
        void host.call('terminal.list', {}).then((listed) => {
          if (!listed.ok) return;
          sessionsRead.current = true;
          if (shellWanted.current) {
            shellWanted.current = false;
            if (listed.value.length === 0) void openLocalNow.current();
            else {
              setOpening(false);
              setFocusAsked((n) => n + 1);
            }
          }
          setTabs((current) => {
            const next = reconcileTabs(current, listed.value, newTabId);
            if (next.length > current.length) {
              setActiveId((id) => id ?? next[0]!.tabId);
              setExpanded(true);
            }
            return next;
          });
        });
      }),
    [host, loadProfiles, newTabId],
  );

  useEffect(
    () =>
      router.onExit((sessionId, exit) =>
        setTabs((current) => current.map((t) => (t.sessionId === sessionId ? { ...t, exit, recording: false } : t))),
      ),
    [router],
  );

  useEffect(
    () => router.onLink((sessionId, reconnecting) => setTabs((current) => current.map((t) => (t.sessionId === sessionId ? { ...t, reconnecting } : t)))),
    [router],
  );

  const addTab = (info: TerminalInfo) => {
    const tabId = newTabId();
    setTabs((current) => [...current, { ...info, tabId, attachEpoch: 0, gone: null }]);
    setActiveId(tabId);
    setExpanded(true);
  };

  /**
   * Enter in an ended tab: a new session in the same tab. SSH to the same
   * host keeps what the tab shows, as after a dropped link; a local shell
   * starts anew. The ended session is forgotten by the host.
   */
  const restartTab = async (tabId: string) => {
    const tab = tabs.find((t) => t.tabId === tabId);
    if (!tab || tabState(tab, linkUp).kind !== 'ended' || restarting.current.has(tabId)) return;
    restarting.current.add(tabId);
    setProblem(null);
    try {
      const opened = await host.call('terminal.open', tab.profileId ? { kind: 'ssh', profileId: tab.profileId } : { kind: 'local' });
      if (!opened.ok) {
        setProblem(`Could not start ${tab.title} again: ${opened.error.message}`);
        return;
      }
      void host.call('terminal.close', { sessionId: tab.sessionId });
      router.discard(tab.sessionId);
      setTabs((current) => current.map((t) => (t.tabId === tabId ? { ...opened.value, tabId, attachEpoch: t.attachEpoch, gone: null } : t)));
    } finally {
      restarting.current.delete(tabId);
    }
  };

  const openLocal = async () => {
    setProblem(null);
    // The panel shows at once, holding the keys typed while the shell opens (a closed panel holds none).
    setExpanded(true);
    setOpening(true);
    try {
      const opened = await host.call('terminal.open', { kind: 'local' });
      if (opened.ok) addTab(opened.value);
      else setProblem(`Could not open a local shell: ${opened.error.message}`);
    } finally {
      setOpening(false);
    }
  };

  openLocalNow.current = openLocal;

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

  const closeTab = async (tabId: string) => {
    const tab = tabs.find((t) => t.tabId === tabId);
    if (!tab) return;
    // A session the host no longer has answers not_found: the tab goes all the same.
    await host.call('terminal.close', { sessionId: tab.sessionId });
    router.discard(tab.sessionId);
    setTabs((current) => {
      const rest = current.filter((t) => t.tabId !== tabId);
      setActiveId((id) => (id === tabId ? (rest.at(-1)?.tabId ?? null) : id));
      return rest;
    });
  };

  const register = useCallback((tabId: string, view: XtermView | null) => {
    if (view) views.current.set(tabId, view);
    else views.current.delete(tabId);
  }, []);

  const active = tabs.find((t) => t.tabId === activeId) ?? null;
  const activeLive = active !== null && tabState(active, linkUp).kind === 'live';
  const activeProfile = active?.profileId ? profiles.find((p) => p.id === active.profileId) : undefined;
  const incident = incidents?.find((i) => i.id === selectedIncidentId) ?? incidents?.find((i) => i.phase !== 'resolved') ?? null;
  // Commands call the API where this terminal reaches it: the watched URL in a local shell, localhost:8080 on a host.
  const apiBase = apiBaseFor(active?.profileId ? { kind: 'ssh' } : { kind: 'local' }, watchedApiUrl);
  const items = useMemo(
    () => [DRILL_ITEM, ...paletteItems({ host: activeProfile?.host ?? 'localhost', apiBase, incident, playbook, knownExchanges })],
    [activeProfile?.host, apiBase, incident, playbook, knownExchanges],
  );

  const choose = (item: PaletteItem) => {
    setPalette(false);
    if (item.action) return item.action();
    if (active && activeLive) views.current.get(active.tabId)?.type(item.command);
  };

  const openPalette = useCallback(() => {
    setExpanded(true);
    setPalette(true);
  }, []);

  /**
   * Ctrl+`: hides the panel when the focus is in it; otherwise shows it
   * with its terminal focused (a panel left open, after a reload say, gets
   * the focus rather than closing under the keys typed next). With no
   * terminal open it opens a local shell, so what is typed next goes to a
   * shell, as the key promises, and not to the incident keys. Right after a
   * reload the host's sessions are not read yet: the shell waits for them,
   * and is opened only if the host has none (the panel holds the keys).
   */
  const toggle = useRef(() => {});
  toggle.current = () => {
    if (expanded && area.current?.contains(document.activeElement)) return setExpanded(false);
    setExpanded(true);
    setFocusAsked((n) => n + 1);
    if (tabs.length > 0 || opening) return;
    if (sessionsRead.current) return void openLocal();
    shellWanted.current = true;
    setOpening(true);
  };

  useEffect(() => {
    if (opening && expanded) body.current?.focus();
  }, [opening, expanded]);

  useEffect(() => {
    if (focusAsked === 0 || !expanded) return;
    const view = activeId === null ? undefined : views.current.get(activeId);
    if (view) view.focusWhenOpen();
    else body.current?.focus();
  }, [focusAsked]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        openPalette();
      } else if (event.ctrlKey && (event.key === '`' || event.code === 'Backquote')) {
        event.preventDefault();
        toggle.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPalette]);

  return (
    <section ref={area} className={`terminal-area${expanded ? ' expanded' : ''}${layout.maximised ? ' maximised' : ''}`} aria-label="Terminals">
      <PanelResizeHandle layout={layout} />
      <div className="terminal-bar">
        <button type="button" className="terminal-toggle" aria-expanded={expanded} aria-controls="terminal-body" onClick={() => setExpanded((e) => !e)}>
          Terminals <kbd>Ctrl+`</kbd>
        </button>
        <TerminalTabs
          tabs={tabs}
          activeId={activeId}
          linkUp={linkUp}
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
        <button type="button" onClick={layout.toggleMaximised} title="The terminals take the whole page but its header, or back to their own height">
          {layout.maximised && expanded ? 'Restore' : 'Maximise'}
        </button>
      </div>
      {problem && (
        <p role="alert" className="terminal-problem">
          {problem} <button type="button" onClick={() => setProblem(null)}>Dismiss</button>
        </p>
      )}
      <div ref={body} tabIndex={-1} className="terminal-body" id="terminal-body" hidden={!expanded} style={{ height: layout.bodyHeight }}>
        {tabs.length === 0 && (
          <p className="muted terminal-empty">{opening ? 'Opening a local shell…' : 'No terminal open. Ctrl+` opens a local shell; + opens a local shell or an SSH session.'}</p>
        )}
        {tabs.map((tab) => (
          <TerminalPane
            key={tab.tabId}
            host={host}
            router={router}
            tabId={tab.tabId}
            sessionId={tab.sessionId}
            local={tab.profileId === null}
            active={tab.tabId === activeId && expanded}
            scrollbackLines={scrollbackLines}
            attachEpoch={tab.attachEpoch}
            dead={deadReasonOf(tabState(tab, linkUp))}
            onRefusedInput={(wantsRestart) => wantsRestart && void restartTab(tab.tabId)}
            register={register}
          />
        ))}
      </div>
      {palette && (
        <CommandPalette
          items={items}
          target={active && activeLive ? active.title : null}
          choose={choose}
          close={() => (setPalette(false), active && views.current.get(active.tabId)?.focus())}
        />
      )}
      {hostsOpen && (
        <HostsDialog host={host} profiles={profiles} changed={() => void loadProfiles()} connect={(id) => void openSsh(id)} close={() => setHostsOpen(false)} />
      )}
      <PromptDialog host={host} reconnect={(id) => void openSsh(id)} />
    </section>
  );
}
