import { describe, expect, it } from 'vitest';
import { copies, ObjectSampler, place, zipf } from '../../../experiments/gnutella/objects.ts';
import { Rng } from '../../../experiments/rng.ts';

describe('objects and replication', () => {
  const q = zipf(100, 1.2);

  it('draw queries from a Zipf-like distribution: q_i ∝ i^-α, summing to 1', () => {
    expect(q.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(q[0]! / q[1]!).toBeCloseTo(2 ** 1.2, 10);
    expect(q[9]! / q[99]!).toBeCloseTo(10 ** 1.2, 10);
    const sampler = new ObjectSampler(q);
    const rng = new Rng(1);
    const seen = new Float64Array(100);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) seen[sampler.draw(rng)]!++;
    expect(seen[0]! / draws).toBeCloseTo(q[0]!, 2);
    expect(seen[4]! / draws).toBeCloseTo(q[4]!, 2);
  });

  it('replicate uniformly, proportionally and by square root, with the ratio asked', () => {
    const n = 100_000;
    const uniform = copies(q, 'uniform', n, 0.01);
    const proportional = copies(q, 'proportional', n, 0.01);
    const root = copies(q, 'square-root', n, 0.01);
    expect(new Set(uniform)).toEqual(new Set([1000]));
    for (const c of [uniform, proportional, root]) {
      const total = c.reduce((a, b) => a + b);
      expect(Math.abs(total - 0.01 * n * 100)).toBeLessThan(100); // rounding only
    }
    // r_i / r_j = q_i / q_j (proportional) and √(q_i / q_j) (square-root), up to rounding.
    expect(proportional[0]! / proportional[9]!).toBeCloseTo(q[0]! / q[9]!, 1);
    expect(root[0]! / root[9]!).toBeCloseTo(Math.sqrt(q[0]! / q[9]!), 1);
    expect(root[0]! / root[99]!).toBeCloseTo(Math.sqrt(q[0]! / q[99]!), 0);
  });

  it('give every object at least one copy and at most one per node', () => {
    const few = copies(q, 'proportional', 1000, 0.0001);
    expect(Math.min(...few)).toBe(1);
    const many = copies(zipf(2, 3), 'proportional', 1000, 1);
    expect(Math.max(...many)).toBe(1000);
  });

  it('place each object on distinct nodes, deterministically for a seed', () => {
    const count = copies(q, 'square-root', 5000, 0.01);
    const a = place(count, 5000, new Rng(3));
    const b = place(count, 5000, new Rng(3));
    expect(b.holders).toEqual(a.holders);
    for (let o = 0; o < count.length; o++) {
      const holders = a.holders.subarray(a.start[o]!, a.start[o + 1]!);
      expect(holders.length).toBe(count[o]);
      expect(new Set(holders).size).toBe(holders.length);
      for (const v of holders) expect(v).toBeLessThan(5000);
    }
  });
});
