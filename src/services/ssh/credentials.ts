/**
 * Turns a profile's auth setting into what ssh2 needs for one connection.
 * Passphrases and passwords come from the injected prompts each time and
 * live only in this connection attempt's memory; nothing here writes them
 * anywhere.
 */
import { readFile } from 'node:fs/promises';
import ssh2, { type ConnectConfig } from 'ssh2';
import { CredentialsNotGivenError } from './errors.js';
import type { HostProfile } from './profile.js';

export interface SshPrompts {
  /** Passphrase for an encrypted key file; null when the engineer cancels. */
  passphrase(profile: HostProfile, keyPath: string, retry: boolean): Promise<string | null>;
  /** Password for a password profile; null when the engineer cancels. */
  password(profile: HostProfile): Promise<string | null>;
}

/** How many times a wrong passphrase is asked again before giving up. */
export const PASSPHRASE_ATTEMPTS = 3;

// ssh2 is CommonJS and Node's ESM loader cannot see `utils` as a named
// export (only vitest's interop could), so it is read off the default export.
const { utils } = ssh2;

const needsPassphrase = (error: Error) => /passphrase|encrypted/i.test(error.message);

export async function credentialsFor(
  profile: HostProfile,
  prompts: SshPrompts,
  defaultAgentSocket: string | null,
): Promise<Pick<ConnectConfig, 'agent' | 'privateKey' | 'passphrase' | 'password' | 'agentForward'>> {
  const auth = profile.auth;
  if (auth.method === 'agent') {
    const socket = auth.agentSocket ?? defaultAgentSocket ?? process.env.SSH_AUTH_SOCK ?? null;
    if (!socket) throw new Error('No ssh-agent socket: set one in the profile or the SSH settings (GUI apps often start without SSH_AUTH_SOCK)');
    return { agent: socket, agentForward: profile.agentForward };
  }
  if (auth.method === 'password') {
    const password = await prompts.password(profile);
    if (password === null) throw new CredentialsNotGivenError(`No password given for ${profile.name}`);
    return { password };
  }
  const privateKey = await readFile(auth.keyPath);
  const parsed = utils.parseKey(privateKey);
  if (!(parsed instanceof Error)) return { privateKey };
  if (!needsPassphrase(parsed)) throw new Error(`Cannot read key ${auth.keyPath}: ${parsed.message}`);
  for (let attempt = 0; attempt < PASSPHRASE_ATTEMPTS; attempt++) {
    const passphrase = await prompts.passphrase(profile, auth.keyPath, attempt > 0);
    if (passphrase === null) throw new CredentialsNotGivenError(`No passphrase given for ${auth.keyPath}`);
    if (!(utils.parseKey(privateKey, passphrase) instanceof Error)) return { privateKey, passphrase };
  }
  throw new CredentialsNotGivenError(`Wrong passphrase for ${auth.keyPath}, ${PASSPHRASE_ATTEMPTS} times`);
}
