/** Channel helpers over an open ssh2 connection. */
import type { Readable } from 'node:stream';
import type { Client } from 'ssh2';

/** A TCP stream to host:port opened from the far side of `client` (direct-tcpip). */
export function forwardOut(client: Client, host: string, port: number): Promise<Readable> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}
