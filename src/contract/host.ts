/**
 * What the renderer sees of its host, whichever it is. The renderer gets one
 * of these from `renderer/host`, which picks the Electron bridge or the
 * browser bridge from an explicit runtime flag.
 */
import type { HostKind } from './app.js';
import type { CallName, CallRequest, CallResponse, EventName, EventPayload } from './index.js';
import type { Result } from './result.js';

export interface CockpitHost {
  readonly kind: HostKind;
  call<C extends CallName>(name: C, request: CallRequest<C>): Promise<Result<CallResponse<C>>>;
  /** Subscribes to a host event; returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Whether the host link is up (the browser host's socket can drop); returns unsubscribe. */
  onConnection(listener: (up: boolean) => void): () => void;
}
