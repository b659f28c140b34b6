import { describe, expect, it } from 'vitest';
import { CompactList } from '../../../checkers/exhaustive/compact-list.ts';

/** A small deterministic generator. */
function xorshift(seed: number): (below: number) => number {
  let s = seed;
  return (below) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % below;
  };
}

describe('CompactList', () => {
  it('gives back every value, small, large and negative, across chunks', () => {
    const rnd = xorshift(3);
    const list = new CompactList(false);
    const want: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const v = rnd(20) === 0 ? rnd(2 ** 31) - 2 ** 30 : rnd(300);
      want.push(v);
      expect(list.push(v)).toBe(i);
    }
    expect(list.length).toBe(want.length);
    const bad = want.filter((v, i) => list.get(i) !== v);
    expect(bad).toEqual([]);
  });

  it('keeps a nondecreasing list as steps, large steps included', () => {
    const rnd = xorshift(11);
    const list = new CompactList(true);
    const want: number[] = [-1];
    list.push(-1);
    for (let v = 0, i = 1; i < 150_000; i++) {
      v += rnd(50) === 0 ? rnd(100_000) : rnd(3);
      want.push(v);
      list.push(v);
    }
    const bad = want.filter((v, i) => list.get(i) !== v);
    expect(bad).toEqual([]);
    // About a byte an entry (and a chunk of room), where an Int32Array takes four.
    expect(list.bytes).toBeLessThan(want.length * 1.5 + 65_536);
  });

  it('refuses a step down and an index it does not hold', () => {
    const list = new CompactList(true);
    list.push(5);
    list.push(7);
    expect(() => list.push(6)).toThrow(RangeError);
    expect(() => list.get(2)).toThrow(RangeError);
  });
});
