/**
 * The host's questions to the engineer, one at a time, oldest first:
 * unknown host key (trust on first use, only on an explicit yes), changed
 * host key (refused; the only way on is replacing the pin, which is
 * audited), passphrase or password, and a risky command on a prod terminal.
 * A question the host settles elsewhere (answered in another window, timed
 * out) closes here too.
 */
import { useEffect, useRef, useState } from 'react';
import type { CockpitHost } from '../../src/contract/host.js';
import type { PromptAsk } from '../../src/contract/terminal.js';

export interface PromptDialogProps {
  host: CockpitHost;
  /** After "Replace the pinned key": open the profile's terminal again. */
  reconnect(profileId: string): void;
}

export function PromptDialog({ host, reconnect }: PromptDialogProps) {
  const [queue, setQueue] = useState<PromptAsk[]>([]);
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const firstButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const offAsk = host.on('prompts.ask', (ask) => setQueue((q) => [...q, ask]));
    const offSettled = host.on('prompts.settled', ({ promptId }) => setQueue((q) => q.filter((a) => a.promptId !== promptId)));
    return () => {
      offAsk();
      offSettled();
    };
  }, [host]);

  const current = queue[0];
  const open = current !== undefined;
  // Back to where the engineer was (usually the terminal) once the last question is answered,
  // so typing goes on where it stopped instead of into the page.
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement;
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, [open]);

  useEffect(() => {
    setSecret('');
    setProblem(null);
    firstButton.current?.focus();
  }, [current?.promptId]);

  if (!current) return null;
  const { question, promptId } = current;

  const answer = async (value: boolean | string | null) => {
    setQueue((q) => q.filter((a) => a.promptId !== promptId));
    await host.call('prompts.answer', { promptId, answer: value });
  };

  const replacePin = async (profileId: string) => {
    const replaced = await host.call('ssh.replacePin', { profileId });
    if (!replaced.ok) return setProblem(replaced.error.message);
    await answer(true);
    reconnect(profileId);
  };

  const titleId = `prompt-title-${promptId}`;
  let title: string;
  let body: React.ReactNode;
  let actions: React.ReactNode;
  switch (question.kind) {
    case 'host_key_unknown':
      title = 'Unknown host key';
      body = (
        <>
          <p>
            The cockpit has never seen the host key of <strong>{question.host}:{question.port}</strong>. Compare its fingerprint with the one your team
            published before trusting it.
          </p>
          <dl className="fingerprints">
            <dt>{question.keyType}</dt>
            <dd><code>{question.fingerprint}</code></dd>
          </dl>
        </>
      );
      actions = (
        <>
          <button ref={firstButton} type="button" onClick={() => void answer(false)}>Cancel</button>
          <button type="button" className="primary" onClick={() => void answer(true)}>Trust and connect</button>
        </>
      );
      break;
    case 'host_key_changed':
      title = 'Host key changed';
      body = (
        <>
          <p className="bad">
            The host key of <strong>{question.host}:{question.port}</strong> is not the one on record. This can be a reinstalled host, or someone in
            the middle of the connection. The connection was refused.
          </p>
          <dl className="fingerprints">
            <dt>On record</dt>
            {question.expected.map((f) => <dd key={f}><code>{f}</code></dd>)}
            <dt>Offered now ({question.keyType})</dt>
            <dd><code>{question.actual}</code></dd>
          </dl>
          <p>Replace the pinned key only if the host's owner confirms the new fingerprint. The replacement goes on the audit log.</p>
        </>
      );
      actions = (
        <>
          <button ref={firstButton} type="button" className="primary" onClick={() => void answer(false)}>Cancel</button>
          <button type="button" className="danger" onClick={() => void replacePin(question.profileId)}>Replace the pinned key</button>
        </>
      );
      break;
    case 'passphrase':
    case 'password':
      title = question.kind === 'passphrase' ? 'Key passphrase' : 'Password';
      body = (
        <form id={`prompt-form-${promptId}`} onSubmit={(e) => (e.preventDefault(), void answer(secret))}>
          <p>
            {question.kind === 'passphrase'
              ? `${question.retry ? 'Wrong passphrase. ' : ''}Passphrase for ${question.keyPath}`
              : `Password for ${question.target}`}
            {' '}(used for this connection only, never stored)
          </p>
          <input type="password" aria-label={title} autoFocus value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" />
        </form>
      );
      actions = (
        <>
          <button ref={firstButton} type="button" onClick={() => void answer(null)}>Cancel</button>
          <button type="submit" form={`prompt-form-${promptId}`} className="primary">Connect</button>
        </>
      );
      break;
    case 'risky_command': {
      const restart = question.restart;
      const needsApproval = restart?.approvalNeeded === true;
      const send = () => {
        if (!needsApproval) return void answer(true);
        if (secret.trim() === '') return setProblem('Name who approved the restart, or cancel.');
        void answer(secret.trim());
      };
      title = restart ? 'Restart the trading service on a production host?' : 'Send a risky command to a production host?';
      body = (
        <form id={`prompt-form-${promptId}`} onSubmit={(e) => (e.preventDefault(), send())}>
          <p>
            On <strong>{question.title}</strong>:
          </p>
          <pre className="risky-command">{question.command}</pre>
          <ul>
            {question.reasons.map((r) => <li key={r}>{r}</li>)}
          </ul>
          {question.uncertain && <p className="warn">The line was edited in ways the cockpit cannot follow (history, completion): read it on the terminal too.</p>}
          {restart && <p className={needsApproval ? 'warn' : undefined}>{restart.why}</p>}
          {restart && restart.duringAvoided.length > 0 && (
            <p className="warn">During {restart.duringAvoided.join('; ')}: tell the trading desk first.</p>
          )}
          {needsApproval && (
            <label className="prompt-field">
              Approved by (name, recorded with the command)
              <input aria-label="Approved by" value={secret} onChange={(e) => setSecret(e.target.value)} maxLength={200} autoComplete="off" />
            </label>
          )}
        </form>
      );
      actions = (
        <>
          <button ref={firstButton} type="button" className="primary" onClick={() => void answer(false)}>Cancel</button>
          <button type="submit" form={`prompt-form-${promptId}`} className="danger">{needsApproval ? 'Send, approved' : 'Send command'}</button>
        </>
      );
      break;
    }
  }

  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="modal prompt-dialog" onKeyDown={(e) => e.key === 'Escape' && void answer(question.kind === 'passphrase' || question.kind === 'password' ? null : false)}>
        <h2 id={titleId}>{title}</h2>
        {body}
        {problem && <p role="alert" className="bad">{problem}</p>}
        <div className="modal-actions">{actions}</div>
      </div>
    </div>
  );
}
