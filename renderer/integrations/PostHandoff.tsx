/**
 * "Post to Slack" in the Handoff dialog, once Slack is set up: saves the
 * draft first (so the host's note is what is on screen), then queues the
 * note for the routine channel through the outbox. What happened to it
 * shows in the header's Slack state; a second press of the same note posts
 * nothing more.
 */
import { useState } from 'react';
import { getHost } from '../host/index.js';
import { useIntegrations } from './integrations.js';

export function PostHandoff({ saveFirst }: { saveFirst: () => Promise<void> }) {
  const slack = useIntegrations((s) => s.view?.states.find((x) => x.channel === 'slack'));
  const [told, setTold] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!slack?.configured) return null;
  const post = async () => {
    if (busy) return;
    setBusy(true);
    await saveFirst();
    const result = await getHost().call('integrations.postHandoff', {});
    setBusy(false);
    if (!result.ok) setTold({ text: `Not posted: ${result.error.message}`, bad: true });
    else setTold({ text: result.value.queued ? `Queued for ${result.value.to}` : `This note is already queued or posted to ${result.value.to}`, bad: false });
  };
  return (
    <>
      <button type="button" onClick={() => void post()} aria-disabled={busy}>
        Post to Slack
      </button>
      {told ? (
        <span role="status" aria-label="Slack post result" className={told.bad ? 'settings-error' : 'muted'}>
          {told.text}
        </span>
      ) : null}
    </>
  );
}
