/**
 * A local port forward: a listener on 127.0.0.1 (port chosen by the OS)
 * whose connections are carried over the host's SSH connection to
 * remoteHost:remotePort as seen from that host. This is how the trading API
 * on localhost:8080 of a host is reached when it is not reachable directly;
 * the poller just gets `localUrl` as its base URL.
 *
 * Each incoming connection takes its own lease on the shared SSH
 * connection, so a connection that dropped is reopened by the next request.
 */
import { createServer, type Socket } from 'node:net';
import { forwardOut } from './channels.js';
import type { SshConnector } from './connector.js';
import type { HostProfile } from './profile.js';

export interface LocalForward {
  /** e.g. "http://127.0.0.1:43121". */
  localUrl: string;
  localPort: number;
  close(): Promise<void>;
}

export async function forwardLocal(
  connector: SshConnector,
  profile: HostProfile,
  remoteHost: string,
  remotePort: number,
): Promise<LocalForward> {
  // Connect first, so a bad key or host fails here, not on the first request.
  const warm = await connector.acquire(profile);
  const sockets = new Set<Socket>();
  /** One per accepted socket, settled once its lease is let go. */
  const finished = new Set<Promise<void>>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    const done = new Promise<void>((settle) => {
      socket.once('close', () => sockets.delete(socket));
      connector.acquire(profile).then(
        async (lease) => {
          const letGo = () => {
            lease.release();
            settle();
          };
          if (socket.destroyed) return letGo();
          socket.once('close', letGo);
          try {
            const channel = await forwardOut(lease.client, remoteHost, remotePort);
            channel.on('error', () => socket.destroy());
            socket.pipe(channel as unknown as NodeJS.WritableStream);
            channel.pipe(socket);
            channel.once('close', () => socket.destroy());
          } catch {
            socket.destroy();
          }
        },
        () => {
          socket.destroy();
          settle();
        },
      );
    });
    finished.add(done);
    void done.then(() => finished.delete(done));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    localUrl: `http://127.0.0.1:${port}`,
    localPort: port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await Promise.all([closed, ...finished]);
      warm.release();
    },
  };
}
