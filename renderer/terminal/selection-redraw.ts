/**
 * xterm.js 6 redraws the selection after every scroll, selection or not:
 * each line feed that scrolls asks the selection service for a redraw on
 * the next frame, and the renderer answers it by rebuilding every row at
 * once, besides the rows its own frame draws. During a flood that is a
 * second full render of the terminal in every frame (measured in Chromium
 * with the DOM renderer: `renderRows` from `handleSelectionChanged` took
 * three times the renderer's own frame work). A redraw from nothing
 * selected to nothing selected changes nothing on screen, so it is skipped;
 * every other one (a selection drawn, moved or cleared) goes through.
 */

/** The one method of xterm.js's render service this wraps (not public API: `terminal._core._renderService`). */
export interface SelectionRedrawTarget {
  handleSelectionChanged(start: [number, number] | undefined, end: [number, number] | undefined, columnSelectMode: boolean): void;
}

/**
 * Wraps `terminal._core._renderService.handleSelectionChanged` so redraws
 * with nothing selected before or after are dropped. Returns false, and
 * changes nothing, when the terminal does not have that shape (another
 * xterm.js version): it then renders as before.
 */
export function skipEmptySelectionRedraws(terminal: object): boolean {
  const core = (terminal as { _core?: { _renderService?: Partial<SelectionRedrawTarget> } })._core;
  const service = core?._renderService;
  if (!service || typeof service.handleSelectionChanged !== 'function') return false;
  const redraw = service.handleSelectionChanged.bind(service);
  /** The renderer shows a selection now (xterm.js draws one only with both ends). */
  let shown = false;
  service.handleSelectionChanged = (start, end, columnSelectMode) => {
    const selected = start !== undefined && end !== undefined;
    if (!selected && !shown) return;
    shown = selected;
    redraw(start, end, columnSelectMode);
  };
  return true;
}
