/**
 * Every exported file (an incident's timeline, the handoff, the pre-shift
 * report) carries the audit chain's head at the moment of export
 * (src/core/audit/chain-head.ts). Applied here, around the handlers, so
 * no export can leave it out.
 */
import { withChainHead, type ChainHeadLine } from '../core/audit/chain-head.js';
import type { CallHandlers } from './dispatch.js';

export const EXPORTS_WITH_CHAIN_HEAD = ['incidents.export', 'handoff.export', 'checks.export'] as const;
type Exporting = (typeof EXPORTS_WITH_CHAIN_HEAD)[number];

export function withChainHeads<H extends Partial<CallHandlers>>(handlers: H, head: () => ChainHeadLine): H {
  const out: Partial<CallHandlers> = { ...handlers };
  for (const name of EXPORTS_WITH_CHAIN_HEAD) {
    const handler = handlers[name] as ((request: never) => Promise<{ text: string }> | { text: string }) | undefined;
    if (!handler) continue;
    (out as Record<Exporting, unknown>)[name] = async (request: never) => {
      const file = await handler(request);
      return { ...file, text: withChainHead(file.text, head()) };
    };
  }
  return out as H;
}
