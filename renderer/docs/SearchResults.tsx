/** The hits of a search: each section's title (the button that opens it), where it sits, and a snippet with the matches marked. */
import { useId } from 'react';
import type { DocSearchHit } from '../../src/contract/docs.js';
import { docs, useDocs } from './docs.js';
import { SnippetText } from './Highlighted.js';

export function SearchResults() {
  const hits = useDocs((s) => s.hits);
  const hitsFor = useDocs((s) => s.hitsFor);
  const query = useDocs((s) => s.query.trim());
  const docCount = useDocs((s) => s.docs.length);
  const searching = hitsFor !== query;
  return (
    <section aria-label="Search results" className="docs-results">
      <p role="status" className="muted">
        {docCount === 0
          ? 'No documents imported yet: import the team’s procedures to search them offline.'
          : searching
            ? 'Searching…'
            : `${hits.length === 0 ? 'No' : hits.length} section${hits.length === 1 ? '' : 's'} found for “${hitsFor}”`}
      </p>
      <ul className="docs-hit-list">
        {hits.map((hit) => (
          <Hit key={`${hit.docId}/${hit.sectionId}`} hit={hit} />
        ))}
      </ul>
    </section>
  );
}

function Hit({ hit }: { hit: DocSearchHit }) {
  const id = useId();
  return (
    <li className="docs-hit">
      <button type="button" className="docs-hit-title" aria-describedby={id} onClick={() => void docs().openHit(hit)}>
        {hit.title}
      </button>
      <p className="docs-hit-where muted">{[hit.docName, ...hit.path].join(' › ')}</p>
      <p id={id} className="docs-snippet">
        <SnippetText pieces={hit.snippet} />
      </p>
    </li>
  );
}
