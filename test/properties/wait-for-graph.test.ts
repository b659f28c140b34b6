import { describe, expect, it } from 'vitest';
import { findWaitCycle } from '../../properties/wait-for-graph.ts';

const graph = (edges: Record<string, string[]>) => (v: string) => edges[v] ?? [];

describe('findWaitCycle', () => {
  it('finds none in a chain', () => {
    expect(findWaitCycle(['a', 'b', 'c'], graph({ a: ['b'], b: ['c'] }))).toBeNull();
  });

  it('returns the cycle in waiting order', () => {
    expect(findWaitCycle(['a', 'b', 'c'], graph({ a: ['b'], b: ['c'], c: ['b'] }))).toEqual([
      'b',
      'c',
    ]);
    expect(findWaitCycle(['t0', 't1'], graph({ t0: ['t1'], t1: ['t0'] }))).toEqual(['t0', 't1']);
  });

  it('follows edges to nodes not listed', () => {
    expect(findWaitCycle(['a'], graph({ a: ['z'], z: ['a'] }))).toEqual(['a', 'z']);
  });
});
