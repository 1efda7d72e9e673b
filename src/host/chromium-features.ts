/**
 * Chromium features the desktop app turns off in its renderer, and the
 * switch that does it (`--disable-features=...`). The terminal benchmark
 * launches Chromium with the same switch to measure the renderer as the
 * desktop app runs it; a plain browser pointed at the browser host keeps
 * Chromium's defaults.
 *
 * DeferRendererTasksAfterInput: after a key press that changes the page,
 * Chromium holds the renderer's other tasks, network messages included,
 * until it has drawn the next frame. A terminal redraws on every key (its
 * cursor), so each echo waited for the next frame: measured in Debian's
 * Chromium 156 through the browser host, a keystroke's echo at an idle
 * prompt took 6 ms at the median with the feature off and 14 to 16 ms with
 * it on, and a bare WebSocket round trip from a key press went from 3 ms
 * to anywhere up to one frame (17 ms).
 */
export const DISABLED_RENDERER_FEATURES = ['DeferRendererTasksAfterInput'] as const;

/** The value of Chromium's `disable-features` switch. */
export const disabledFeaturesValue = (): string => DISABLED_RENDERER_FEATURES.join(',');
