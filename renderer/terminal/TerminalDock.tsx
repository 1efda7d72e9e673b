/** The terminal panel on the page's own host (the one `main.tsx` connected). */
import { useMemo } from 'react';
import { getHost } from '../host/index.js';
import { TerminalArea } from './TerminalArea.js';

export function TerminalDock() {
  const host = useMemo(() => getHost(), []);
  return <TerminalArea host={host} />;
}
