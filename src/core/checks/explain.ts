/**
 * Raw errors in the engineer's words: what failed, and the likely fix. The
 * raw text stays in the report behind a disclosure; this is what the wizard
 * shows first. Rules are tried in order, most specific first; the patterns
 * match the messages of Node's net errors, ssh2, OpenSSH, sudo, systemctl,
 * fetch (undici) and PostgreSQL (SQLSTATE codes from the PostgreSQL manual,
 * appendix A "Error Codes").
 */
import type { CheckKind } from './model.js';

export interface Explanation {
  message: string;
  hint: string;
}

export interface ExplainContext {
  /** Host, URL or database the check was about, for the message. */
  target?: string;
  /** The check's deadline, for timeout messages. */
  timeoutMs?: number;
}

interface Rule {
  kinds?: readonly CheckKind[];
  /** Tried in order: the specific text (which names things) before the bare code. */
  pattern: RegExp | readonly RegExp[];
  explain: (match: RegExpMatchArray, kind: CheckKind, context: ExplainContext) => Explanation;
}

const SSH_KINDS: readonly CheckKind[] = ['ssh', 'sudo', 'api_health_via_ssh'];
const API_KINDS: readonly CheckKind[] = ['api_health', 'api_health_via_ssh', 'api_write_key'];

/** What usually runs on each kind's port, for "connection refused" hints. */
function refusedHint(kind: CheckKind, port: string | null): string {
  if (kind === 'database' || port === '5432') return 'Is the VPN up, and is PostgreSQL running on the database host?';
  if (SSH_KINDS.includes(kind) && kind !== 'api_health_via_ssh') return 'Is the VPN up, and is sshd running on the host (right port in the profile)?';
  if (API_KINDS.includes(kind)) return 'Is the VPN up? If so the trading system is not listening: check `systemctl status hft_system` on the host.';
  return 'Is the VPN up, and is the service running?';
}

const RULES: readonly Rule[] = [
  // Host keys before anything else: a changed key must never read like a network blip.
  {
    kinds: SSH_KINDS,
    pattern: /REMOTE HOST IDENTIFICATION HAS CHANGED|host key (?:has )?changed|Host key for \S+ has CHANGED|host key mismatch|changed host key/i,
    explain: () => ({
      message: "The host's SSH key changed since it was pinned",
      hint: 'Do not connect: ask the platform team whether the host was rebuilt, and replace the pinned key only once they confirm it.',
    }),
  },
  {
    kinds: SSH_KINDS,
    pattern: /Host key for \S+ \([^)]*\) is revoked|@revoked/i,
    explain: () => ({
      message: "The host's SSH key is marked revoked in known_hosts",
      hint: 'Do not connect: a revoked key means it may be compromised. Tell the security team.',
    }),
  },
  {
    kinds: SSH_KINDS,
    pattern: /Host denied \(verification failed\)|Host key for \S+ \([^)]*\) was not trusted|Host key verification failed|host key (?:was )?(?:not trusted|rejected|declined)/i,
    explain: () => ({
      message: "The host's SSH key was not accepted",
      hint: 'Accept the fingerprint only if it matches the one the platform team published for this host; a changed key is shown with both fingerprints.',
    }),
  },
  {
    kinds: SSH_KINDS,
    pattern: /All configured authentication methods failed|Permission denied \((?:publickey|[\w,-]*publickey)/i,
    explain: () => ({
      message: 'Permission denied (publickey)',
      hint: 'Is your key loaded in the agent (`ssh-add -l`)? Check the agent socket and the user in the host profile.',
    }),
  },
  {
    kinds: SSH_KINDS,
    pattern: /No (?:password|passphrase) given for/i,
    explain: () => ({
      message: 'No password or passphrase was given',
      hint: 'The prompt was dismissed; re-run the check and enter it, or load the key into the agent.',
    }),
  },
  {
    kinds: SSH_KINDS,
    pattern: /Cannot parse privateKey|bad passphrase|Encrypted private OpenSSH key detected, but no passphrase/i,
    explain: () => ({
      message: 'The SSH key file could not be used',
      hint: 'Check the key file in the profile and its passphrase, or load the key into the agent instead.',
    }),
  },
  {
    kinds: ['sudo'],
    pattern: /sudo: (?:a password is required|\d+ incorrect password attempts?)/i,
    explain: () => ({
      message: 'sudo needs a password',
      hint: 'Passwordless sudo is not set up for your user on this host: ask for a sudoers entry (NOPASSWD) for `systemctl status hft_system` and the other on-call commands.',
    }),
  },
  {
    kinds: ['sudo'],
    pattern: /is not in the sudoers file|is not allowed to (?:run sudo|execute)/i,
    explain: () => ({
      message: 'Your user may not use sudo on this host',
      hint: 'Ask the platform team to add you to the on-call sudoers group.',
    }),
  },
  {
    kinds: ['sudo'],
    pattern: /a terminal is required|you must have a tty/i,
    explain: () => ({
      message: 'sudo insists on a terminal (requiretty)',
      hint: 'The sudoers policy has `requiretty`; ask for it to be lifted for the on-call group.',
    }),
  },
  {
    kinds: ['sudo'],
    pattern: /sudo: (?:command )?not found|sudo: No such file/i,
    explain: () => ({ message: 'sudo is not installed on this host', hint: 'Is this the right host?' }),
  },
  {
    kinds: ['sudo'],
    pattern: /Unit [\w@.-]+ could not be found|LoadState=not-found|Loaded: not-found/i,
    explain: () => ({
      message: 'The hft_system unit is not installed on this host',
      hint: 'Is this the right host? The trading service is not installed here.',
    }),
  },
  {
    kinds: ['sudo'],
    pattern: /System has not been booted with systemd|Failed to connect to bus/i,
    explain: () => ({
      message: 'systemd is not running on this host',
      hint: 'The host does not run systemd (a container?): `systemctl` cannot tell whether hft_system runs.',
    }),
  },
  {
    kinds: ['sudo'],
    pattern: /Active: (inactive|failed|activating|deactivating|reloading)[^\n]*/i,
    explain: (m) => ({
      message: `hft_system is not running (${m[0].replace(/^Active:\s*/i, '').trim()})`,
      hint: 'Read `journalctl -u hft_system -n 200`; restart only if it is safe, and tell the desk.',
    }),
  },
  {
    kinds: ['database'],
    pattern: [/password authentication failed for user "?([^"\s]+)"?/i, /28P01/],
    explain: (m) => ({
      message: `Wrong password for ${m[1] ?? 'hft_user'}`,
      hint: 'Check the entry in ~/.pgpass (or PGPASSWORD), or enter the password again.',
    }),
  },
  {
    kinds: ['database'],
    pattern: [/database "([^"]+)" does not exist/i, /3D000/],
    explain: (m) => ({
      message: `Database ${m[1] ?? 'hft_db'} does not exist on this server`,
      hint: 'Is the database host right in the profile (production, not a replica or a dev box)?',
    }),
  },
  {
    kinds: ['database'],
    pattern: /role "([^"]+)" does not exist/i,
    explain: (m) => ({
      message: `The database role ${m[1]} does not exist`,
      hint: 'Check the user name (hft_user); the database team creates roles.',
    }),
  },
  {
    kinds: ['database'],
    pattern: /no pg_hba\.conf entry for host "([^"]+)"/i,
    explain: (m) => ({
      message: `The database does not accept connections from ${m[1]}`,
      hint: 'Is the VPN up? pg_hba.conf only admits the VPN range; otherwise ask the database team.',
    }),
  },
  {
    kinds: ['database'],
    pattern: /no password (?:is )?(?:available|supplied)|client password must be a string|password must be a string/i,
    explain: () => ({
      message: 'No database password available',
      hint: 'Add hft_user to ~/.pgpass (mode 0600), set PGPASSWORD, or enter the password when asked.',
    }),
  },
  {
    kinds: ['database'],
    pattern: [/the database system is (starting up|shutting down|in recovery mode)/i, /57P03/],
    explain: (m) => ({
      message: `The database is ${m[1] ?? 'not accepting connections yet'}`,
      hint: 'Wait a minute and re-run; if it persists, call the database team.',
    }),
  },
  {
    kinds: ['database'],
    pattern: /53300|too many (?:clients|connections)/i,
    explain: () => ({
      message: 'The database has no free connections',
      hint: 'Something is leaking connections: tell the database team.',
    }),
  },
  {
    kinds: ['api_write_key'],
    pattern: /\b401\b|unauthori[sz]ed/i,
    explain: () => ({
      message: 'The write key was refused',
      hint: 'The key in settings does not match the one the trading system is configured with; get the current one from the secrets vault.',
    }),
  },
  {
    pattern: /ECONNREFUSED(?:\s+\[?([\w.:-]*)\]?:(\d+))?/,
    explain: (m, kind) => ({
      message: m[2] ? `Connection refused on ${m[2]}` : 'Connection refused',
      hint: refusedHint(kind, m[2] ?? null),
    }),
  },
  {
    pattern: /ENOTFOUND|EAI_AGAIN|getaddrinfo/,
    explain: () => ({
      message: 'Host name not found',
      hint: 'Is the VPN up (its DNS resolves the production names)? Check the host name in the profile.',
    }),
  },
  {
    pattern: /ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|Timed out while waiting for handshake|Connect Timeout|UND_ERR_CONNECT_TIMEOUT/i,
    explain: () => ({
      message: 'The host does not answer on the network',
      hint: 'Is the VPN up? The host is unreachable from this laptop.',
    }),
  },
  {
    kinds: API_KINDS,
    pattern: /socket hang up|other side closed|ECONNRESET|UND_ERR_SOCKET|terminated/i,
    explain: () => ({
      message: 'The trading API closed the connection without answering',
      hint: 'The trading system may have crashed or hung: check `systemctl status hft_system` and its log on the host.',
    }),
  },
  {
    kinds: API_KINDS,
    pattern: /HTTP (\d{3})/,
    explain: (m) => ({
      message: `The trading API answered HTTP ${m[1]}`,
      hint: 'The system is up but not healthy: check its log on the host.',
    }),
  },
  {
    pattern: /ECONNRESET|socket hang up|Connection lost before handshake/i,
    explain: () => ({
      message: 'The connection was dropped',
      hint: 'Is the VPN stable? Re-run the check; if it repeats, a firewall may be cutting the connection.',
    }),
  },
];

/**
 * Deadlines: the runner reports its own as "timed out after N ms", the SSH
 * service its command deadline as "did not finish within N ms".
 */
const TIMEOUT = /(?:timed out after|did not finish within) (\d+) ?ms|\bAbortError\b|operation was aborted/i;

function timeoutHint(kind: CheckKind): string {
  switch (kind) {
    case 'database':
      return 'Is the VPN up? A firewall that drops (not refuses) port 5432 looks like this.';
    case 'ssh':
      return 'Is the VPN up? sshd did not complete the handshake in time.';
    case 'sudo':
      return 'The command hung: sudo may be waiting on a slow name service or LDAP.';
    default:
      return 'Is the VPN up? The trading system did not answer in time; it may be hung.';
  }
}

export function explainFailure(kind: CheckKind, rawError: string, context: ExplainContext = {}): Explanation {
  for (const rule of RULES) {
    if (rule.kinds && !rule.kinds.includes(kind)) continue;
    const patterns: readonly RegExp[] = Array.isArray(rule.pattern) ? rule.pattern : [rule.pattern as RegExp];
    for (const pattern of patterns) {
      const match = rawError.match(pattern);
      if (match) return rule.explain(match, kind, context);
    }
  }
  const timeout = rawError.match(TIMEOUT);
  if (timeout) {
    const ms = timeout[1] ? Number(timeout[1]) : context.timeoutMs;
    return {
      message: ms ? `No answer within ${formatSeconds(ms)}` : 'No answer in time',
      hint: timeoutHint(kind),
    };
  }
  const firstLine = rawError.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
  return {
    message: context.target ? `${context.target}: ${firstLine}` : firstLine,
    hint: 'Not a failure the cockpit recognises: the raw error below has the details.',
  };
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
