import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ceiling,
  drawn,
  hull,
  lengths,
  listOf,
  rangeAt,
  upTo,
  type Range,
} from '../../../models/kernel/params.ts';

const nodes: Range = { min: 2, max: 5 };
const perNode = (n: number): Range => ({ min: 0, max: Math.floor((n - 1) / 2) });

describe('rangeAt and hull', () => {
  it('gives a fixed range at any node count, a node-dependent one at its own', () => {
    expect(rangeAt({ min: 1, max: 3 }, 7)).toEqual({ min: 1, max: 3 });
    expect(rangeAt(perNode, 5)).toEqual({ min: 0, max: 2 });
  });

  it('refuses a range that is empty or not of integers', () => {
    expect(() => rangeAt({ min: 3, max: 2 }, 4)).toThrow('not an integer range at 4 nodes: 3..2');
    expect(() => rangeAt({ min: 0, max: 1.5 }, 4)).toThrow('not an integer range');
  });

  it('spans every node count', () => {
    expect(hull(perNode, nodes)).toEqual({ min: 0, max: 2 });
    expect(hull((n) => ({ min: n, max: n + 1 }), nodes)).toEqual({ min: 2, max: 6 });
  });
});

describe('ceiling', () => {
  it('is the largest value drawn, or the limit when that is more, never less', () => {
    expect(ceiling({ min: 1, max: 4 }, nodes)).toBe(4);
    expect(ceiling({ min: 1, max: 4, limit: 30 }, nodes)).toBe(30);
    expect(ceiling({ min: 1, max: 4, limit: 2 }, nodes)).toBe(4);
    expect(ceiling((n) => ({ min: 2, max: n - 2, limit: 4 }), { min: 4, max: 7 })).toBe(5);
    expect(ceiling({ min: 0, max: 1, limit: Infinity }, nodes)).toBe(Infinity);
  });
});

describe('the schema and the generator agree', () => {
  it('upTo accepts every value drawn at every node count, and the floor', () => {
    const schema = upTo(perNode, nodes);
    for (let n = nodes.min; n <= nodes.max; n++) {
      fc.assert(fc.property(drawn(perNode, n), (v) => schema.safeParse(v).success));
    }
    expect(schema.safeParse(3).success).toBe(false);
    expect(schema.safeParse(-1).success).toBe(false);
    expect(upTo({ min: 2, max: 3 }, nodes, 1).safeParse(1).success).toBe(true);
    expect(upTo({ min: 0, max: 1, limit: Infinity }, nodes).safeParse(1e6).success).toBe(true);
    expect(upTo({ min: 0, max: 1 }, nodes).safeParse(0.5).success).toBe(false);
  });

  it('listOf accepts every length drawn at every node count, and no more', () => {
    const r = (n: number): Range => ({ min: 1, max: n - 1 });
    const schema = listOf(upTo({ min: 0, max: 9 }, nodes), r, nodes);
    for (let n = nodes.min; n <= nodes.max; n++) {
      fc.assert(
        fc.property(fc.array(fc.nat(9), lengths(r, n)), (l) => schema.safeParse(l).success),
      );
    }
    expect(schema.safeParse([1, 2, 3, 4, 5]).success).toBe(false);
    expect(schema.safeParse([]).success).toBe(true);
    const open = listOf(
      upTo({ min: 0, max: 9 }, nodes),
      { min: 0, max: 1, limit: Infinity },
      nodes,
    );
    expect(open.safeParse(Array.from({ length: 100 }, () => 0)).success).toBe(true);
  });

  it('draws like fc.integer and fc.nat, so a generator moved onto a table draws the same', () => {
    const a = fc.sample(drawn({ min: 0, max: 3 }, 2), { seed: 9, numRuns: 50 });
    expect(a).toEqual(fc.sample(fc.nat(3), { seed: 9, numRuns: 50 }));
    expect(lengths({ min: 1, max: 4 }, 2)).toEqual({ minLength: 1, maxLength: 4 });
  });
});
