import { describe, expect, it } from 'vitest';
import { graphOf, gridGraph, makeGraph } from '../../../experiments/gnutella/graph.ts';
import { EventQueue } from '../../../experiments/gnutella/queue.ts';
import { FLOW, Simulator } from '../../../experiments/gnutella/sim.ts';
import { Rng } from '../../../experiments/rng.ts';
import { checkFlow, record, verdict, type FlowEvent } from './flow-trace.ts';

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

describe('flow-controlled walkers', () => {
  /** A star: hub 0 and leaves 1-8; every walk goes through the hub every other step. */
  const star = graphOf(
    9,
    Array.from({ length: 8 }, (_, i) => [0, i + 1] as const),
  );
  const power = makeGraph('power-law', 2000, 4, new Rng(7));

  /** Walker searches on `sim` from random requesters for random holders, traced, one per list. */
  function traces(
    sim: Simulator,
    searches: number,
    credit: number,
    bound: number,
    seed: number,
  ): FlowEvent[][] {
    const rng = new Rng(seed);
    const all: FlowEvent[][] = [];
    for (let i = 0; i < searches; i++) {
      const holders = Array.from({ length: 3 }, () => rng.int(sim.g.n));
      holding(sim, ...holders);
      const events = record(sim);
      sim.flowWalk(rng.int(sim.g.n), 16, 256, 4, credit, bound, rng);
      all.push(events);
    }
    sim.flowTrace = null;
    return all;
  }

  it('keep every rule on a power-law graph: tokens, their timing, service, queue, drops', () => {
    for (const [credit, bound, latency] of [
      [2, 4, 1],
      [1, 1, 1],
      [1, 2, 5],
      [3, 8, 3],
    ] as const) {
      const sim = new Simulator(power, latency, 11);
      const rules = { credit, bound, latency: (u: number, v: number) => sim.latency(u, v) };
      let drops = 0;
      let waits = 0;
      for (const events of traces(sim, 12, credit, bound, credit * 100 + bound)) {
        expect(verdict(events, rules)).toBe('ok');
        drops += events.filter((e) => e.kind === FLOW.drop).length;
        // A walker handled now but sent later waited for a token.
        const handled = new Map<number, number>();
        for (const e of events) {
          if (e.kind === FLOW.handle) handled.set(e.walker, e.time);
          if (e.kind === FLOW.send && (handled.get(e.walker) ?? e.time) < e.time) waits++;
        }
      }
      // The runs exercise the rules: queues fill and drop, walkers wait for tokens.
      expect(drops).toBeGreaterThan(0);
      if (credit === 1) expect(waits).toBeGreaterThan(0);
    }
  });

  it('lower the hub’s peak queue and load in a star, against the same walk without them', () => {
    const run = (variant: 'plain' | 'queued' | 'flow') => {
      const sim = new Simulator(star);
      holding(sim);
      const events = record(sim);
      const rng = new Rng(5);
      const r =
        variant === 'plain'
          ? sim.walk(1, 8, 40, 4, 'degree', rng)
          : variant === 'queued'
            ? sim.flowWalk(1, 8, 40, 4, 8, 8, rng) // credit and queue 8: never throttled
            : sim.flowWalk(1, 8, 40, 4, 2, 2, rng);
      const limit = variant === 'flow' ? 2 : 8;
      const figures = checkFlow(events, { credit: limit, bound: limit });
      if ('violation' in figures && variant !== 'plain') throw new Error(figures.violation);
      const hubQueue = 'peak' in figures ? (figures.peak.get(0) ?? 0) : -1;
      return { hubLoad: sim.load[0]!, hubQueue, peakQueue: r.peakQueue, drops: r.drops };
    };
    const plain = run('plain');
    const queued = run('queued');
    const flow = run('flow');
    // Without flow control the requester's 8 walkers all reach the hub at time 1: the first is
    // handled and sent on at once, 7 wait.
    expect(queued.hubQueue).toBe(7);
    expect(queued.peakQueue).toBe(7);
    expect(queued.drops).toBe(0);
    expect(flow.hubQueue).toBeLessThanOrEqual(2);
    expect(flow.peakQueue).toBeLessThanOrEqual(2);
    expect(flow.drops).toBeGreaterThan(0);
    // Every walk through the hub: 8 walkers × 20 visits without flow control.
    expect(plain.hubLoad).toBe(160);
    expect(queued.hubLoad).toBe(160);
    // With flow control the hub's full queue drops walkers, so fewer walk on through it (88).
    expect(flow.hubLoad).toBeLessThan(queued.hubLoad * 0.6);
  });

  it('send the requester’s walkers only as its tokens allow', () => {
    const sim = new Simulator(star);
    holding(sim);
    const events = record(sim);
    sim.flowWalk(1, 8, 40, 4, 2, 2, new Rng(5));
    const atStart = events.filter((e) => e.kind === FLOW.send && e.time === 0);
    expect(atStart).toHaveLength(2);
  });

  it('are deterministic for a seed, and leave every token back for the next search', () => {
    const run = (seed: number) => {
      const sim = new Simulator(power, 3, 2);
      const out: string[] = [];
      for (const events of traces(sim, 3, 2, 4, seed)) {
        const r = sim.result;
        out.push(JSON.stringify([events, r.messages, r.drops, r.peakQueue, r.firstHitTime]));
      }
      return out;
    };
    const once = run(1);
    expect(run(1)).toEqual(once);
    expect(run(2)).not.toEqual(once);
    // The same search on a simulator that has run others gives the same events.
    const fresh = new Simulator(power);
    holding(fresh, 100, 200);
    const a = record(fresh);
    fresh.flowWalk(0, 16, 256, 4, 2, 4, new Rng(9));
    const used = new Simulator(power);
    traces(used, 5, 2, 4, 3);
    holding(used, 100, 200);
    const b = record(used);
    used.flowWalk(0, 16, 256, 4, 2, 4, new Rng(9));
    expect(b).toEqual(a);
  });

  describe('the checker catches', () => {
    const ev = (kind: number, time: number, v: number, other: number, walker: number, hops = 1) =>
      ({ kind, time, v, other, walker, hops }) as FlowEvent;

    it('a walk that ignores its credit, and one that ignores its queue bound', () => {
      const sim = new Simulator(power);
      const ignoresCredit = traces(sim, 12, 1000, 4, 1).map((t) =>
        verdict(t, { credit: 2, bound: 4 }),
      );
      expect(ignoresCredit.some((v) => v.includes('holding no token'))).toBe(true);
      const ignoresBound = traces(sim, 12, 2, 1000, 1).map((t) =>
        verdict(t, { credit: 2, bound: 4 }),
      );
      expect(ignoresBound.some((v) => v.includes('no drop'))).toBe(true);
    });

    it('hand-made violations of each rule', () => {
      const rules = { credit: 2, bound: 2 };
      // Three walkers to servent 1 on two tokens.
      expect(
        verdict(
          [ev(FLOW.send, 0, 0, 1, 0), ev(FLOW.send, 0, 0, 1, 1), ev(FLOW.send, 0, 0, 1, 2)],
          rules,
        ),
      ).toContain('holding no token');
      // Three walkers queued at servent 1 under a bound of 2, no drop.
      const three = [0, 1, 2].flatMap((x) => [ev(FLOW.send, 0, 0, 1, x)]);
      const arrivals = [0, 1, 2].map((x) => ev(FLOW.arrive, 1, 1, 0, x));
      expect(verdict([...three, ...arrivals], { credit: 3, bound: 2 })).toContain('no drop');
      // The drop takes the walker with 2 Hops when the queue holds one with 5.
      const mixed = [
        ev(FLOW.send, 0, 0, 1, 0, 5),
        ev(FLOW.send, 0, 0, 1, 1, 2),
        ev(FLOW.send, 0, 0, 1, 2, 3),
        ev(FLOW.arrive, 1, 1, 0, 0, 5),
        ev(FLOW.arrive, 1, 1, 0, 1, 2),
        ev(FLOW.arrive, 1, 1, 0, 2, 3),
      ];
      expect(verdict([...mixed, ev(FLOW.drop, 1, 1, 2, 1, 2)], { credit: 3, bound: 2 })).toContain(
        'not the one with the most',
      );
      expect(verdict([...mixed, ev(FLOW.drop, 1, 1, 2, 2, 3)], { credit: 3, bound: 2 })).toContain(
        'not the one with the most',
      );
      // Two walkers handled by servent 1 in one time unit.
      const two = [
        ev(FLOW.send, 0, 0, 1, 0),
        ev(FLOW.send, 0, 0, 1, 1),
        ev(FLOW.arrive, 1, 1, 0, 0),
        ev(FLOW.arrive, 1, 1, 0, 1),
        ev(FLOW.handle, 1, 1, 0, 0),
      ];
      expect(verdict([...two, ev(FLOW.handle, 1, 1, 0, 1)], rules)).toContain('two walkers');
      // A token back before its link's latency, and one never spent.
      expect(verdict([...two, ev(FLOW.credit, 1, 0, 1, -1)], rules)).toContain('due at 2');
      expect(verdict([ev(FLOW.credit, 1, 0, 1, -1)], rules)).toContain('never spent');
      // The correct continuation passes: the drop of the walker with 5 Hops, the tokens back.
      expect(
        verdict(
          [
            ...mixed,
            ev(FLOW.drop, 1, 1, 2, 0, 5),
            ev(FLOW.handle, 1, 1, 0, 1, 2),
            ev(FLOW.end, 1, 1, -1, 1, 2),
            ev(FLOW.credit, 2, 0, 1, -1, 0),
            ev(FLOW.credit, 2, 0, 1, -1, 0),
            ev(FLOW.handle, 2, 1, 0, 2, 3),
            ev(FLOW.end, 2, 1, -1, 2, 3),
            ev(FLOW.credit, 3, 0, 1, -1, 0),
          ],
          { credit: 3, bound: 2 },
        ),
      ).toBe('ok');
    });
  });
});
