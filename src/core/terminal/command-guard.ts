/**
 * The prod-terminal guard: decides whether a command line, about to be
 * submitted on a production host, must be confirmed in the cockpit first.
 * It looks for commands that start, stop, restart or kill the trading
 * service (and the scripts that restart things), delete files, or drop
 * database objects. A start or restart is also marked `restarts`: the
 * procedures allow one without approval only for a SEV1 outage off-hours
 * (restart-rule.ts says which case holds). It is a seatbelt against slips of
 * the hand, not a sandbox: a determined `eval "$(echo ...)"` gets past it,
 * and that is accepted; being wrong on a harmless line would train people to
 * click through.
 */

export interface CommandVerdict {
  risky: boolean;
  /** Plain-language reasons, one per rule that matched, for the confirm dialog. */
  reasons: string[];
  /** The line starts or restarts the trading service, or runs a restart script: the approval rule applies. */
  restarts: boolean;
}

/** The trading service's systemd unit (see the team's host notes). */
export const TRADING_SERVICE = 'hft_system';

interface Rule {
  reason: string;
  /** SQL rules also run on the whole line: SQL arrives quoted or at a psql prompt. */
  sql?: boolean;
  /** A match starts or restarts the trading service. */
  restarts?: boolean;
  test(words: string[], segment: string): boolean;
}

const SERVICE_NAME = new RegExp(`\\b${TRADING_SERVICE}(?:\\.service)?\\b`);
/** An SQL object name: a bare identifier or a double-quoted one (so `grep "drop table" notes` is not one). */
const IDENT = '(?:[A-Z_][A-Z0-9_.$]*|"[^"\\s]+")';
const SQL = (s: string) => s.replace(/\s+/g, ' ').toUpperCase();

/** Drops leading `sudo`/`env`/`nohup`/`time` and VAR=value words, which do not change what runs. */
function commandWords(segment: string): string[] {
  const words = segment.trim().split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else if (['sudo', 'env', 'nohup', 'time', 'exec', 'command', 'doas'].includes(w)) {
      i++;
      // sudo's own flags, e.g. `sudo -u hft`, `sudo -n`.
      while (i < words.length && words[i]!.startsWith('-')) {
        const flag = words[i]!;
        i += ['-u', '-g', '-h', '-p', '-C'].includes(flag) ? 2 : 1;
      }
    } else break;
  }
  return words.slice(i).map((w) => w.replace(/^['"]|['"]$/g, ''));
}

const base = (w: string | undefined) => (w ?? '').split('/').pop() ?? '';

const rules: Rule[] = [
  {
    reason: 'stops or kills the trading service',
    test: (w, seg) =>
      base(w[0]) === 'systemctl' && w.some((x) => ['stop', 'kill', 'disable', 'mask', 'isolate'].includes(x)) && SERVICE_NAME.test(seg),
  },
  {
    reason: 'starts or restarts the trading service',
    restarts: true,
    test: (w, seg) =>
      base(w[0]) === 'systemctl' && w.some((x) => ['start', 'restart', 'try-restart', 'reload-or-restart', 'condrestart'].includes(x)) && SERVICE_NAME.test(seg),
  },
  {
    reason: 'stops the trading service',
    test: (w, seg) => base(w[0]) === 'service' && SERVICE_NAME.test(seg) && w.includes('stop'),
  },
  {
    reason: 'starts or restarts the trading service',
    restarts: true,
    test: (w, seg) => base(w[0]) === 'service' && SERVICE_NAME.test(seg) && w.some((x) => ['start', 'restart'].includes(x)),
  },
  {
    // The team's scripts are named for what they do (scripts/restart_hft.sh, restart-gateway.sh): a restart script restarts.
    reason: 'runs a restart script',
    restarts: true,
    test: (w) => /restart/i.test(base(w[0])) && (/\.(sh|py|bash)$/.test(base(w[0])) || (w[0] ?? '').includes('/')),
  },
  {
    reason: 'sends a signal to processes',
    test: (w, seg) =>
      ['pkill', 'killall'].includes(base(w[0])) ||
      (base(w[0]) === 'kill' && (SERVICE_NAME.test(seg) || w.length > 1)),
  },
  {
    reason: 'deletes files',
    test: (w) => ['rm', 'shred', 'unlink', 'rmdir'].includes(base(w[0])) || (base(w[0]) === 'find' && w.includes('-delete')),
  },
  {
    reason: 'deletes files recursively or by force',
    test: (w) => base(w[0]) === 'rm' && w.slice(1).some((x) => /^-[a-zA-Z]*[rRf]/.test(x) || x === '--recursive' || x === '--force'),
  },
  {
    reason: 'truncates or overwrites a file or device',
    test: (w) =>
      base(w[0]) === 'truncate' ||
      (base(w[0]) === 'dd' && w.some((x) => x.startsWith('of='))) ||
      /^mkfs(\.|$)/.test(base(w[0])) ||
      base(w[0]) === 'wipefs',
  },
  {
    reason: 'drops a database object',
    sql: true,
    test: (_w, seg) => new RegExp(`\\bDROP\\s+(TABLE|DATABASE|SCHEMA|INDEX|VIEW|MATERIALIZED\\s+VIEW|FUNCTION|TYPE|OWNED\\s+BY)\\s+(IF\\s+EXISTS\\s+)?${IDENT}`).test(SQL(seg)) || /^dropdb$/.test(base(_w[0])),
  },
  {
    reason: 'empties a database table',
    sql: true,
    test: (_w, seg) => new RegExp(`\\bTRUNCATE\\s+(TABLE\\s+)?(ONLY\\s+)?${IDENT}`).test(SQL(seg)) && base(_w[0]) !== 'truncate',
  },
  {
    reason: 'deletes every row of a table (DELETE without WHERE)',
    sql: true,
    test: (_w, seg) => {
      const sql = SQL(seg);
      const at = sql.search(/\bDELETE\s+FROM\b/);
      return at >= 0 && !/\bWHERE\b/.test(sql.slice(at));
    },
  },
  {
    reason: 'updates every row of a table (UPDATE without WHERE)',
    sql: true,
    test: (_w, seg) => {
      const sql = SQL(seg);
      const at = sql.search(/\bUPDATE\s+\S+\s+SET\b/);
      return at >= 0 && !/\bWHERE\b/.test(sql.slice(at));
    },
  },
];

/**
 * Splits a shell line on `;`, `&&`, `||`, `|` and newlines, so a risky command
 * after a harmless one is still seen. Quotes are not parsed: a `;` inside a
 * quoted SQL string splits too, which at worst adds a reason, never hides one,
 * because the SQL rules also run on the whole line.
 */
function segments(line: string): string[] {
  return line.split(/;|&&|\|\||\||\n/).map((s) => s.trim()).filter(Boolean);
}

export function classifyCommand(line: string): CommandVerdict {
  const reasons = new Set<string>();
  let restarts = false;
  const matched = (rule: Rule) => {
    reasons.add(rule.reason);
    restarts ||= rule.restarts === true;
  };
  for (const seg of segments(line)) {
    const words = commandWords(seg);
    for (const rule of rules) if (rule.test(words, seg)) matched(rule);
  }
  // SQL usually arrives quoted in one argument (psql -c "..."), or typed at
  // a psql prompt where the shell splitting above means nothing.
  for (const rule of rules.filter((r) => r.sql)) if (rule.test(commandWords(line), line)) matched(rule);
  return { risky: reasons.size > 0, reasons: [...reasons], restarts };
}
