/**
 * Ctrl/Cmd+K: the team's quick commands and the current incident's runbook
 * commands, filled in for the active terminal's host. Choosing one types it
 * at the prompt; it runs only when the engineer presses Enter there.
 */
import { useMemo, useState } from 'react';
import { filterPalette, type PaletteItem } from './palette-items.js';

export interface CommandPaletteProps {
  items: PaletteItem[];
  /** "hft-prod-01" or "Local"; null when no terminal is open. */
  target: string | null;
  choose(item: PaletteItem): void;
  close(): void;
}

export function CommandPalette({ items, target, choose, close }: CommandPaletteProps) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const shown = useMemo(() => filterPalette(items, query), [items, query]);
  const selected = shown[Math.min(index, shown.length - 1)];
  const usable = (item: PaletteItem | undefined) => item !== undefined && item.missing.length === 0 && (target !== null || item.action !== undefined);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown') setIndex((i) => Math.min(i + 1, shown.length - 1));
    else if (event.key === 'ArrowUp') setIndex((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter') {
      if (usable(selected)) choose(selected!);
    } else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className="modal palette" onKeyDown={onKeyDown}>
        <input
          type="search"
          role="searchbox"
          aria-label="Search commands"
          placeholder={target ? `Commands for ${target}…` : 'Open a terminal first'}
          autoFocus
          value={query}
          onChange={(e) => (setQuery(e.target.value), setIndex(0))}
          aria-controls="palette-list"
          aria-activedescendant={selected ? `palette-${selected.id}` : undefined}
        />
        <p className="muted palette-hint">Typed into the terminal, not run: press Enter there to run it. The killswitch is never offered here.</p>
        <ul role="listbox" id="palette-list" aria-label="Commands">
          {shown.map((item) => (
            <li
              key={item.id}
              id={`palette-${item.id}`}
              role="option"
              aria-selected={item === selected}
              aria-disabled={!usable(item)}
              className={item === selected ? 'selected' : undefined}
              onMouseDown={(e) => (e.preventDefault(), usable(item) && choose(item))}
            >
              <span className="palette-label">
                {item.source === 'runbook' && <span className="tag">runbook</span>}
                {item.source === 'cockpit' && <span className="tag">cockpit</span>} {item.label}
              </span>
              {item.command ? <code>{item.command}</code> : null}
              {item.missing.length > 0 && <span className="muted"> needs {item.missing.join(', ')}</span>}
            </li>
          ))}
          {shown.length === 0 && <li className="muted">No command matches.</li>}
        </ul>
      </div>
    </div>
  );
}
