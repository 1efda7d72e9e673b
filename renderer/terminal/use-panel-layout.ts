/**
 * The terminal panel's layout as React state: height, maximised,
 * expanded, saved to localStorage on every change (panel-size.ts), and
 * the window's height followed so the limits stay right after a resize.
 */
import { useCallback, useEffect, useState } from 'react';
import { clampPanelHeight, loadLayout, maxPanelHeight, saveLayout, type PanelLayout } from './panel-size.js';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

export interface PanelLayoutState extends PanelLayout {
  viewportHeight: number;
  /** The body's height now, px: the full height while maximised. */
  bodyHeight: number;
  setHeight(height: number): void;
  toggleMaximised(): void;
  setExpanded(update: boolean | ((expanded: boolean) => boolean)): void;
}

export function usePanelLayout(): PanelLayoutState {
  const [viewportHeight, setViewportHeight] = useState(() => window.innerHeight);
  const [layout, setLayout] = useState(() => loadLayout(storage(), window.innerHeight));

  useEffect(() => {
    const onResize = () => setViewportHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  useEffect(() => saveLayout(storage(), layout), [layout]);

  const setHeight = useCallback(
    (height: number) => setLayout((l) => ({ ...l, height: clampPanelHeight(height, window.innerHeight), maximised: false, expanded: true })),
    [],
  );
  const toggleMaximised = useCallback(() => setLayout((l) => ({ ...l, maximised: !l.maximised, expanded: true })), []);
  const setExpanded = useCallback(
    (update: boolean | ((expanded: boolean) => boolean)) =>
      setLayout((l) => {
        const expanded = typeof update === 'function' ? update(l.expanded) : update;
        return expanded === l.expanded ? l : { ...l, expanded };
      }),
    [],
  );

  const height = clampPanelHeight(layout.height, viewportHeight);
  return {
    ...layout,
    height,
    viewportHeight,
    bodyHeight: layout.maximised ? maxPanelHeight(viewportHeight) : height,
    setHeight,
    toggleMaximised,
    setExpanded,
  };
}
