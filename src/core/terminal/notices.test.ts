import { describe, expect, it } from 'vitest';
import { connectionLostNotice, sessionEndedNotice } from './notices.js';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('terminal notices', () => {
  it('say how the session ended', () => {
    expect(plain(sessionEndedNotice({ code: 0, signal: null }))).toBe('\r\n[session ended — exit code 0]\r\n');
    expect(plain(sessionEndedNotice({ code: null, signal: 'SIGKILL' }))).toContain('killed by SIGKILL');
  });

  it('say when the next reconnect happens, in seconds', () => {
    expect(plain(connectionLostNotice(2_000))).toBe('\r\n[connection lost — reconnecting in 2 s]\r\n');
  });
});
