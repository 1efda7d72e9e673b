/** The full text of one section, as imported, with the searched words marked; on to the previous or next section. */
import { useEffect, useRef } from 'react';
import { docs, useDocs } from './docs.js';
import { MarkedText } from './Highlighted.js';

export function SectionReader() {
  const reading = useDocs((s) => s.reading);
  const terms = useDocs((s) => s.readingTerms);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, [reading]);

  if (!reading) {
    return (
      <article aria-label="Section" className="docs-reader">
        <p className="muted">Pick a search result or a section to read it here.</p>
      </article>
    );
  }
  const { section } = reading;
  return (
    <article aria-label="Section" className="docs-reader">
      <p className="docs-hit-where muted">{[reading.docName, ...section.path].join(' › ')}</p>
      <h3 tabIndex={-1} ref={heading}>
        {section.title}
      </h3>
      <pre className="docs-text" tabIndex={0} aria-label={`Text of ${section.title}`}>
        <MarkedText text={section.text} terms={terms} />
      </pre>
      <div className="docs-nav">
        <button type="button" disabled={reading.previousId === null} onClick={() => reading.previousId && void docs().read(reading.docId, reading.previousId, terms)}>
          Previous section
        </button>
        <button type="button" disabled={reading.nextId === null} onClick={() => reading.nextId && void docs().read(reading.docId, reading.nextId, terms)}>
          Next section
        </button>
      </div>
    </article>
  );
}
