import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('returns rows oldest first before it fills', () => {
    const ring = new RingBuffer(4, 2);
    ring.push([1, 10]);
    ring.push([2, 20]);
    expect(ring.length).toBe(2);
    expect(ring.column(0)).toEqual([1, 2]);
    expect(ring.column(1)).toEqual([10, 20]);
  });

  it('overwrites the oldest row once full', () => {
    const ring = new RingBuffer(3, 1);
    for (let i = 1; i <= 7; i++) ring.push([i]);
    expect(ring.length).toBe(3);
    expect(ring.column(0)).toEqual([5, 6, 7]);
  });

  it('keeps exactly capacity rows at the boundary', () => {
    const ring = new RingBuffer(3, 1);
    for (let i = 1; i <= 3; i++) ring.push([i]);
    expect(ring.column(0)).toEqual([1, 2, 3]);
    ring.push([4]);
    expect(ring.column(0)).toEqual([2, 3, 4]);
  });

  it('hands out copies the caller may keep', () => {
    const ring = new RingBuffer(2, 1);
    ring.push([1]);
    const before = ring.column(0);
    ring.push([2]);
    ring.push([3]);
    expect(before).toEqual([1]);
  });

  it('holds a full shift at 1 Hz', () => {
    const capacity = 12 * 3600;
    const ring = new RingBuffer(capacity, 3);
    for (let i = 0; i < capacity + 10; i++) ring.push([i, -i, i / 2]);
    const t = ring.column(0);
    expect(t.length).toBe(capacity);
    expect(t[0]).toBe(10);
    expect(t[capacity - 1]).toBe(capacity + 9);
    expect(ring.column(1)[0]).toBe(-10);
  });

  it('empties on clear', () => {
    const ring = new RingBuffer(2, 1);
    ring.push([1]);
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.column(0)).toEqual([]);
    ring.push([9]);
    expect(ring.column(0)).toEqual([9]);
  });

  it('rejects rows of the wrong width and bad sizes', () => {
    const ring = new RingBuffer(2, 2);
    expect(() => ring.push([1])).toThrow(RangeError);
    expect(() => ring.column(2)).toThrow(RangeError);
    expect(() => new RingBuffer(0, 1)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5, 1)).toThrow(RangeError);
  });
});
