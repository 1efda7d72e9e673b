import { describe, expect, it } from 'vitest';
import { nodePtyFactory } from '../terminal/pty.js';
import { checkLocalShell, oneCommandArgs } from './local-shell-check.js';

const env = { PATH: process.env.PATH, HOME: process.env.HOME };

describe('the local shell check', () => {
  it('passes when the shell starts, prints the marker and exits 0', async () => {
    const outcome = await checkLocalShell(nodePtyFactory, '/bin/sh', env, new AbortController().signal);
    expect(outcome).toEqual({ state: 'passed', message: '/bin/sh started and ran a command', hint: null, rawError: null });
  });

  it('fails in words when the shell is not there', async () => {
    const outcome = await checkLocalShell(nodePtyFactory, '/nonexistent/shell', env, new AbortController().signal);
    expect(outcome).toMatchObject({ state: 'failed', message: 'The local shell /nonexistent/shell did not run a command', hint: expect.stringContaining('SHELL') });
  });

  it('fails when the shell runs but does not print what it was told', async () => {
    const outcome = await checkLocalShell(nodePtyFactory, '/bin/true', env, new AbortController().signal);
    expect(outcome.state).toBe('failed');
  });

  it('stops the shell and fails when the deadline aborts it', async () => {
    const cut = new AbortController();
    const running = checkLocalShell({ spawn: () => ({ pid: 1, onData: () => {}, onExit: () => {}, write: () => {}, resize: () => {}, pause: () => {}, resume: () => {}, kill: () => { killed = true; } }) }, '/bin/sh', env, cut.signal);
    let killed = false;
    cut.abort();
    expect((await running).state).toBe('failed');
    expect(killed).toBe(true);
  });

  it('asks each kind of shell to run one command its own way', () => {
    expect(oneCommandArgs('/bin/bash', 'echo x')).toEqual(['-c', 'echo x']);
    expect(oneCommandArgs('C:\\Windows\\System32\\cmd.exe', 'echo x')).toEqual(['/d', '/c', 'echo x']);
    expect(oneCommandArgs('pwsh', 'echo x')).toEqual(['-NoProfile', '-Command', 'echo x']);
  });
});
