/**
 * Imports host profiles from an OpenSSH client config (~/.ssh/config):
 * Host, HostName, Port, User, IdentityFile and ProxyJump, with OpenSSH's
 * rule that the first value found for a keyword wins (so `Host *` defaults
 * at the top apply, as they would for `ssh`). `Match exec` is never run:
 * importing must not execute commands from a file.
 *
 * Every imported profile starts with role "other": which hosts are
 * production is the engineer's call, not the config's.
 */
import SSHConfig from 'ssh-config';
import { HostProfile } from './profile.js';

export interface SshConfigImport {
  profiles: HostProfile[];
  /** Things not imported, in words: wildcard-only sections, unreadable values. */
  notes: string[];
}

const isPattern = (alias: string) => /[*?!]/.test(alias);

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

function expandHome(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? `${home}/${path.slice(2)}` : path;
}

/** `[user@]host[:port]`, one ProxyJump hop. */
function parseHop(hop: string): { user?: string; host: string; port: number } | null {
  const m = hop.match(/^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/);
  if (!m) return null;
  return { user: m[1], host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : 22 };
}

export const profileIdForAlias = (alias: string) => `ssh-config:${alias}`;

export function importSshConfig(text: string, { home, localUser }: { home: string; localUser: string }): SshConfigImport {
  const config = SSHConfig.parse(text);
  const notes: string[] = [];
  const aliases: string[] = [];
  for (const line of config) {
    if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    const values = Array.isArray(line.value) ? line.value.map((v) => v.val) : [line.value];
    for (const alias of values) {
      if (isPattern(alias)) notes.push(`Host ${alias}: a pattern, not a host; its settings apply to the hosts it matches`);
      else if (!aliases.includes(alias)) aliases.push(alias);
    }
  }

  const profiles = new Map<string, HostProfile>();
  const jumpChains = new Map<string, string>();
  for (const alias of aliases) {
    const computed = config.compute(alias, { ignoreCase: true, matchExec: false });
    const port = Number(first(computed.port) ?? 22);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      notes.push(`Host ${alias}: port ${first(computed.port)} is not a port; skipped`);
      continue;
    }
    const identity = first(computed.identityfile);
    const proxyJump = first(computed.proxyjump);
    profiles.set(alias, HostProfile.parse({
      id: profileIdForAlias(alias),
      name: alias,
      host: first(computed.hostname) ?? alias,
      port,
      user: first(computed.user) ?? localUser,
      role: 'other',
      auth: identity ? { method: 'key', keyPath: expandHome(identity, home) } : { method: 'agent', agentSocket: null },
      agentForward: (first(computed.forwardagent) ?? 'no').toLowerCase() === 'yes',
    }));
    if (proxyJump && proxyJump.toLowerCase() !== 'none') jumpChains.set(alias, proxyJump);
  }

  // ProxyJump a,b: reach a, then b through a, then the host through b.
  for (const [alias, chain] of jumpChains) {
    let previous: string | null = null;
    let ok = true;
    for (const hopText of chain.split(',').map((h) => h.trim())) {
      let hopId: string;
      if (profiles.has(hopText)) {
        hopId = profileIdForAlias(hopText);
        const hopProfile = profiles.get(hopText)!;
        if (previous !== null && hopProfile.jumpVia !== previous) {
          notes.push(`Host ${alias}: jump host ${hopText} is reached directly here, not through the earlier hop`);
        }
      } else {
        const hop = parseHop(hopText);
        if (!hop) {
          notes.push(`Host ${alias}: ProxyJump hop "${hopText}" not understood; the host is imported without a jump`);
          ok = false;
          break;
        }
        hopId = `ssh-config:jump:${hopText}`;
        if (![...profiles.values()].some((p) => p.id === hopId)) {
          profiles.set(`jump:${hopText}`, HostProfile.parse({
            id: hopId,
            name: hopText,
            host: hop.host,
            port: hop.port,
            user: hop.user ?? localUser,
            jumpVia: previous,
          }));
        }
      }
      previous = hopId;
    }
    if (ok && previous) profiles.set(alias, { ...profiles.get(alias)!, jumpVia: previous });
  }
  return { profiles: [...profiles.values()], notes };
}
