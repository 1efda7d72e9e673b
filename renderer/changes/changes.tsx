/**
 * The page's one changes store, connected to the page's host once by
 * <ChangesConnection/>; the header, the Changes view and the handoff read it.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { getHost } from '../host/index.js';
import { connectChanges } from './connect-changes.js';
import { createChangesStore, type ChangesState } from './changes-store.js';

export const changesStore = createChangesStore();

/** Selectors must return stable values (primitives or store-held objects). */
export const useChanges = <T,>(selector: (s: ChangesState) => T): T => useStore(changesStore, selector);

export const openChanges = () => changesStore.getState().setOpen(true);

export function ChangesConnection() {
  useEffect(() => connectChanges(getHost(), changesStore), []);
  return null;
}
