import { describe, expect, it } from 'vitest';
import { classifyCommand } from './command-guard.js';

const risky = [
  'systemctl stop hft_system',
  'sudo systemctl restart hft_system',
  'sudo -n systemctl kill hft_system.service',
  'service hft_system stop',
  'pkill -f hft_system',
  'killall hft_system',
  'kill -9 12345',
  'rm /var/log/hft_system/system.log',
  'rm -rf /opt/hft',
  'sudo rm -f core.*',
  'find /var/log -name "*.gz" -delete',
  'truncate -s 0 /var/log/hft_system/errors.log',
  'dd if=/dev/zero of=/dev/sda bs=1M',
  'mkfs.ext4 /dev/sdb1',
  'psql -U hft_user -d hft_db -c "DROP TABLE orders;"',
  'drop database hft_db;',
  'DROP SCHEMA archive CASCADE',
  'TRUNCATE orders',
  'truncate table fills;',
  'DELETE FROM positions;',
  'delete   from orders',
  'UPDATE strategies SET enabled = false;',
  'cd /tmp && rm -r old',
  'uptime; systemctl stop hft_system',
  'dropdb hft_db',
  'systemctl start hft_system',
  'sudo systemctl start hft_system.service',
  'service hft_system start',
  './scripts/restart_hft.sh',
];

const harmless = [
  'systemctl status hft_system',
  'sudo -n systemctl status hft_system',
  'journalctl -u hft_system -f',
  'tail -f /var/log/hft_system/errors.log',
  'curl http://localhost:8080/api/v1/status | jq .',
  './scripts/health_check.sh',
  'psql -h hft-prod-01 -U hft_user -d hft_db -c "SELECT 1;"',
  "DELETE FROM orders WHERE created_at < now() - interval '30 days';",
  'UPDATE strategies SET enabled = false WHERE strategy_id = \'mm-btc-01\';',
  'ls -la /var/log/hft_system',
  'df -h',
  'grep -i "drop table" notes.txt | wc -l',
  'top -bn1 | head -20',
  'echo trimmed',
  'kill',
  '',
];

describe('classifyCommand', () => {
  it.each(risky)('flags %s', (line) => {
    const verdict = classifyCommand(line);
    expect(verdict.risky).toBe(true);
    expect(verdict.reasons.length).toBeGreaterThan(0);
  });

  it.each(harmless)('lets %s through', (line) => {
    expect(classifyCommand(line)).toEqual({ risky: false, reasons: [], restarts: false });
  });

  it('explains each matching rule once', () => {
    const { reasons } = classifyCommand('sudo systemctl stop hft_system && rm -rf /opt/hft');
    expect(reasons).toContain('stops or kills the trading service');
    expect(reasons).toContain('deletes files');
    expect(reasons).toContain('deletes files recursively or by force');
    expect(new Set(reasons).size).toBe(reasons.length);
  });
});

describe('restarts', () => {
  it.each([
    'systemctl start hft_system',
    'sudo -n systemctl restart hft_system',
    'systemctl try-restart hft_system.service',
    'service hft_system restart',
    'service hft_system start',
    './scripts/restart_hft.sh --now',
    '/opt/hft/bin/restart-gateway',
    'uptime && sudo systemctl start hft_system',
  ])('marks %s as a restart of the trading service', (line) => {
    const verdict = classifyCommand(line);
    expect(verdict).toMatchObject({ risky: true, restarts: true });
  });

  it.each(['systemctl stop hft_system', 'systemctl status hft_system', 'systemctl start nginx', 'grep restart notes.txt', 'rm -rf /tmp/x', 'man restart'])(
    'does not mark %s as a restart',
    (line) => expect(classifyCommand(line).restarts).toBe(false),
  );

  it('gives a start its own reason', () => {
    expect(classifyCommand('systemctl start hft_system').reasons).toEqual(['starts or restarts the trading service']);
    expect(classifyCommand('./scripts/restart_hft.sh').reasons).toEqual(['runs a restart script']);
  });
});
