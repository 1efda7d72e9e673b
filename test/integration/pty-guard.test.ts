/**
 * The prod guard in front of a real shell: a declined `rm -rf` never runs
 * and leaves a clean prompt; a confirmed one does.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guardProdInput, type RiskyCommandQuestion } from '../../src/services/terminal/prod-guard.js';
import { nodePtyFactory, openLocalShell } from '../../src/services/terminal/pty.js';
import { collectOutput } from '../harness/sshd.js';

const dir = mkdtempSync(join(tmpdir(), 'pty-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('prod guard on a real shell', () => {
  it('keeps a declined command from running and lets a confirmed one through', async () => {
    const victim = join(dir, 'precious');
    mkdirSync(victim);
    const answers = [false, true];
    const questions: RiskyCommandQuestion[] = [];
    const shell = openLocalShell(nodePtyFactory, { shell: '/bin/bash', args: ['--norc', '--noprofile'], cwd: dir, env: { PATH: process.env.PATH, HOME: dir, PS1: '$ ' } });
    // Answered at once, the harshest case: the next line is typed right behind the erase.
    const guarded = guardProdInput(shell, async (q) => (questions.push(q), answers.shift()!));
    const out = collectOutput(guarded);
    // Type only once bash reads its line: keys sent earlier land in the tty's
    // own line buffer, where Ctrl-C behaves differently.
    await out.waitFor('$ ');
    for (const key of `rm -rf ${victim}`) guarded.write(key);
    guarded.write('\r');
    guarded.write('echo "after-decline-$((1+1))"\r');
    await out.waitFor('after-decline-2');
    expect(existsSync(victim)).toBe(true);

    guarded.write(`rm -rf ${victim}\r`);
    guarded.write('echo "after-confirm-$((2+2))"\r');
    await out.waitFor('after-confirm-4');
    expect(existsSync(victim)).toBe(false);
    expect(questions.map((q) => q.line)).toEqual([`rm -rf ${victim}`, `rm -rf ${victim}`]);
    expect(questions[0]!.reasons).toContain('deletes files recursively or by force');
    guarded.kill();
    await new Promise((done) => guarded.onExit(done));
  });
});
