/** Offline documents: splitting an imported text into sections, and the snippets search results show. */
export * from './sections.js';
export * from './snippet.js';
export * from './document.js';
