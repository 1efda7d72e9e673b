/**
 * The page's one Docs store and its actions, bound to the page's host on
 * first use; the header button, the `/` key and the dialog reach them here.
 */
import { useStore } from 'zustand';
import { getHost } from '../host/index.js';
import { docsActions, type DocsActions } from './docs-actions.js';
import { createDocsStore, type DocsState } from './docs-store.js';

export const docsStore = createDocsStore();

/** Selectors must return stable values (primitives or store-held objects). */
export const useDocs = <T,>(selector: (s: DocsState) => T): T => useStore(docsStore, selector);

let actions: DocsActions | null = null;
export const docs = (): DocsActions => (actions ??= docsActions(getHost(), docsStore));
