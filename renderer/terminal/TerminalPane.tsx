/**
 * The box one xterm.js terminal lives in. Hidden panes stay mounted (their
 * terminals keep parsing output and acknowledging it), so switching tabs
 * loses nothing.
 */
import { useEffect, useRef } from 'react';
import type { CockpitHost } from '../../src/contract/host.js';
import type { TerminalRouter } from './terminal-router.js';
import { XtermView } from './xterm-view.js';

export interface TerminalPaneProps {
  host: CockpitHost;
  router: TerminalRouter;
  sessionId: string;
  active: boolean;
  scrollbackLines: number;
  /** A session this page did not open (a reload): replay the host's scrollback first. */
  reattach: boolean;
  onPaletteKey(): void;
  register(sessionId: string, view: XtermView | null): void;
}

export function TerminalPane({ host, router, sessionId, active, scrollbackLines, reattach, onPaletteKey, register }: TerminalPaneProps) {
  const box = useRef<HTMLDivElement>(null);
  const view = useRef<XtermView | null>(null);
  const paletteKey = useRef(onPaletteKey);
  paletteKey.current = onPaletteKey;

  useEffect(() => {
    const element = box.current!;
    const created = new XtermView({ host, router, sessionId, scrollbackLines, onPaletteKey: () => paletteKey.current() });
    view.current = created;
    let cancelled = false;
    const start = async () => {
      if (reattach) {
        const attached = await host.call('terminal.attach', { sessionId });
        if (cancelled) return;
        router.discard(sessionId);
        if (attached.ok) created.replay(attached.value.scrollback);
      }
      created.open(element);
      register(sessionId, created);
    };
    void start();
    return () => {
      cancelled = true;
      register(sessionId, null);
      created.dispose();
      view.current = null;
    };
    // One terminal per session for the pane's whole life.
  }, [sessionId]);

  useEffect(() => {
    if (!active || !view.current) return;
    view.current.refit();
    view.current.focus();
  }, [active]);

  return (
    <div
      className="terminal-pane"
      role="tabpanel"
      id={`terminal-panel-${sessionId}`}
      aria-labelledby={`terminal-tab-${sessionId}`}
      hidden={!active}
      data-session-id={sessionId}
      ref={box}
    />
  );
}
