import { describe, expect, it } from 'vitest';
import { LineTracker } from './line-tracker.js';

describe('LineTracker', () => {
  it('returns the typed line on Enter', () => {
    const t = new LineTracker();
    expect(t.feed('systemctl stop hft_system')).toEqual([]);
    expect(t.line).toBe('systemctl stop hft_system');
    expect(t.feed('\r')).toEqual(['systemctl stop hft_system']);
    expect(t.line).toBe('');
  });

  it('follows backspace, Ctrl-W, Ctrl-U and Ctrl-C', () => {
    const t = new LineTracker();
    t.feed('rm -rf /x\x7f\x7fy');
    expect(t.line).toBe('rm -rf y');
    t.feed('\x17');
    expect(t.line).toBe('rm -rf ');
    t.feed('\x15ls');
    expect(t.line).toBe('ls');
    t.feed('\x03');
    expect(t.line).toBe('');
  });

  it('handles several lines and multi-byte text in one chunk', () => {
    const t = new LineTracker();
    expect(t.feed('echo é😀\rdf -h\r')).toEqual(['echo é😀', 'df -h']);
    t.feed('a😀\x7f');
    expect(t.line).toBe('a');
  });

  it('marks the line uncertain after history recall, and resets on Enter', () => {
    const t = new LineTracker();
    t.feed('\x1b[A');
    expect(t.uncertain).toBe(true);
    expect(t.line).toBe('');
    t.feed('\r');
    expect(t.uncertain).toBe(false);
    t.feed('ls\t');
    expect(t.uncertain).toBe(true);
  });

  it('keeps an escape sequence split across chunks out of the line', () => {
    const t = new LineTracker();
    t.feed('ls\x1b');
    t.feed('[');
    t.feed('D');
    expect(t.line).toBe('ls');
    expect(t.uncertain).toBe(true);
  });

  it('follows bracketed paste without doubting the line', () => {
    const t = new LineTracker();
    t.feed('\x1b[200~truncate -s 0 big.log\x1b[201~');
    expect(t.line).toBe('truncate -s 0 big.log');
    expect(t.uncertain).toBe(false);
  });
});
