import { describe, expect, it } from 'vitest';
import { calls, events } from './index.js';
import { HostProfile, PromptAnswerRequest, TERMINAL_INPUT_MAX_CHARS, TerminalOpenRequest } from './terminal.js';

describe('terminal contract', () => {
  it('lists the terminal, ssh and prompt calls and events', () => {
    for (const name of ['terminal.open', 'terminal.input', 'terminal.ack', 'ssh.importConfig', 'ssh.replacePin', 'prompts.answer'] as const) {
      expect(calls[name]).toBeDefined();
    }
    expect(Object.keys(events)).toEqual(expect.arrayContaining(['terminal.data', 'terminal.exit', 'prompts.ask', 'prompts.settled']));
  });

  it('opens local or ssh terminals only, never with a path or a command', () => {
    expect(TerminalOpenRequest.safeParse({ kind: 'local' }).success).toBe(true);
    expect(TerminalOpenRequest.safeParse({ kind: 'ssh', profileId: 'p1', cols: 120, rows: 40 }).success).toBe(true);
    expect(TerminalOpenRequest.safeParse({ kind: 'ssh' }).success).toBe(false);
    expect(TerminalOpenRequest.safeParse({ kind: 'local', shell: '/bin/sh' }).success).toBe(false);
    expect(TerminalOpenRequest.safeParse({ kind: 'local', cols: 0 }).success).toBe(false);
  });

  it('caps input chunks and keeps acks positive whole numbers', () => {
    const input = calls['terminal.input'].request;
    expect(input.safeParse({ sessionId: 's', data: 'x'.repeat(TERMINAL_INPUT_MAX_CHARS) }).success).toBe(true);
    expect(input.safeParse({ sessionId: 's', data: 'x'.repeat(TERMINAL_INPUT_MAX_CHARS + 1) }).success).toBe(false);
    expect(input.safeParse({ sessionId: 's', data: '' }).success).toBe(false);
    const ack = calls['terminal.ack'].request;
    expect(ack.safeParse({ sessionId: 's', chars: 5_000 }).success).toBe(true);
    for (const chars of [0, -5, 1.5, Number.NaN]) expect(ack.safeParse({ sessionId: 's', chars }).success).toBe(false);
  });

  it('fills profile defaults and refuses unknown fields (no secrets travel in a profile)', () => {
    const profile = HostProfile.parse({ id: 'p', name: 'hft-prod-01', host: 'hft-prod-01', user: 'ops' });
    expect(profile).toMatchObject({ port: 22, role: 'other', auth: { method: 'agent', agentSocket: null }, jumpVia: null, apiViaSsh: false });
    expect(HostProfile.safeParse({ ...profile, password: 'x' }).success).toBe(false);
    expect(HostProfile.safeParse({ ...profile, auth: { method: 'password', password: 'x' } }).success).toBe(false);
    expect(HostProfile.safeParse({ ...profile, port: 70_000 }).success).toBe(false);
  });

  it('answers prompts with a yes/no or a secret only', () => {
    for (const answer of [true, false, null, 'passphrase']) expect(PromptAnswerRequest.safeParse({ promptId: 'q', answer }).success).toBe(true);
    expect(PromptAnswerRequest.safeParse({ promptId: 'q', answer: 1 }).success).toBe(false);
    expect(PromptAnswerRequest.safeParse({ promptId: 'q' }).success).toBe(false);
  });
});
