/**
 * Who may talk to the browser host. It binds 127.0.0.1 only, and on top of
 * that checks the names a request uses, so that a web page elsewhere cannot
 * drive it: the Host header must name loopback on our port (a DNS-rebinding
 * page would send its own name), and a WebSocket's Origin must be our own
 * page's origin (browsers always send Origin on WebSocket handshakes).
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

export function isOwnHost(host: string | undefined, port: number): boolean {
  return host !== undefined && LOOPBACK_NAMES.some((name) => host.toLowerCase() === `${name}:${port}`);
}

export function isOwnOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && LOOPBACK_NAMES.some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}
