/**
 * The splitter on a real procedures document of the kind engineers import:
 * numbered chapters boxed in = rulers, subsections underlined with -, shell
 * snippets in code fences.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSections } from '../../src/core/docs/sections.js';

const FIXTURE = new URL('../../../shared/fixtures/oncall-procedures.txt', import.meta.url);

describe('splitSections on the procedures document', () => {
  it('finds the numbered chapters and the scenarios of the procedures document', () => {
    const sections = splitSections(readFileSync(FIXTURE, 'utf8'), 'oncall-procedures.txt');
    const chapters = sections.filter((s) => s.level === 1).map((s) => s.title);
    expect(chapters).toContain('TABLE OF CONTENTS');
    const numbered = chapters.filter((t) => /^\d+\. /.test(t));
    expect(numbered.map((t) => Number.parseInt(t, 10))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const latency = sections.find((s) => /^SCENARIO 2:/.test(s.title));
    expect(latency).toBeDefined();
    expect(latency!.path).toEqual([expect.stringMatching(/^4\. /)]);
    expect(latency!.text).toMatch(/latency_report\.sh/);
    // The code fences' shell comments stayed in the body.
    expect(sections.some((s) => /^# ?\d\./.test(s.title))).toBe(false);
    for (const s of sections) expect(s.text).not.toMatch(/^={5,}$/m);
  });
});
