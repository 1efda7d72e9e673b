import { describe, expect, it } from 'vitest';
import { buildSnippet, matchRanges } from './snippet.js';

const marked = (pieces: { text: string; match: boolean }[]) => pieces.filter((p) => p.match).map((p) => p.text);
const joined = (pieces: { text: string }[]) => pieces.map((p) => p.text).join('');

describe('buildSnippet', () => {
  it('marks every word that starts with a matched term, keeping the text as written', () => {
    const pieces = buildSnippet('High Latency alert: run the latency report.', ['latency']);
    expect(marked(pieces)).toEqual(['Latency', 'latency']);
    expect(joined(pieces)).toBe('High Latency alert: run the latency report.');
  });

  it('marks the matched prefix of a longer word, not matches inside words', () => {
    expect(marked(buildSnippet('restarting the restart; prestart', ['restart']))).toEqual(['restart', 'restart']);
  });

  it('centres a late match and marks the cuts with ellipses', () => {
    const text = `${'filler '.repeat(100)}the disk is full ${'tail '.repeat(100)}`;
    const pieces = buildSnippet(text, ['disk'], 80);
    const whole = joined(pieces);
    expect(whole.startsWith('… ')).toBe(true);
    expect(whole.endsWith(' …')).toBe(true);
    expect(marked(pieces)).toEqual(['disk']);
    expect(whole.length).toBeLessThan(90);
  });

  it('shows the start of the text when nothing matched', () => {
    const pieces = buildSnippet('Line one.\n\nLine two.', []);
    expect(pieces).toEqual([{ text: 'Line one. Line two.', match: false }]);
  });

  it('prefers the longest term at a position', () => {
    expect(matchRanges('latency_report', ['lat', 'latency'])).toEqual([{ start: 0, end: 7 }]);
  });
});
