/**
 * The contact directory of the playbook in force, grouped (escalation
 * levels, desk, security, exchanges, vendors, teams, channels) and
 * searchable, with tel: and mailto: links. Read-only: contacts are edited
 * through the playbook's export and import.
 */
import { useMemo, useState } from 'react';
import { contactGroups, searchContacts, telHref } from '../../src/core/escalation/directory.js';
import { useCockpit } from '../view/cockpit-context.js';

export function ContactsDirectory() {
  const playbook = useCockpit((s) => s.playbook);
  const [query, setQuery] = useState('');
  const groups = useMemo(() => (playbook ? contactGroups(playbook) : []), [playbook]);
  const shown = useMemo(() => searchContacts(groups, query), [groups, query]);

  return (
    <div className="docs-contacts" role="tabpanel" aria-label="Contacts">
      <input type="search" role="searchbox" aria-label="Search contacts" placeholder="Name, role, phone or email" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
      <p className="muted">From the playbook{playbook ? ` “${playbook.name}” v${playbook.version}` : ''}; edit contacts by exporting, editing and importing the playbook.</p>
      {playbook === null ? <p className="muted">The playbook has not loaded yet.</p> : null}
      {playbook !== null && shown.length === 0 ? <p className="muted">No contact matches “{query}”.</p> : null}
      {shown.map((group) => (
        <section key={group.id} aria-label={group.label} className="contact-group">
          <h3>{group.label}</h3>
          <ul>
            {group.contacts.map((c) => (
              <li key={c.id} className="contact">
                <strong>{c.name}</strong> <span className="muted">{c.role}</span>
                {c.phone ? (
                  <a href={telHref(c.phone)} aria-label={`Call ${c.name} ${c.phone}`}>
                    {c.phone}
                  </a>
                ) : null}
                {c.email ? (
                  <a href={`mailto:${c.email}`} aria-label={`Email ${c.name} ${c.email}`}>
                    {c.email}
                  </a>
                ) : null}
                {c.url ? (
                  <a href={c.url} target="_blank" rel="noreferrer noopener">
                    {c.url}
                  </a>
                ) : null}
                {c.notes ? <span className="muted">{c.notes}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
