import { describe, expect, it } from 'vitest';
import type { SshAuditEntry } from '../ssh/audit.js';
import { guardProdInput, type RiskyCommandQuestion } from './prod-guard.js';
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
    let answer!: (ok: boolean) => void;
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
      { sessionId: 's1', title: 'root@hft-prod-01', line: 'sudo systemctl restart hft_system', reasons: ['stops, restarts or kills the trading service'], uncertain: false },
    ]);
    answer(true);
    await settle();
    await settle();
    expect(sent()).toBe('sudo systemctl restart hft_system\rls\r');
    expect(audit).toEqual([
      { action: 'terminal.risky_command.confirmed', target: 'root@hft-prod-01', detail: { line: 'sudo systemctl restart hft_system', reasons: ['stops, restarts or kills the trading service'] } },
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
});
