/**
 * A checkbox whose truth is the host's record (a manual check, a routine
 * item): it follows the click at once, the host's next report confirms it,
 * and a refused call puts it back.
 */
import { useEffect, useState } from 'react';

interface RecordedCheckboxProps {
  recorded: boolean;
  /** Resolves true once the host has recorded the change. */
  record(done: boolean): Promise<boolean>;
}

export function RecordedCheckbox({ recorded, record }: RecordedCheckboxProps) {
  const [wanted, setWanted] = useState<boolean | null>(null);
  useEffect(() => setWanted(null), [recorded]);
  return (
    <input
      type="checkbox"
      checked={wanted ?? recorded}
      onChange={(e) => {
        const done = e.target.checked;
        setWanted(done);
        void record(done).then((ok) => {
          if (!ok) setWanted(null);
        });
      }}
    />
  );
}
