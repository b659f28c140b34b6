import { describe, expect, it } from 'vitest';
import { graphOf, gridGraph, makeGraph } from '../../../experiments/gnutella/graph.ts';
import { EventQueue } from '../../../experiments/gnutella/queue.ts';
import { Simulator } from '../../../experiments/gnutella/sim.ts';
import { Rng } from '../../../experiments/rng.ts';

/** A path 0 – 1 – 2 – 3 – 4. */
const path = graphOf(5, [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 4],
]);

const holding = (sim: Simulator, ...nodes: number[]) =>
  sim.setTarget(Uint32Array.from(nodes), 0, nodes.length);

describe('the event queue', () => {
  it('pops by time, and first in first out at one time', () => {
    const q = new EventQueue(4);
    q.push(2, 20, 0, 0, 0, 0);
    q.push(1, 10, 0, 0, 0, 0);
    q.push(2, 21, 0, 0, 0, 0);
    q.push(1, 11, 0, 0, 0, 0);
    const order: number[] = [];
    const times: number[] = [];
    for (let s = q.pop(); s >= 0; s = q.pop()) {
      order.push(q.node[s]!);
      times.push(q.now);
      if (q.node[s] === 10) q.push(3, 40, 0, 0, 0, 0); // at time 4, after the others
    }
    expect(order).toEqual([10, 11, 20, 21, 40]);
    expect(times).toEqual([1, 1, 2, 2, 4]);
  });

  it('grows past its first pool and recycles slots', () => {
    const q = new EventQueue(2);
    for (let i = 0; i < 5000; i++) q.push(1, i, 0, 0, 0, 0);
    let expected = 0;
    for (let s = q.pop(); s >= 0; s = q.pop()) expect(q.node[s]).toBe(expected++);
    expect(expected).toBe(5000);
  });
});

describe('flooding', () => {
  it('goes TTL hops and no further, without answering at the requester', () => {
    const sim = new Simulator(path);
    holding(sim, 0, 4);
    const r = sim.flood(0, 3);
    expect([r.messages, r.reached, r.duplicates, r.hits]).toEqual([3, 3, 0, 0]);
    expect([sim.parentOf(1), sim.parentOf(3), sim.parentOf(4)]).toEqual([0, 2, undefined]);
    const s = sim.flood(0, 4);
    expect([s.messages, s.reached, s.hits, s.firstHitHops, s.hitMessages]).toEqual([4, 4, 1, 4, 4]);
    // The QueryHit comes back 4 hops: at time 8 with unit latencies.
    expect(s.firstHitTime).toBe(8);
  });

  it('drops duplicates: a triangle sends each servent the Query twice', () => {
    const triangle = graphOf(3, [
      [0, 1],
      [1, 2],
      [0, 2],
    ]);
    const sim = new Simulator(triangle);
    holding(sim);
    const r = sim.flood(0, 5);
    // 0 → 1, 0 → 2; 1 → 2 and 2 → 1 are duplicates (nobody sends back to its sender).
    expect([r.messages, r.duplicates, r.reached]).toEqual([4, 2, 2]);
  });

  it('grows with TTL, and on a grid reaches the diamond of radius TTL', () => {
    const g = gridGraph(10_000);
    const sim = new Simulator(g);
    holding(sim);
    const centre = 50 * 100 + 50;
    for (const ttl of [1, 2, 3, 4, 5]) {
      // 2t(t + 1) servents lie within t hops of an inner grid node.
      expect(sim.flood(centre, ttl).reached).toBe(2 * ttl * (ttl + 1));
    }
  });

  it('finds the closest copy first, and loads the servents on the way back', () => {
    const sim = new Simulator(path);
    holding(sim, 2, 4);
    const r = sim.flood(0, 4);
    expect([r.hits, r.firstHitHops, r.hitMessages]).toEqual([2, 2, 2 + 4]);
    // Load: Queries received (1, 2, 3, 4 once each) and QueryHits passing 3, 2, 1 to 0.
    expect([...sim.load]).toEqual([2, 3, 2, 2, 1]);
  });

  it('honours link latencies: the first copy back is the fastest, not the closest', () => {
    const sim = new Simulator(makeGraph('random', 500, 4, new Rng(1)), 5, 9);
    holding(sim, 10, 20, 30, 40, 50, 60);
    const r = sim.flood(0, 6);
    expect(r.firstHitTime).toBeGreaterThanOrEqual(2 * r.firstHitHops);
    for (let v = 1; v < 50; v++) {
      expect(sim.latency(v, v + 1)).toBe(sim.latency(v + 1, v));
      expect(sim.latency(v, v + 1)).toBeGreaterThanOrEqual(1);
      expect(sim.latency(v, v + 1)).toBeLessThanOrEqual(5);
    }
  });
});

describe('expanding ring', () => {
  it('stops at the first ring that finds a copy, adding up the rings’ messages', () => {
    const sim = new Simulator(path);
    holding(sim, 3);
    const r = sim.expandingRing(0, 7);
    // TTL 1 (1 message), then TTL 3 (3 messages) finds the copy 3 hops away.
    expect([r.messages, r.hits, r.firstHitHops]).toEqual([4, 1, 3]);
    const miss = sim.expandingRing(0, 2);
    holding(sim);
    expect(miss.hits).toBe(0);
    expect(sim.expandingRing(0, 8).messages).toBe(1 + 3 + 4 + 4 + 4);
  });
});

describe('random walkers', () => {
  const g = makeGraph('random', 2000, 4, new Rng(1));

  it('find a copy and stop within a few check-backs of the first hit', () => {
    for (const bias of ['uniform', 'degree'] as const) {
      const sim = new Simulator(g);
      holding(sim, 1000, 1500);
      const r = sim.walk(0, 8, 10_000, 4, bias, new Rng(2));
      expect(r.success).toBe(true);
      expect(r.firstHitHops).toBeGreaterThan(0);
      // Each walker stops at the first check-back after the hit is home (or finds a copy itself).
      const steps = Math.ceil((r.firstHitTime + 4) / 4) * 4;
      expect(r.messages).toBeLessThanOrEqual(8 * steps);
      expect(r.checks).toBeGreaterThan(0);
    }
  });

  it('give up after their TTL when no one holds the object (checking at steps 4, 8, …, 96)', () => {
    const sim = new Simulator(g);
    holding(sim);
    const r = sim.walk(0, 4, 100, 4, 'uniform', new Rng(3));
    expect([r.success, r.messages, r.checks]).toEqual([false, 400, 4 * 24]);
    expect(r.reached + r.duplicates).toBe(400);
  });

  it('are deterministic for a seed', () => {
    const run = (seed: number) => {
      const sim = new Simulator(g);
      holding(sim, 5, 6, 7);
      const r = sim.walk(0, 16, 1024, 4, 'degree', new Rng(seed));
      return [r.messages, r.firstHitHops, r.reached];
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });
});
