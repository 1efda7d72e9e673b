/**
 * The playbook the cockpit starts with: the team's response times, escalation
 * ladder, contacts and alert scenarios (shared/domain.md), written as data.
 * Engineers edit it in the cockpit or import their own; this is only the
 * first version.
 *
 * Thresholds the procedures leave open are the team's starting choices and
 * are marked so: tune them in the playbook, not here.
 */
import { DEFAULT_CHANGE_POLICY } from '../change/window.js';
import { DEFAULT_HOLD_SECONDS } from './holds.js';
import type { Playbook } from './schema.js';

const DESK = 'trading-desk';
const MANAGEMENT = 'level3-management';
const INCIDENT_CHANNEL = 'incident-channel';

export const DEFAULT_PLAYBOOK: Playbook = {
  format: 2,
  version: 1,
  name: 'HFT on-call playbook',
  severities: {
    SEV1: {
      label: 'critical',
      ackMinutes: 5,
      engageMinutes: 15,
      statusUpdateMinutes: 15,
      finalUpdate: true,
      notifyDeskMinutes: 5,
      notifyManagementMinutes: 15,
      statusPage: true,
      // "Page Level 2 + trading desk immediately": within the desk's 5 minutes.
      escalateLevel2: { afterMinutes: 5, from: 'severity' },
      updateChannels: [INCIDENT_CHANNEL],
    },
    SEV2: {
      label: 'high',
      ackMinutes: 15,
      engageMinutes: 30,
      statusUpdateMinutes: 30,
      finalUpdate: true,
      notifyDeskMinutes: null,
      notifyManagementMinutes: null,
      statusPage: true,
      // "After 1 hour with no resolution", counted from the start.
      escalateLevel2: { afterMinutes: 60, from: 'start' },
      updateChannels: [INCIDENT_CHANNEL],
    },
    SEV3: {
      label: 'medium',
      ackMinutes: 60,
      engageMinutes: 240,
      statusUpdateMinutes: null,
      finalUpdate: true,
      notifyDeskMinutes: null,
      notifyManagementMinutes: null,
      statusPage: false,
      // Engage within 4 h, then an hour of work without a fix goes to Level 2.
      escalateLevel2: { afterMinutes: 60, from: 'engaged' },
      updateChannels: [INCIDENT_CHANNEL],
    },
    SEV4: {
      label: 'low',
      ackMinutes: 'next_business_day',
      engageMinutes: 'next_business_day',
      statusUpdateMinutes: null,
      finalUpdate: true,
      notifyDeskMinutes: null,
      notifyManagementMinutes: null,
      statusPage: false,
      escalateLevel2: null,
      // Next-business-day work is routine: the operations channel, not the incident one.
      updateChannels: ['operations-channel'],
    },
  },
  escalation: {
    levels: [
      {
        level: 1,
        name: 'On-call engineer',
        triggers: ['Routine alerts', 'Anything a runbook covers'],
        contacts: ['pagerduty', 'incident-channel'],
      },
      {
        level: 2,
        name: 'Senior platform engineer',
        triggers: [
          'Complex problems, code changes or architecture questions',
          'Any incident still unresolved after an hour',
        ],
        contacts: ['level2-senior'],
      },
      {
        level: 3,
        name: 'Engineering lead / VP engineering',
        triggers: [
          'Major outage lasting more than two hours',
          'Security incident',
          'Regulatory concern',
          'High financial impact',
        ],
        contacts: [MANAGEMENT, 'security', 'compliance'],
      },
    ],
    level3AfterMinutes: 120,
    level3Severities: ['SEV1', 'SEV2'],
    secondaryTakeoverMinutes: 15,
    notUnderstoodMinutes: 15,
    financialImpactUsd: 10_000,
    deskContact: DESK,
    managementContact: MANAGEMENT,
    securityContact: 'security',
    complianceContact: 'compliance',
    whenToEscalate: [
      'The problem is outside what you know how to fix',
      'It has gone on for more than an hour',
      'More than one system is affected',
      'There is a security or regulatory angle',
      'Money at stake is above $10K',
      'You do not know what to do next',
      'You still do not understand the alert after 15 minutes',
    ],
    howToEscalate: [
      'Write down what you tried',
      'Collect the relevant logs and metrics',
      'Phone the contact; an email alone is not enough',
      'Give a short, clear summary',
      'Stay on until the handoff is complete',
    ],
  },
  contacts: [
    { id: 'level2-senior', name: 'Senior on-call', role: 'Level 2 escalation', email: 'senior-oncall@company.com', phone: '+1-555-0101' },
    { id: MANAGEMENT, name: 'Management on-call', role: 'Level 3 escalation', email: 'management-oncall@company.com', phone: '+1-555-0104' },
    { id: 'security', name: 'Security team', role: 'Security incidents, at once', email: 'security@company.com', phone: '+1-555-0102' },
    { id: DESK, name: 'Trading desk', role: 'Told within 5 minutes of any SEV1; decides on kills', email: 'trading@company.com', phone: '+1-555-0103' },
    { id: 'operations-lead', name: 'Operations lead', role: 'Operations', email: 'operations@company.com', phone: '+1-555-0100' },
    { id: 'platform-eng', name: 'Platform engineering', role: 'Engineering', email: 'platform-eng@company.com' },
    { id: 'database-team', name: 'Database team', role: 'PostgreSQL', email: 'database@company.com' },
    { id: 'compliance', name: 'Compliance', role: 'Legal and regulatory questions', email: 'compliance@company.com' },
    { id: 'binance-support', name: 'Binance support', role: 'Exchange support', email: 'support@binance.com', notes: 'Live chat on the website' },
    { id: 'coinbase-support', name: 'Coinbase support', role: 'Exchange support', url: 'https://help.coinbase.com', phone: '+1-888-908-7930' },
    { id: 'kraken-support', name: 'Kraken support', role: 'Exchange support', email: 'support@kraken.com', phone: '+1-833-KRAKEN-1' },
    { id: 'okx-support', name: 'OKX support', role: 'Exchange support', email: 'support@okx.com', notes: 'Live chat on the website' },
    { id: 'hosting', name: 'Hosting provider', role: 'Vendor: servers', email: 'support@provider.com' },
    { id: 'network', name: 'Network NOC', role: 'Vendor: network', email: 'noc@network.com' },
    { id: 'pagerduty', name: 'PagerDuty', role: 'Primary alerting and the on-call schedule' },
    { id: INCIDENT_CHANNEL, name: 'Slack #incident-response', role: 'Active incidents' },
    { id: 'operations-channel', name: 'Slack #hft-operations', role: 'Routine operations' },
    { id: 'status-page', name: 'Status page', role: 'Updated for SEV1/SEV2, maintenance and degradation', url: 'https://status.company.com' },
  ],
  businessDays: { timeZone: 'UTC', workdays: [1, 2, 3, 4, 5], dueTime: '17:00', holidays: [], hours: { from: '09:00', to: '18:00' } },
  alerting: { clearAfterSeconds: 60, recurWithinMinutes: 30 },
  scenarios: {
    exchange_disconnected: {
      title: 'Exchange disconnected',
      summary: 'The trading system has lost its connection to an exchange; strategies on it cannot trade or hedge.',
      holdSeconds: DEFAULT_HOLD_SECONDS.exchange_disconnected,
      detection: { severity: 'SEV2', severityWhenSeveral: 'SEV1', severalCount: 2 },
      runbook: [
        { id: 'check-exchange', text: 'See whether the exchange itself is down', command: './scripts/check_exchange_status.sh {exchange}' },
        { id: 'status-json', text: 'Read the connection state of every exchange', command: "curl http://localhost:8080/api/v1/status | jq '.exchanges'" },
        { id: 'their-fault', text: 'If the exchange is down: stop the strategies that trade on it, tell the desk, and watch for it to come back' },
        { id: 'our-fault', text: 'If the fault is ours: check the network path, try to reconnect, check the API keys and the firewall rules' },
        { id: 'errors-log', text: 'Look for connection errors in the error log', command: 'tail -100 /var/log/hft_system/errors.log' },
      ],
      escalateIf: 'Still not reconnected after 30 minutes',
      escalateLevel2: { afterMinutes: 30 },
    },
    high_latency: {
      title: 'High latency',
      summary: 'Orders take longer than usual to reach the exchanges; fills and hedges get worse.',
      holdSeconds: DEFAULT_HOLD_SECONDS.high_latency,
      // 10 ms order p99: about twice what a healthy system shows (shared/hft-api.md example, 4.8 ms); tune per system.
      detection: { orderP99ThresholdMs: 10, severity: 'SEV3', sustainedMinutes: 5, sustainedSeverity: 'SEV2' },
      runbook: [
        { id: 'latency-report', text: 'Run the latency report', command: './scripts/latency_report.sh' },
        { id: 'top', text: 'Look at CPU: above 80% points to a runaway process', command: 'top -bn1 | head -20' },
        { id: 'memory', text: 'Look at memory: above 90% points to a leak', command: 'free -h' },
        { id: 'disk-io', text: 'If disk I/O is high, look at the database' },
        { id: 'decide', text: 'A short spike: keep watching and write it down. Sustained: escalate to Level 2' },
      ],
      escalateIf: 'Latency stays high after the first checks',
      escalateLevel2: { atSeverity: 'SEV2' },
    },
    loss_limit: {
      title: 'Daily loss limit approaching',
      summary: 'Today\'s losses are close to the daily limit; at the limit the system fires the killswitch by itself.',
      holdSeconds: DEFAULT_HOLD_SECONDS.loss_limit,
      // 80%: the team's starting choice for "approaching", leaving room before the 90% mark.
      detection: { approachingPct: 80, prepareKillPct: 90, killswitchPct: 100, severity: 'SEV1', strategyLossAlarmPct: 5 },
      runbook: [
        { id: 'risk-summary', text: 'Read the P&L and the limit', command: 'curl http://localhost:8080/api/v1/risk/summary' },
        { id: 'losing-strategies', text: 'Find the strategies losing money', command: "curl http://localhost:8080/api/v1/strategies | jq '.strategies[] | select(.performance.daily_pnl_usd < 0)'" },
        { id: 'tell-desk', text: 'Tell the trading desk now' },
        { id: 'at-90', text: 'At 90% of the limit: be ready to press the killswitch, stop the losing strategies, wait for the desk\'s decision' },
        { id: 'at-100', text: 'At the limit the killswitch fires by itself: tell management' },
      ],
      escalateIf: 'At once: the trading desk decides',
      escalateLevel2: {},
    },
    system_down: {
      title: 'System not responding',
      summary: 'The trading system does not answer its health check or its API: it may have crashed.',
      holdSeconds: DEFAULT_HOLD_SECONDS.system_down,
      detection: { failedHealthChecks: 2, severity: 'SEV1' },
      runbook: [
        { id: 'page', text: 'Page Level 2 and the trading desk now' },
        { id: 'service-status', text: 'Is the process running?', command: 'systemctl status hft_system' },
        { id: 'health', text: 'Ask the health endpoint directly', command: 'curl http://localhost:8080/api/v1/health' },
        { id: 'system-log', text: 'Read why it stopped', command: 'tail -100 /var/log/hft_system/system.log' },
        { id: 'restart', text: 'Only if it is safe: start it again', command: 'sudo systemctl start hft_system' },
        { id: 'watch-start', text: 'Watch it come up', command: 'journalctl -u hft_system -f' },
        { id: 'failover', text: 'If it will not start or falls over again: fail over to hft-prod-02 and escalate to Level 2' },
      ],
      escalateIf: 'At once: a critical system failure',
      escalateLevel2: {},
    },
    disk_low: {
      title: 'Disk space low',
      summary: 'The trading host is running out of disk; logs and the database stop writing when it is full.',
      holdSeconds: DEFAULT_HOLD_SECONDS.disk_low,
      // 85%: the team's starting choice for "low", ten points before the 95% mark of the procedures.
      detection: { warnPct: 85, severity: 'SEV3', criticalPct: 95, criticalSeverity: 'SEV2' },
      runbook: [
        { id: 'df', text: 'See how full each file system is', command: 'df -h' },
        { id: 'largest', text: 'Find the largest log files', command: 'du -h /var/log/hft_system | sort -rh | head -20' },
        { id: 'archive-logs', text: 'Archive logs older than 30 days', command: './scripts/archive_logs.sh --days=30' },
        { id: 'drop-partitions', text: 'Drop old database partitions', command: './scripts/cleanup_old_partitions.sh' },
        { id: 'watch-space', text: 'Watch the free space', command: "watch -n 60 'df -h'" },
      ],
      escalateIf: 'Not enough space can be freed',
      escalateLevel2: {},
    },
  },
  communication: {
    statusPageContact: 'status-page',
    // What turns a fact into a guess; the procedures ask for no speculation.
    speculationWords: ['maybe', 'probably', 'i think', 'i guess', 'might', 'perhaps', 'possibly', 'hopefully', 'seems', 'not sure'],
  },
  decisionTree: { runbookMinutes: 15, investigateUpdateMinutes: 30 },
  changeWindows: DEFAULT_CHANGE_POLICY,
};
