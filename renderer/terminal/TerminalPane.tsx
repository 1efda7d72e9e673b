/**
 * The box one xterm.js terminal lives in, for the life of its tab. Hidden
 * panes stay mounted (their terminals keep parsing output and acknowledging
 * it), so switching tabs loses nothing. When the tab's session is started
 * again the same view follows the new session; when the page attaches
 * anew (a reload, the host link back) it replays the host's scrollback.
 */
import { useEffect, useRef } from 'react';
import type { CockpitHost } from '../../src/contract/host.js';
import type { TerminalRouter } from './terminal-router.js';
import { XtermView, type DeadReason } from './xterm-view.js';

export interface TerminalPaneProps {
  host: CockpitHost;
  router: TerminalRouter;
  tabId: string;
  sessionId: string;
  /** A local shell, which starts on a clean screen when started again. */
  local: boolean;
  active: boolean;
  scrollbackLines: number;
  /**
   * Bumped each time this page must attach to the session (0: this page
   * opened it and is attached already): the host's scrollback is replayed.
   */
  attachEpoch: number;
  dead: DeadReason;
  onRefusedInput(wantsRestart: boolean): void;
  register(tabId: string, view: XtermView | null): void;
}

export function TerminalPane({ host, router, tabId, sessionId, local, active, scrollbackLines, attachEpoch, dead, onRefusedInput, register }: TerminalPaneProps) {
  const box = useRef<HTMLDivElement>(null);
  const view = useRef<XtermView | null>(null);
  const refused = useRef(onRefusedInput);
  refused.current = onRefusedInput;
  const opened = useRef(false);
  const shown = useRef(sessionId);

  useEffect(() => {
    const created = new XtermView({ host, router, sessionId, scrollbackLines, onRefusedInput: (restart) => refused.current(restart) });
    view.current = created;
    opened.current = false;
    register(tabId, created);
    return () => {
      register(tabId, null);
      created.dispose();
      view.current = null;
    };
    // One terminal per tab for the pane's whole life.
  }, [tabId]);

  // Attach (replaying the scrollback) when asked, then open the view on the first pass.
  useEffect(() => {
    const current = view.current!;
    let cancelled = false;
    const start = async () => {
      if (attachEpoch > 0) {
        // What this viewer has before the attach is another viewer's, gone; what comes after follows the scrollback.
        router.discard(sessionId);
        router.hold(sessionId);
        try {
          const attached = await host.call('terminal.attach', { sessionId });
          if (cancelled) return;
          if (attached.ok) current.replay(attached.value.scrollback, opened.current);
        } finally {
          router.release(sessionId);
        }
      }
      if (!opened.current) {
        opened.current = true;
        current.open(box.current!);
      }
    };
    void start();
    return () => {
      cancelled = true;
    };
  }, [attachEpoch]);

  // The tab's session was started again.
  useEffect(() => {
    if (shown.current === sessionId) return;
    shown.current = sessionId;
    view.current?.restartedAs(sessionId, local);
  }, [sessionId]);

  useEffect(() => view.current?.setDead(dead), [dead?.kind, dead?.kind === 'ended' ? dead.text : null]);

  useEffect(() => {
    if (!active || !view.current) return;
    view.current.refit();
    view.current.focus();
  }, [active]);

  return (
    <div
      className="terminal-pane"
      role="tabpanel"
      id={`terminal-panel-${tabId}`}
      aria-labelledby={`terminal-tab-${tabId}`}
      hidden={!active}
      data-session-id={sessionId}
      ref={box}
    />
  );
}
