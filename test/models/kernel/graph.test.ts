import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { findCycle } from '../../../models/kernel/graph.ts';

const graph = (edges: Record<string, string[]>) => (v: string) => edges[v] ?? [];

describe('findCycle', () => {
  it('finds none in a chain, nor in a diamond', () => {
    expect(findCycle(['a', 'b', 'c'], graph({ a: ['b'], b: ['c'] }))).toBeNull();
    expect(findCycle(['a'], graph({ a: ['b', 'c'], b: ['d'], c: ['d'] }))).toBeNull();
    expect(findCycle([], graph({}))).toBeNull();
  });

  it('returns the cycle in edge order, from where the search entered it', () => {
    expect(findCycle(['a', 'b', 'c'], graph({ a: ['b'], b: ['c'], c: ['b'] }))).toEqual(['b', 'c']);
    expect(findCycle(['t0', 't1'], graph({ t0: ['t1'], t1: ['t0'] }))).toEqual(['t0', 't1']);
    expect(findCycle(['a'], graph({ a: ['a'] }))).toEqual(['a']);
  });

  it('follows edges to nodes not listed', () => {
    expect(findCycle(['a'], graph({ a: ['z'], z: ['a'] }))).toEqual(['a', 'z']);
  });

  it('visits nodes and successors sorted, whatever order they are given in', () => {
    const edges = graph({ a: ['c', 'b'], b: ['a'], c: ['a'] });
    expect(findCycle(['c', 'b', 'a', 'a'], edges)).toEqual(['a', 'b']);
    expect(findCycle(['a'], graph({ a: ['b', 'c'], b: ['a'], c: ['a'] }))).toEqual(['a', 'b']);
  });

  it('sorts numbers numerically', () => {
    expect(findCycle([10, 9], (v: number) => [v === 9 ? 10 : 9])).toEqual([9, 10]);
  });

  it('handles a chain too long for a recursive search', () => {
    const n = 100_000;
    expect(findCycle([0], (v: number) => (v < n ? [v + 1] : [0]))).toHaveLength(n + 1);
  });

  test.prop([fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { maxLength: 15 })])(
    'finds a cycle exactly when some node reaches itself, and every step of it is an edge',
    (pairs) => {
      const next = (v: number) => pairs.filter(([a]) => a === v).map(([, b]) => b);
      const nodes = [0, 1, 2, 3, 4, 5, 6];
      const reaches = (from: number, to: number) => {
        const seen = new Set<number>();
        const todo = next(from);
        while (todo.length > 0) {
          const v = todo.pop()!;
          if (v === to) return true;
          if (seen.has(v)) continue;
          seen.add(v);
          todo.push(...next(v));
        }
        return false;
      };
      const cycle = findCycle(nodes, next);
      expect(cycle !== null).toBe(nodes.some((v) => reaches(v, v)));
      if (cycle !== null) {
        cycle.forEach((v, i) => expect(next(v)).toContain(cycle[(i + 1) % cycle.length]));
        expect(new Set(cycle).size).toBe(cycle.length);
      }
    },
  );
});
