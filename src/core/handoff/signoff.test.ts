import { describe, expect, it } from 'vitest';
import { readAcceptanceFile, readHandoffFile, stampNote, stayAvailableUntil, STAY_AVAILABLE_MS, type HandoffStamp } from './signoff.js';

const stamp: HandoffStamp = { id: 'h-0123456789', from: 'ana', to: 'bob', exportedAt: 1_000, sha256: 'a'.repeat(64) };
const NOTE = '# On-call handoff\n\n- From: ana\n';

describe('the handoff stamp', () => {
  it('reads back the note and the stamp it was exported with, CRLF or not', () => {
    const file = stampNote(NOTE, stamp);
    expect(file.split('\n').at(-2)).toBe(`<!-- oncall-handoff ${JSON.stringify(stamp)} -->`);
    expect(readHandoffFile(file)).toEqual({ ok: true, note: NOTE, stamp });
    expect(readHandoffFile(file.replace(/\n/g, '\r\n'))).toEqual({ ok: true, note: NOTE, stamp });
    // The audit log's head the host adds after every export is not the note's.
    expect(readHandoffFile(`${file}\n---\n\nAudit log head at export: record 1.\n`)).toEqual({ ok: true, note: NOTE, stamp });
  });

  it('refuses a file without a stamp, or with a damaged one', () => {
    expect(readHandoffFile(NOTE)).toMatchObject({ ok: false, error: 'this is not a handoff exported by the cockpit (it names none)' });
    expect(readHandoffFile(`${NOTE}<!-- oncall-handoff {"id": -->\n`)).toMatchObject({ ok: false, error: 'the handoff’s stamp is damaged' });
    expect(readHandoffFile(stampNote(NOTE, { ...stamp, sha256: 'xyz' }))).toMatchObject({ ok: false });
  });
});

describe('the acceptance file', () => {
  it('reads an acceptance and refuses anything else', () => {
    const acceptance = { kind: 'oncall-handoff-acceptance', handoffId: stamp.id, sha256: stamp.sha256, from: 'ana', acceptedBy: 'bob', acceptedAt: 5 };
    expect(readAcceptanceFile(JSON.stringify(acceptance))).toEqual({ ok: true, acceptance });
    expect(readAcceptanceFile('{"kind":"other"}')).toMatchObject({ ok: false });
    expect(readAcceptanceFile('not json')).toMatchObject({ ok: false });
  });
});

describe('stay available', () => {
  const HANDOFF = 10_000_000;
  it('runs for 30 minutes from the handoff time unless accepted', () => {
    expect(stayAvailableUntil(HANDOFF, false, HANDOFF - 1)).toBeNull();
    expect(stayAvailableUntil(HANDOFF, false, HANDOFF)).toBe(HANDOFF + STAY_AVAILABLE_MS);
    expect(stayAvailableUntil(HANDOFF, false, HANDOFF + STAY_AVAILABLE_MS - 1)).toBe(HANDOFF + STAY_AVAILABLE_MS);
    expect(stayAvailableUntil(HANDOFF, false, HANDOFF + STAY_AVAILABLE_MS)).toBeNull();
    expect(stayAvailableUntil(HANDOFF, true, HANDOFF + 60_000)).toBeNull();
  });
});
