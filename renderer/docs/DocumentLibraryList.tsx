/**
 * The imported documents: import another (file picker), read any section
 * from its contents, delete one (a second click confirms).
 */
import { useRef, useState, type ChangeEvent } from 'react';
import { DOC_IMPORT_MAX_CHARS } from '../../src/contract/docs.js';
import { docs, docsStore, useDocs } from './docs.js';

/**
 * Bytes above which a file cannot be under the host's character cap (UTF-8
 * spends at most four bytes a character): refused before it is read into
 * the page. Files under it are read, and the host judges the characters.
 */
const MAX_FILE_BYTES = DOC_IMPORT_MAX_CHARS * 4;

export function DocumentLibraryList() {
  const list = useDocs((s) => s.docs);
  const input = useRef<HTMLInputElement>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [imported, setImported] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      docsStore.getState().setError(`${file.name} is too large to import (the limit is ${DOC_IMPORT_MAX_CHARS.toLocaleString('en-US')} characters)`);
      return;
    }
    const text = await file.text();
    if (await docs().importFile(file.name, text)) setImported(file.name);
  };

  return (
    <section aria-label="Imported documents" className="docs-library">
      <div className="docs-import">
        <button type="button" onClick={() => input.current?.click()}>
          Import document
        </button>
        <input ref={input} type="file" hidden aria-label="Import document file" accept=".txt,.md,.markdown,text/plain,text/markdown" onChange={(e) => void onFile(e)} />
        {imported ? (
          <span role="status" className="muted">
            Imported {imported}
          </span>
        ) : null}
      </div>
      {list.length === 0 ? <p className="muted">No documents yet. Import the team’s runbooks (plain text or Markdown) to have them offline.</p> : null}
      <ul className="docs-doc-list">
        {list.map((doc) => (
          <li key={doc.id}>
            <details>
              <summary>
                <strong>{doc.name}</strong> <span className="muted">{doc.sections.length} sections</span>
              </summary>
              <ol className="docs-toc" aria-label={`Contents of ${doc.name}`}>
                {doc.sections.map((s) => (
                  <li key={s.id} style={{ paddingLeft: `${(s.level - 1) * 14}px` }}>
                    <button type="button" className="link-button" onClick={() => void docs().read(doc.id, s.id)}>
                      {s.title}
                    </button>
                  </li>
                ))}
              </ol>
            </details>
            {confirming === doc.id ? (
              <>
                <button type="button" className="danger" onClick={() => void docs().remove(doc.id).then(() => setConfirming(null))}>
                  Confirm delete {doc.name}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" aria-label={`Delete ${doc.name}`} onClick={() => setConfirming(doc.id)}>
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
