/**
 * A host profile: everything the cockpit needs to open SSH to one machine.
 * Secrets are never part of it: a key file is referred to by path, its
 * passphrase and any password are asked for when needed and not kept.
 */
import { z } from 'zod';

export const HostRole = z.enum(['prod', 'standby', 'other']);
export type HostRole = z.infer<typeof HostRole>;

export const SshAuth = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('agent'),
    /**
     * The agent's socket. Null means the cockpit-wide setting, then
     * $SSH_AUTH_SOCK: a desktop app started from a launcher often has no
     * SSH_AUTH_SOCK, so the path can be set here.
     */
    agentSocket: z.string().min(1).nullable().default(null),
  }),
  z.object({
    method: z.literal('key'),
    /** Path of the private key (OpenSSH or PEM); its passphrase is asked when the key is encrypted. */
    keyPath: z.string().min(1),
  }),
  z.object({ method: z.literal('password') }),
]);
export type SshAuth = z.infer<typeof SshAuth>;

export const HostProfile = z.object({
  id: z.string().min(1),
  /** What the engineer calls it: "hft-prod-01". */
  name: z.string().min(1),
  /** Host name or address to connect to (HostName in ssh_config). */
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535).default(22),
  user: z.string().min(1),
  role: HostRole.default('other'),
  auth: SshAuth.default({ method: 'agent', agentSocket: null }),
  /** Id of the profile to jump through (ProxyJump); that profile may jump further. */
  jumpVia: z.string().min(1).nullable().default(null),
  /** Forward the local agent to the host: off unless a profile turns it on. */
  agentForward: z.boolean().default(false),
});
export type HostProfile = z.infer<typeof HostProfile>;
export type HostProfileInput = z.input<typeof HostProfile>;

/** "user@host" as the audit log and the tab title show it. */
export const userAtHost = (profile: Pick<HostProfile, 'user' | 'host' | 'port'>) =>
  `${profile.user}@${profile.host}${profile.port === 22 ? '' : `:${profile.port}`}`;
