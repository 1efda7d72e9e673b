/** The page's one Settings store and its actions, bound to the page's host on first use. */
import { useStore } from 'zustand';
import { getHost } from '../host/index.js';
import { settingsActions, type SettingsActions } from './settings-actions.js';
import { createSettingsStore, type SettingsState } from './settings-store.js';

export const settingsStore = createSettingsStore();

/** Selectors must return stable values (primitives or store-held objects). */
export const useSettingsDialog = <T,>(selector: (s: SettingsState) => T): T => useStore(settingsStore, selector);

let actions: SettingsActions | null = null;
export const settings = (): SettingsActions => (actions ??= settingsActions(getHost(), settingsStore));

/** Opens the Settings view (header button, Alt+,). */
export const openSettings = () => settingsStore.getState().setOpen(true);
