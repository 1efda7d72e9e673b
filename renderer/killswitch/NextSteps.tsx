/**
 * What to do when a halt or a stop is not proven: each step in words, the
 * command to run on the trading host (with a copy button), and the desk's
 * number as a link that dials it.
 */
import { useState } from 'react';
import type { NextStep } from '../../src/contract/killswitch.js';

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" className="small" onClick={() => void copy()}>
      {copied ? 'Copied' : 'Copy command'}
    </button>
  );
}

export function NextSteps({ steps }: { steps: readonly NextStep[] }) {
  return (
    <ol className="next-steps" aria-label="Next steps">
      {steps.map((step, i) => (
        <li key={i}>
          <span>{step.text}</span>
          {step.command ? (
            <div className="command">
              <code>{step.command}</code> <CopyButton text={step.command} />
            </div>
          ) : null}
          {step.phone ? (
            <div>
              <a href={`tel:${step.phone.replace(/[^\d+]/g, '')}`}>Call {step.phone}</a>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
