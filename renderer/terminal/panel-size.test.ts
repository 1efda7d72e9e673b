import { describe, expect, it } from 'vitest';
import { clampPanelHeight, heightAfterKey, loadLayout, MIN_PANEL_HEIGHT, PAGE_KEPT_PX, PANEL_LAYOUT_KEY, RESIZE_STEP_PX, saveLayout } from './panel-size.js';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

describe('terminal panel size', () => {
  it('keeps the height between a few rows and the page minus its header', () => {
    expect(clampPanelHeight(10, 800)).toBe(MIN_PANEL_HEIGHT);
    expect(clampPanelHeight(5_000, 800)).toBe(800 - PAGE_KEPT_PX);
    expect(clampPanelHeight(333.4, 800)).toBe(333);
    expect(clampPanelHeight(Number.NaN, 800)).toBe(MIN_PANEL_HEIGHT);
  });

  it('remembers what was saved, and falls back to the default for nothing or garbage', () => {
    const storage = memoryStorage();
    expect(loadLayout(storage, 1000)).toEqual({ height: 420, maximised: false, expanded: false });
    saveLayout(storage, { height: 512, maximised: true, expanded: true });
    expect(loadLayout(storage, 1000)).toEqual({ height: 512, maximised: true, expanded: true });
    // A smaller window than when it was saved: the height is clamped to it.
    expect(loadLayout(storage, 500).height).toBe(500 - PAGE_KEPT_PX);
    storage.items.set(PANEL_LAYOUT_KEY, '{not json');
    expect(loadLayout(storage, 1000)).toEqual({ height: 420, maximised: false, expanded: false });
    expect(loadLayout(null, 1000).height).toBe(420);
  });

  it('resizes by keyboard in steps, to the ends with Home and End', () => {
    expect(heightAfterKey('ArrowUp', false, 300, 800)).toBe(300 + RESIZE_STEP_PX);
    expect(heightAfterKey('ArrowDown', true, 300, 800)).toBe(300 - 4 * RESIZE_STEP_PX);
    expect(heightAfterKey('Home', false, 300, 800)).toBe(MIN_PANEL_HEIGHT);
    expect(heightAfterKey('End', false, 300, 800)).toBe(800 - PAGE_KEPT_PX);
    expect(heightAfterKey('a', false, 300, 800)).toBeNull();
  });
});
