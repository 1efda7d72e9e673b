/**
 * The team's quick-reference commands, filled in for the selected host. They
 * are typed into the terminal for the engineer to read and submit; nothing
 * here runs on its own. The killswitch is deliberately absent: it has its own
 * guarded control in the cockpit, and a terminal command would bypass the
 * guard and the audit trail (a test holds every template to that).
 */

export type QuickCommandId =
  | 'status'
  | 'health-check'
  | 'positions'
  | 'recent-errors'
  | 'system-resources'
  | 'exchange-status'
  | 'strategy-status'
  | 'recent-alerts'
  | 'service-status'
  | 'database-check';

export interface QuickCommand {
  id: QuickCommandId;
  label: string;
  /** Shell text with {host}, {exchange} and {installDir} placeholders. */
  template: string;
}

/** Base of the trading API as seen from the host itself (the team's runbooks use it verbatim). */
const API = 'http://localhost:8080';

export const QUICK_COMMANDS: readonly QuickCommand[] = [
  { id: 'status', label: 'System status', template: `curl -s ${API}/api/v1/status | jq .` },
  { id: 'health-check', label: 'Health check', template: 'cd {installDir} && ./scripts/health_check.sh' },
  { id: 'positions', label: 'Positions', template: `curl -s ${API}/api/v1/positions | jq .` },
  { id: 'recent-errors', label: 'Recent errors', template: 'tail -n 100 /var/log/hft_system/errors.log' },
  { id: 'system-resources', label: 'System resources', template: 'uptime; free -m; df -h; top -bn1 | head -20' },
  {
    id: 'exchange-status',
    label: 'Exchange status',
    template: 'cd {installDir} && ./scripts/check_exchange_status.sh {exchange}',
  },
  {
    id: 'strategy-status',
    label: 'Strategy status',
    template: `curl -s ${API}/api/v1/strategies | jq '.strategies[] | {id: .strategy_id, status: .status, pnl: .performance.daily_pnl_usd}'`,
  },
  { id: 'recent-alerts', label: 'Recent alerts (1 h)', template: 'cd {installDir} && ./scripts/recent_alerts.sh --hours=1' },
  { id: 'service-status', label: 'Service status', template: 'sudo -n systemctl status hft_system' },
  { id: 'database-check', label: 'Database check', template: 'psql -h {host} -U hft_user -d hft_db -c "SELECT 1;"' },
];

export interface QuickCommandContext {
  host: string;
  exchange?: string;
  /** Where the trading system's scripts live on the host. */
  installDir: string;
}

/**
 * Values go into a shell line unquoted, so each must be a plain token:
 * a host name or address, an exchange name, an absolute path.
 */
const SAFE: Record<keyof QuickCommandContext, RegExp> = {
  host: /^[A-Za-z0-9._:-]+$/,
  exchange: /^[a-z0-9_-]+$/,
  installDir: /^\/[A-Za-z0-9._/-]*$/,
};

export type FilledCommand = { ok: true; command: string } | { ok: false; missing: string[]; unsafe: string[] };

export function fillQuickCommand(command: QuickCommand, context: QuickCommandContext): FilledCommand {
  const missing: string[] = [];
  const unsafe: string[] = [];
  const text = command.template.replace(/\{(host|exchange|installDir)\}/g, (_all, name: keyof QuickCommandContext) => {
    const value = context[name];
    if (value === undefined || value === '') missing.push(name);
    else if (!SAFE[name].test(value)) unsafe.push(name);
    return value ?? '';
  });
  return missing.length || unsafe.length ? { ok: false, missing, unsafe } : { ok: true, command: text };
}
