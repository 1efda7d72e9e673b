/**
 * The database password, asked when it is in none of the usual places. It
 * goes to the host and nowhere else: not the store, not the page's storage.
 * The field is cleared once sent.
 */
import { useState, type FormEvent } from 'react';
import type { PasswordAsk } from '../../src/contract/checks.js';
import { callOrShow } from './host-call.js';

export function PasswordPrompt({ ask }: { ask: PasswordAsk }) {
  const [password, setPassword] = useState('');
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const typed = password;
    setPassword('');
    await callOrShow('checks.answerPassword', { askId: ask.askId, password: typed === '' ? null : typed });
  };
  return (
    <form className="password-prompt" aria-label="Database password" onSubmit={(e) => void send(e)}>
      <p>
        The database password for <code>{ask.target}</code> is not in ~/.pgpass or PGPASSWORD. Type it to run the check; the
        cockpit keeps it in the system's secret store (or in memory only, in the browser host), never in a file.
      </p>
      <label>
        Password <input type="password" autoComplete="off" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button type="submit">Use password</button>
      <button type="button" onClick={() => void callOrShow('checks.answerPassword', { askId: ask.askId, password: null })}>
        Skip the database check
      </button>
    </form>
  );
}
