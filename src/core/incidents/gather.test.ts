import { describe, expect, it } from 'vitest';
import { commandBudgetMs, GATHER_COMMANDS, gatherAllowed, gatheredText, gatherRefusal, type GatherLimits, type GatherResult } from './gather.js';

const LIMITS: GatherLimits = { perCommandMs: 10_000, totalMs: 30_000, perCommandChars: 100, totalChars: 400 };
const ran = (command: string, stdout: string, over: Partial<Extract<GatherResult, { outcome: 'ran' }>> = {}): GatherResult =>
  ({ id: command, command, outcome: 'ran', code: 0, stdout, stderr: '', ms: 300, ...over });

describe('gather logs and metrics', () => {
  it("runs the runbooks' read-only commands: the error log tail, the service status, the disks, the latency report", () => {
    expect(GATHER_COMMANDS.map((c) => c.command)).toEqual([
      'tail -n 100 /var/log/hft_system/errors.log', 'systemctl status hft_system --no-pager', 'df -h', './scripts/latency_report.sh',
    ]);
  });

  it('gives each command what is left of its own and the total time, and none once the total is spent', () => {
    expect(commandBudgetMs(0, LIMITS)).toBe(10_000);
    expect(commandBudgetMs(25_000, LIMITS)).toBe(5_000);
    expect(commandBudgetMs(30_000, LIMITS)).toBe(0);
    expect(commandBudgetMs(31_000, LIMITS)).toBe(0);
  });

  it('runs only on trading hosts, and only for an open incident', () => {
    expect(gatherAllowed({ role: 'prod' })).toBe(true);
    expect(gatherAllowed({ role: 'standby' })).toBe(true);
    expect(gatherAllowed({ role: 'other' })).toBe(false);
    expect(gatherRefusal({ id: 'INC-1', phase: 'engaged' })).toBeNull();
    expect(gatherRefusal({ id: 'INC-1', phase: 'resolved' })).toMatch(/INC-1 is resolved/);
  });

  it('writes each command with its exit, time and output, stderr apart', () => {
    const text = gatheredText('hft-prod-01', [
      ran('df -h', 'Filesystem Size\n/dev/sda1 100G\n'),
      ran('systemctl status hft_system --no-pager', '', { code: 3, stderr: 'inactive\n', ms: 1234 }),
      { id: 'x', command: './scripts/latency_report.sh', outcome: 'failed', error: 'did not finish within 10000 ms', ms: 10_000 },
      { id: 'y', command: 'true', outcome: 'skipped' },
    ], LIMITS);
    expect(text).toBe([
      'Gathered on hft-prod-01:',
      '$ df -h  (exit 0, 0.3 s)\nFilesystem Size\n/dev/sda1 100G',
      '$ systemctl status hft_system --no-pager  (exit 3, 1.2 s)\nstderr:\ninactive',
      '$ ./scripts/latency_report.sh  (failed after 10.0 s)\ndid not finish within 10000 ms',
      '$ true\n(not run: the 30 s for gathering were spent)',
    ].join('\n\n'));
  });

  it("keeps a command's last characters (a log's newest lines) and the whole text under its bound", () => {
    const log = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const one = gatheredText('h', [ran('tail', log)], LIMITS);
    expect(one).toContain('earlier characters left off]');
    expect(one).toContain('line 49');
    expect(one).not.toContain('line 1\n');
    const many = gatheredText('h', Array.from({ length: 10 }, (_, i) => ran(`cmd${i}`, 'x'.repeat(90))), LIMITS);
    expect(many.length).toBeLessThanOrEqual(LIMITS.totalChars);
    expect(many).toMatch(/the rest left off: gathered output is kept under 400 characters\]$/);
    expect(many).toContain('$ cmd0');
    expect(many).not.toContain('$ cmd9');
  });
});
