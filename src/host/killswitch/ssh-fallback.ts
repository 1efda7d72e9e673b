/**
 * The killswitch's second way in: when the API cannot be reached directly,
 * the same request as a curl on the prod host, over the terminal's shared
 * SSH connection. Only a profile the engineer marked as prod with "reach
 * the API through SSH" qualifies; without one there is no fallback and
 * the outcome's next steps say what to type by hand.
 */
import type { HostProfile } from '../../contract/terminal.js';
import { createSshApi, sshCommandRunner, type SshApi } from '../../services/killswitch/index.js';
import type { SshConnector } from '../../services/ssh/connector.js';

export interface SshFallbackSource {
  profiles: { list(): Promise<HostProfile[]> };
  connector: Pick<SshConnector, 'acquire' | 'timers'>;
  /** The write key, handed to curl on stdin (never on its command line). */
  apiKey?: string;
}

/** The first prod profile that reaches the API through SSH, or undefined. */
export function sshFallbackFrom(source: SshFallbackSource): () => Promise<SshApi | undefined> {
  return async () => {
    const profile = (await source.profiles.list()).find((p) => p.role === 'prod' && p.apiViaSsh);
    if (!profile) return undefined;
    return createSshApi({ run: sshCommandRunner(source.connector, profile), ...(source.apiKey ? { apiKey: source.apiKey } : {}) });
  };
}
