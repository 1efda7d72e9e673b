import { describe, expect, it } from 'vitest';
import type { SshAuditEntry } from '../ssh/audit.js';
import type { RestartRule } from '../../core/terminal/restart-rule.js';
import { guardProdInput, RESTART_RULE_UNKNOWN, type RiskyCommandQuestion } from './prod-guard.js';
import type { TerminalSession } from './session.js';

function fakeSession() {
  const sent: string[] = [];
  const session: TerminalSession = {
    id: 's1',
    title: 'root@hft-prod-01',
    exit: null,
    write: (d) => void sent.push(d),
    resize: () => {},
    attachViewer: () => ({ ack: () => {}, detach: () => {} }),
    onExit: () => () => {},
    kill: () => {},
    scrollback: () => '',
  };
  return { session, sent: () => sent.join('') };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('guardProdInput', () => {
  it('passes harmless lines straight through', async () => {
    const { session, sent } = fakeSession();
    const questions: RiskyCommandQuestion[] = [];
    const guarded = guardProdInput(session, async (q) => (questions.push(q), true));
    guarded.write('systemctl status hft_system\r');
    await settle();
    expect(sent()).toBe('systemctl status hft_system\r');
    expect(questions).toEqual([]);
  });

  it('holds a risky line until confirmed, queueing later keystrokes, and audits it', async () => {
    const { session, sent } = fakeSession();
    const audit: SshAuditEntry[] = [];
    let answer!: (ok: boolean | string) => void;
    const questions: RiskyCommandQuestion[] = [];
    const guarded = guardProdInput(
      session,
      (q) => {
        questions.push(q);
        return new Promise((resolve) => (answer = resolve));
      },
      { append: async (e) => void audit.push(e) },
    );
    for (const key of 'sudo systemctl restart hft_system') guarded.write(key);
    guarded.write('\r');
    guarded.write('ls\r');
    await settle();
    expect(sent()).toBe('sudo systemctl restart hft_system');
    expect(questions).toEqual([
      { sessionId: 's1', title: 'root@hft-prod-01', line: 'sudo systemctl restart hft_system', reasons: ['starts or restarts the trading service'], uncertain: false, restart: RESTART_RULE_UNKNOWN },
    ]);
    answer('Lee Chen');
    await settle();
    await settle();
    expect(sent()).toBe('sudo systemctl restart hft_system\rls\r');
    expect(audit).toEqual([
      {
        action: 'terminal.risky_command.confirmed',
        target: 'root@hft-prod-01',
        detail: { line: 'sudo systemctl restart hft_system', reasons: ['starts or restarts the trading service'], approval: { approvedBy: 'Lee Chen' } },
      },
    ]);
  });

  it('erases the line when declined, or when the dialog fails', async () => {
    const declined = fakeSession();
    guardProdInput(declined.session, async () => false).write('rm -rf /var/log/hft_system\r');
    await settle();
    await settle();
    expect(declined.sent()).toBe('rm -rf /var/log/hft_system\x05\x15');

    const broken = fakeSession();
    guardProdInput(broken.session, async () => {
      throw new Error('window closed');
    }).write('DROP TABLE orders;\r');
    await settle();
    await settle();
    expect(broken.sent()).toBe('DROP TABLE orders;\x05\x15');
  });

  it('sees the line as edited, not as typed', async () => {
    const { session, sent } = fakeSession();
    const questions: RiskyCommandQuestion[] = [];
    const guarded = guardProdInput(session, async (q) => (questions.push(q), true));
    guarded.write('rm -rf /tmp/x\x15echo safe\r');
    await settle();
    expect(questions).toEqual([]);
    expect(sent()).toBe('rm -rf /tmp/x\x15echo safe\r');
  });

  it('sends a restart that needs approval only with an approver’s name, and records who approved', async () => {
    const rule: RestartRule = { approvalNeeded: true, why: 'Approval needed: no SEV1 outage is open.', duringAvoided: ['US equity market open (14:30-15:30 UTC)'] };
    const bare = fakeSession();
    const audit: SshAuditEntry[] = [];
    const questions: RiskyCommandQuestion[] = [];
    guardProdInput(bare.session, async (q) => (questions.push(q), true), { append: async (e) => void audit.push(e) }, () => rule).write('systemctl start hft_system\r');
    await settle();
    await settle();
    expect(questions[0]?.restart).toEqual(rule);
    // A bare yes is not an approval.
    expect(bare.sent()).toBe('systemctl start hft_system\x05\x15');
    expect(audit).toEqual([
      { action: 'terminal.risky_command.cancelled', target: 'root@hft-prod-01', detail: { line: 'systemctl start hft_system', reasons: ['starts or restarts the trading service'], approval: null } },
    ]);

    const named = fakeSession();
    guardProdInput(named.session, async () => '  ', noAuditSink, () => rule).write('systemctl start hft_system\r');
    await settle();
    await settle();
    expect(named.sent()).toBe('systemctl start hft_system\x05\x15');
  });

  it('sends a restart during a SEV1 outage off-hours on a plain yes, and records that no approval was needed', async () => {
    const rule: RestartRule = { approvalNeeded: false, incidentId: 'INC-4', why: 'No approval needed: INC-4 is a SEV1 outage and it is off-hours.', duringAvoided: [] };
    const { session, sent } = fakeSession();
    const audit: SshAuditEntry[] = [];
    guardProdInput(session, async () => true, { append: async (e) => void audit.push(e) }, () => rule).write('sudo systemctl start hft_system\r');
    await settle();
    await settle();
    expect(sent()).toBe('sudo systemctl start hft_system\r');
    expect(audit[0]?.detail).toEqual({
      line: 'sudo systemctl start hft_system', reasons: ['starts or restarts the trading service'], approval: { notNeeded: rule.why, incidentId: 'INC-4' },
    });
  });

  it('asks the restart rule only for a restart', async () => {
    let asked = 0;
    const { session } = fakeSession();
    guardProdInput(session, async () => true, noAuditSink, () => (asked++, RESTART_RULE_UNKNOWN)).write('rm -rf /tmp/old\r');
    await settle();
    await settle();
    expect(asked).toBe(0);
  });
});

const noAuditSink = { append: async () => undefined };
