/**
 * The Docs view: the team's procedures and contacts, readable with no
 * network. A dialog over the cockpit, opened from the header (button or
 * `/`), closed with Escape. Keys pressed inside it go nowhere else. Documents: search as you type, the hits with
 * their matched words marked, the section's full text, the import button
 * and each document's contents and delete. Contacts: the playbook's
 * directory.
 */
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import { ToolDialog } from '../view/ToolDialog.js';
import { isTypingTarget } from './DocsButton.js';
import { ContactsDirectory } from './ContactsDirectory.js';
import { docs, docsStore, useDocs } from './docs.js';
import { DocumentLibraryList } from './DocumentLibraryList.js';
import { SearchResults } from './SearchResults.js';
import { SectionReader } from './SectionReader.js';
import './docs.css';

/** Pause after the last keystroke before searching, ms: a search per word typed, not per letter. */
const SEARCH_DEBOUNCE_MS = 150;

export function DocsDialog() {
  const open = useDocs((s) => s.open);
  if (!open) return null;
  return <DocsDialogOpen />;
}

function DocsDialogOpen() {
  const tab = useDocs((s) => s.tab);
  const error = useDocs((s) => s.error);
  const close = useCallback(() => docsStore.getState().setOpen(false), []);

  useEffect(() => {
    void docs().refresh();
  }, []);

  const onKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target)) {
      event.preventDefault();
      docsStore.getState().requestSearchFocus();
    }
  };

  return (
    <ToolDialog
      name="docs"
      title="Docs"
      onClose={close}
      onKey={onKey}
      error={error}
      top={
        <div role="tablist" aria-label="Docs views" className="docs-tabs">
          <button type="button" role="tab" aria-selected={tab === 'documents'} onClick={() => docsStore.getState().setTab('documents')}>
            Documents
          </button>
          <button type="button" role="tab" aria-selected={tab === 'contacts'} onClick={() => docsStore.getState().setTab('contacts')}>
            Contacts
          </button>
        </div>
      }
    >
      {tab === 'documents' ? <DocumentsTab /> : <ContactsDirectory />}
    </ToolDialog>
  );
}

function DocumentsTab() {
  const query = useDocs((s) => s.query);
  const focusRequest = useDocs((s) => s.focusRequest);
  const box = useRef<HTMLInputElement>(null);

  useEffect(() => {
    box.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    if (!query.trim()) return;
    const timer = setTimeout(() => void docs().search(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <div className="docs-body" role="tabpanel" aria-label="Documents">
      <div className="docs-left">
        <input
          ref={box}
          type="search"
          role="searchbox"
          aria-label="Search documents"
          aria-keyshortcuts="/"
          placeholder="Search the procedures (/)"
          value={query}
          onChange={(e) => docsStore.getState().setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void docs().search(query);
          }}
        />
        {query.trim() ? <SearchResults /> : <DocumentLibraryList />}
      </div>
      <SectionReader />
    </div>
  );
}
