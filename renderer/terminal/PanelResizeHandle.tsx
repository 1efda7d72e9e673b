/**
 * The terminal panel's top edge as a window splitter (WAI-ARIA
 * "separator"): drag it, or focus it and use ArrowUp/ArrowDown (Shift for
 * bigger steps), Home and End for the smallest and largest, Enter to
 * collapse or show the panel.
 */
import { useRef } from 'react';
import { heightAfterKey, maxPanelHeight, MIN_PANEL_HEIGHT } from './panel-size.js';
import type { PanelLayoutState } from './use-panel-layout.js';

export function PanelResizeHandle({ layout }: { layout: PanelLayoutState }) {
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);
  const current = layout.expanded ? layout.bodyHeight : 0;

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      layout.setExpanded((e) => !e);
      return;
    }
    const next = heightAfterKey(event.key, event.shiftKey, layout.bodyHeight, layout.viewportHeight);
    if (next === null) return;
    event.preventDefault();
    layout.setHeight(next);
  };

  return (
    <div
      className="terminal-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize terminals"
      aria-controls="terminal-body"
      aria-valuemin={0}
      aria-valuemax={maxPanelHeight(layout.viewportHeight)}
      aria-valuenow={current}
      aria-valuetext={layout.expanded ? `${current} pixels${layout.maximised ? ', maximised' : ''}` : 'collapsed'}
      aria-keyshortcuts="ArrowUp ArrowDown Home End Enter"
      title="Drag, or focus and use the arrow keys, to resize the terminals"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { startY: event.clientY, startHeight: layout.expanded ? layout.bodyHeight : MIN_PANEL_HEIGHT };
      }}
      onPointerMove={(event) => {
        if (!drag.current) return;
        layout.setHeight(drag.current.startHeight + (drag.current.startY - event.clientY));
      }}
      onPointerUp={(event) => {
        drag.current = null;
        event.currentTarget.releasePointerCapture(event.pointerId);
      }}
    />
  );
}
