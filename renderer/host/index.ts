/**
 * Where the renderer gets its host. The page carries
 * `<meta name="cockpit-host" content="electron|browser">`, written by the
 * host that served it; that flag alone picks the bridge (never a guess from
 * which window globals happen to exist).
 */
import { HOST_META_NAME, type ElectronBridgeApi } from '../../src/contract/bridge.js';
import type { CockpitHost } from '../../src/contract/host.js';
import { createBrowserHost, socketUrl, type SocketLike } from './browser-bridge.js';
import { createElectronHost } from './electron-bridge.js';
import { takeSessionToken } from './session-token.js';

export type HostFlag = 'electron' | 'browser';

/** Thrown when the page cannot reach a host; the view shows the message. */
export class HostUnavailableError extends Error {}

/** The flag from the page's meta tag; null when missing or still the build placeholder. */
export function readHostFlag(doc: Pick<Document, 'querySelector'>): HostFlag | null {
  const content = doc.querySelector<HTMLMetaElement>(`meta[name="${HOST_META_NAME}"]`)?.content;
  return content === 'electron' || content === 'browser' ? content : null;
}

let host: CockpitHost | null = null;

export function getHost(): CockpitHost {
  if (host) return host;
  const flag = readHostFlag(document);
  if (flag === 'electron') {
    const api = (window as unknown as { cockpit?: ElectronBridgeApi }).cockpit;
    if (!api) throw new HostUnavailableError('this page says it runs in Electron, but the preload bridge is missing');
    host = createElectronHost(api);
  } else if (flag === 'browser') {
    const token = takeSessionToken(window);
    if (token === null) {
      throw new HostUnavailableError('no session token: open the URL the cockpit printed when it started (it ends in #token=...)');
    }
    host = createBrowserHost({
      url: socketUrl(window.location, token),
      openSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      timers: { setTimeout: (fn, ms) => window.setTimeout(fn, ms), clearTimeout: (h) => window.clearTimeout(h as number) },
    });
  } else {
    throw new HostUnavailableError(`this page was not served by a cockpit host (missing <meta name="${HOST_META_NAME}">)`);
  }
  return host;
}
