/**
 * The terminal panel's size: its height in CSS pixels, maximised or not,
 * shown or collapsed, kept in the page's localStorage so a reload (or the
 * next start, same origin) finds it as the engineer left it. Pure apart
 * from the storage passed in.
 */

export interface PanelLayout {
  /** Height of the terminal body when not maximised, CSS px. */
  height: number;
  maximised: boolean;
  /** The body is shown (false: only the bar with the tabs). */
  expanded: boolean;
}

/** Smallest body, px: a few rows of a 13 px font and the pane's padding. */
export const MIN_PANEL_HEIGHT = 120;
/** What stays of the page above a full-height panel (and the tab bar), px: the header stays in view, two rows of it at 1280 px wide. */
export const PAGE_KEPT_PX = 140;
/** One arrow key press on the resize handle, px (Shift: four times that). */
export const RESIZE_STEP_PX = 24;
/** First height: about the 42 % of the screen the panel always had. */
export const DEFAULT_HEIGHT_SHARE = 0.42;
export const PANEL_LAYOUT_KEY = 'cockpit.terminal.panel';

export function maxPanelHeight(viewportHeight: number): number {
  return Math.max(MIN_PANEL_HEIGHT, viewportHeight - PAGE_KEPT_PX);
}

export function clampPanelHeight(height: number, viewportHeight: number): number {
  if (!Number.isFinite(height)) return MIN_PANEL_HEIGHT;
  return Math.round(Math.min(maxPanelHeight(viewportHeight), Math.max(MIN_PANEL_HEIGHT, height)));
}

export function defaultLayout(viewportHeight: number): PanelLayout {
  return { height: clampPanelHeight(viewportHeight * DEFAULT_HEIGHT_SHARE, viewportHeight), maximised: false, expanded: false };
}

/** The stored layout, or the default when there is none or it does not parse. */
export function loadLayout(storage: Pick<Storage, 'getItem'> | null, viewportHeight: number): PanelLayout {
  const fallback = defaultLayout(viewportHeight);
  try {
    const raw = storage?.getItem(PANEL_LAYOUT_KEY);
    if (!raw) return fallback;
    const parsed = JSON.parse(raw) as Partial<PanelLayout>;
    return {
      height: typeof parsed.height === 'number' ? clampPanelHeight(parsed.height, viewportHeight) : fallback.height,
      maximised: parsed.maximised === true,
      expanded: parsed.expanded === true,
    };
  } catch {
    return fallback;
  }
}

export function saveLayout(storage: Pick<Storage, 'setItem'> | null, layout: PanelLayout): void {
  try {
    storage?.setItem(PANEL_LAYOUT_KEY, JSON.stringify(layout));
  } catch {
    // Storage full or refused (a private window): the size is simply not remembered.
  }
}

/** The height after a key on the resize handle, or null for a key it does not take. */
export function heightAfterKey(key: string, shift: boolean, height: number, viewportHeight: number): number | null {
  const step = shift ? RESIZE_STEP_PX * 4 : RESIZE_STEP_PX;
  switch (key) {
    case 'ArrowUp':
      return clampPanelHeight(height + step, viewportHeight);
    case 'ArrowDown':
      return clampPanelHeight(height - step, viewportHeight);
    case 'Home':
      return MIN_PANEL_HEIGHT;
    case 'End':
      return maxPanelHeight(viewportHeight);
    default:
      return null;
  }
}
