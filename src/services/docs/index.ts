/** The offline document library: files in the data folder and a full-text index over their sections. */
export { openDocumentLibrary, LibraryRefusal, type DocumentLibrary, type DocumentLibraryOptions } from './library.js';
export { DOCUMENTS_FOLDER } from './document-files.js';
