import { describe, expect, it } from 'vitest';
import { checkChangeWindow, DEFAULT_CHANGE_POLICY, nextPreferredStart, occurrences, type ChangePolicy, type WindowCheck } from './window.js';

const H = 3_600_000;
const utc = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h, min);
// 2026-12-06 and 2026-07-05 are Sundays.
const SUN_DEC = (h: number, min = 0) => utc(2026, 12, 6, h, min);

const onlyPreferred: ChangePolicy = { preferred: DEFAULT_CHANGE_POLICY.preferred, avoid: [] };
const check = (start: number, end: number, policy = DEFAULT_CHANGE_POLICY, opts: { emergency?: boolean; displayZone?: string } = {}) =>
  checkChangeWindow({ start, end }, policy, { displayZone: 'UTC', ...opts });
const warnings = (result: WindowCheck) => (result.ok ? result.warnings.map((w) => w.text) : [result.error]);

describe('the preferred window, Sunday 02:00-06:00 UTC', () => {
  it('takes a change inside it, edges included, without a word', () => {
    expect(check(SUN_DEC(2), SUN_DEC(6))).toEqual({ ok: true, inPreferred: true, warnings: [] });
    expect(check(SUN_DEC(3), SUN_DEC(4, 30))).toEqual({ ok: true, inPreferred: true, warnings: [] });
  });

  it('warns about a change that starts early, runs late or falls on another day, naming the next window', () => {
    expect(warnings(check(SUN_DEC(1, 30), SUN_DEC(3)))).toEqual([
      'Outside the preferred change window (Sunday 02:00-06:00 UTC (low trading volume)); the next one starts 2026-12-06 02:00 UTC.',
    ]);
    expect(check(SUN_DEC(5), SUN_DEC(7))).toMatchObject({ ok: true, inPreferred: false });
    // Saturday at the same hours: the next window is the following morning.
    const saturday = check(utc(2026, 12, 5, 2), utc(2026, 12, 5, 6));
    expect(saturday).toMatchObject({ ok: true, inPreferred: false });
    expect(saturday.ok && saturday.warnings[0]).toMatchObject({ kind: 'outside_preferred', nextPreferred: { start: SUN_DEC(2), end: SUN_DEC(6) } });
  });

  it('is the same UTC hours whatever zone the engineer reads it in', () => {
    // 02:00 UTC on Sunday is 21:00 on Saturday in New York (EST).
    const result = check(utc(2026, 12, 4, 12), utc(2026, 12, 4, 13), onlyPreferred, { displayZone: 'America/New_York' });
    expect(warnings(result)[0]).toContain('the next one starts 2026-12-05 21:00 America/New_York');
    expect(check(SUN_DEC(2), SUN_DEC(6), onlyPreferred, { displayZone: 'Asia/Tokyo' })).toMatchObject({ inPreferred: true, warnings: [] });
  });

  it('follows a preferred window set in another zone through its DST change', () => {
    const london: ChangePolicy = { preferred: [{ label: 'Sunday early, London', weekdays: [0], from: '02:00', to: '06:00', timeZone: 'Europe/London' }], avoid: [] };
    // Summer (BST, UTC+1): 02:00-06:00 London is 01:00-05:00 UTC.
    expect(check(utc(2026, 7, 5, 1), utc(2026, 7, 5, 5), london)).toMatchObject({ inPreferred: true });
    expect(check(utc(2026, 7, 5, 2), utc(2026, 7, 5, 6), london)).toMatchObject({ inPreferred: false });
    // Winter (GMT): the same as UTC.
    expect(check(SUN_DEC(2), SUN_DEC(6), london)).toMatchObject({ inPreferred: true });
    expect(check(SUN_DEC(1), SUN_DEC(5), london)).toMatchObject({ inPreferred: false });
  });
});

describe('periods to avoid', () => {
  it('names the US market open it overlaps, in New York time, through DST', () => {
    // Winter: 09:30 EST is 14:30 UTC.
    const winter = check(utc(2026, 12, 7, 14), utc(2026, 12, 7, 15), DEFAULT_CHANGE_POLICY, { displayZone: 'America/New_York' });
    expect(warnings(winter)).toContain(
      'Overlaps US equity market open (2026-12-07 09:30 America/New_York to 2026-12-07 10:30 America/New_York): coordinate with the trading desk.',
    );
    // Summer: 09:30 EDT is 13:30 UTC, so 15:00-16:00 UTC is already past it.
    const open = (r: WindowCheck) => warnings(r).filter((w) => w.includes('US equity market open'));
    expect(open(check(utc(2026, 7, 6, 14), utc(2026, 7, 6, 15)))).toHaveLength(1);
    expect(open(check(utc(2026, 7, 6, 15), utc(2026, 7, 6, 16)))).toHaveLength(0);
  });

  it('lists every overlapped period in time order, after the preferred-window warning', () => {
    // Monday 07:00 to 15:00 UTC in winter: Tokyo was before; London 08:00, New York 14:30.
    const result = check(utc(2026, 12, 7, 7), utc(2026, 12, 7, 15));
    expect(result.ok && result.warnings.map((w) => w.kind)).toEqual(['outside_preferred', 'avoided_period', 'avoided_period']);
    expect(warnings(result).slice(1).map((w) => w.split(' (')[0])).toEqual(['Overlaps London market open', 'Overlaps US equity market open']);
  });

  it('finds a period that crosses midnight from either side', () => {
    const night = { label: 'Asia session', weekdays: [1], from: '23:00', to: '01:00', timeZone: 'UTC' };
    expect(occurrences(night, utc(2026, 12, 8, 0), utc(2026, 12, 8, 0, 30))).toEqual([{ label: 'Asia session', start: utc(2026, 12, 7, 23), end: utc(2026, 12, 8, 1) }]);
    expect(occurrences(night, utc(2026, 12, 8, 1), utc(2026, 12, 8, 2))).toEqual([]);
  });

  it('holds an emergency change to no window, but still says what it overlaps', () => {
    const result = check(utc(2026, 12, 7, 14), utc(2026, 12, 7, 15), DEFAULT_CHANGE_POLICY, { emergency: true });
    expect(result).toMatchObject({ ok: true, inPreferred: false });
    expect(result.ok && result.warnings.map((w) => w.kind)).toEqual(['avoided_period']);
  });
});

describe('malformed windows', () => {
  it('refuses a window that ends before it starts, or runs over a week', () => {
    expect(check(SUN_DEC(6), SUN_DEC(2))).toEqual({ ok: false, error: 'the window must end after it starts' });
    expect(check(SUN_DEC(2), SUN_DEC(2))).toMatchObject({ ok: false });
    expect(check(SUN_DEC(2), SUN_DEC(2) + 8 * 24 * H)).toEqual({ ok: false, error: 'a change window is at most 7 days' });
  });

  it('has no next preferred window when the policy names none', () => {
    expect(nextPreferredStart({ preferred: [], avoid: [] }, SUN_DEC(0))).toBeNull();
    expect(check(SUN_DEC(0), SUN_DEC(1), { preferred: [], avoid: [] })).toEqual({ ok: true, inPreferred: false, warnings: [] });
  });
});
