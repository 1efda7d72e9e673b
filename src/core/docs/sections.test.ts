import { describe, expect, it } from 'vitest';
import { splitSections } from './sections.js';

describe('splitSections', () => {
  it('cuts at headings boxed between = rulers and drops the rulers', () => {
    const text = ['=====', '1. OVERVIEW', '=====', '', 'Why we are here.', '', '=====', '2. DUTIES', '=====', 'Watch alerts.'].join('\n');
    const sections = splitSections(text, 'Doc');
    expect(sections.map((s) => [s.id, s.title, s.level, s.text])).toEqual([
      ['s1', '1. OVERVIEW', 1, 'Why we are here.'],
      ['s2', '2. DUTIES', 1, 'Watch alerts.'],
    ]);
    expect(sections[1]!.line).toBe(8);
  });

  it('takes a line underlined by dashes as a subsection of the heading above', () => {
    const text = ['TOOLS', '=====', 'intro', '', 'Required access', '---------------', '- VPN', '- SSH'].join('\n');
    const [tools, access] = splitSections(text, 'Doc');
    expect(tools).toMatchObject({ title: 'TOOLS', level: 1, path: [], text: 'intro' });
    expect(access).toMatchObject({ title: 'Required access', level: 2, path: ['TOOLS'], text: '- VPN\n- SSH' });
  });

  it('reads Markdown # headings and nests them by level', () => {
    const text = '# Runbook\nTop.\n## Latency\nRun the report.\n### CPU\nLook at top.\n## Disk\nClean up.';
    const sections = splitSections(text, 'Doc');
    expect(sections.map((s) => `${s.level}:${s.title}:${s.path.join('/')}`)).toEqual([
      '1:Runbook:',
      '2:Latency:Runbook',
      '3:CPU:Runbook/Latency',
      '2:Disk:Runbook',
    ]);
  });

  it('never takes a line inside a code fence for a heading', () => {
    const text = '# Steps\n```bash\n# 1. Check status\n./check.sh\n```\nDone.';
    const sections = splitSections(text, 'Doc');
    expect(sections).toHaveLength(1);
    expect(sections[0]!.text).toContain('# 1. Check status');
  });

  it('keeps text before the first heading as a preamble named after the document', () => {
    const sections = splitSections('Read me first.\r\n\r\n# Part\r\nBody', 'notes.md');
    expect(sections[0]).toMatchObject({ title: 'notes.md', level: 1, text: 'Read me first.', line: 1 });
    expect(sections[1]).toMatchObject({ title: 'Part', text: 'Body' });
  });

  it('gives a text with no headings one section, and an empty text none', () => {
    expect(splitSections('just a line', 'x')).toEqual([{ id: 's1', title: 'x', level: 1, path: [], text: 'just a line', line: 1 }]);
    expect(splitSections('  \n\n', 'x')).toEqual([]);
  });

  it('does not take a long line above a ruler for a heading', () => {
    const long = 'word '.repeat(40).trim();
    const sections = splitSections(`${long}\n-----\nmore`, 'x');
    expect(sections).toHaveLength(1);
  });
});
