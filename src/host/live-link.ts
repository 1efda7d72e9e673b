/**
 * The host's end of the live link: numbers every live update and sends each
 * as a delta against what the renderers were sent before
 * (src/core/live-link/link.ts). One sender serves every renderer, so every
 * renderer sees the same numbered deltas whichever host carries them; a
 * renderer that joins later starts from `snapshot`.
 */
import type { LiveDelta, LiveLinkSnapshot, LiveSnapshot, LiveUpdate } from '../contract/live.js';
import { encodeUpdate, initialSender, unsentChanges, type SenderState } from '../core/live-link/link.js';

export interface LiveLinkSender {
  /** The delta for one update of the feed, numbered. */
  encode(update: LiveUpdate): LiveDelta;
  /**
   * Stamps a fresh snapshot with the number of the last delta it includes.
   * If its data is not what the last delta left (a feed whose snapshot ran
   * ahead of its updates), a catch-up delta goes out first through `send`.
   */
  snapshot(fresh: LiveSnapshot, send: (delta: LiveDelta) => void): LiveLinkSnapshot;
  readonly seq: number;
}

export function createLiveLinkSender(): LiveLinkSender {
  let state: SenderState = initialSender();
  const encode = (update: LiveUpdate): LiveDelta => {
    const next = encodeUpdate(state, update);
    state = next.state;
    return next.delta;
  };
  return {
    encode,
    snapshot(fresh, send) {
      const ahead = unsentChanges(state, fresh.endpoints);
      if (ahead !== null) send(encode({ endpoints: ahead, pollMs: fresh.pollMs, at: fresh.at }));
      return { ...fresh, seq: state.seq };
    },
    get seq() {
      return state.seq;
    },
  };
}
