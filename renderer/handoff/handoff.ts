/** The page's one Handoff store and its actions, bound to the page's host on first use. */
import { useStore } from 'zustand';
import { getHost } from '../host/index.js';
import { handoffActions, type HandoffActions } from './handoff-actions.js';
import { createHandoffStore, type HandoffState } from './handoff-store.js';

export const handoffStore = createHandoffStore();

/** Selectors must return stable values (primitives or store-held objects). */
export const useHandoff = <T,>(selector: (s: HandoffState) => T): T => useStore(handoffStore, selector);

let actions: HandoffActions | null = null;
export const handoff = (): HandoffActions => (actions ??= handoffActions(getHost(), handoffStore));

/** Opens the Handoff view (header button, Alt+H, the reminder banner). */
export const openHandoff = () => handoffStore.getState().setOpen(true);
