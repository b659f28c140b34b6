import { describe, expect, it } from 'vitest';
import { keyOf } from '../../../../models/freenet/keys.ts';
import {
  experimentOptions,
  learning,
  runExperiments,
} from '../../../../models/freenet/simulator/experiments.ts';
import { buildNetwork } from '../../../../models/freenet/simulator/network.ts';
import { toCsv } from '../../../../models/freenet/simulator/output.ts';
import { plot, ticks } from '../../../../models/freenet/simulator/plot.ts';
import { EventQueue } from '../../../../models/freenet/simulator/queue.ts';
import { Rng } from '../../../../models/freenet/simulator/rng.ts';
import { Simulator } from '../../../../models/freenet/simulator/sim.ts';

const csv = (seed: number) =>
  runExperiments(experimentOptions(40, seed))
    .map((e) => toCsv(e))
    .join('');

describe('freenet simulator: determinism', () => {
  it('gives the same CSV byte for byte for a seed', () => {
    expect(csv(3)).toBe(csv(3));
  });

  it('differs between seeds', () => {
    expect(csv(3)).not.toBe(csv(4));
  });

  it('orders events by time, then by scheduling order', () => {
    const q = new EventQueue<string>();
    for (const [t, s] of [
      [2, 'c'],
      [1, 'a'],
      [2, 'd'],
      [1, 'b'],
      [0, 'z'],
    ] as const)
      q.push(t, s);
    const order: string[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) order.push(e.item);
    expect(order).toEqual(['z', 'a', 'b', 'c', 'd']);
  });

  it('draws the same numbers for a seed', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('freenet simulator: the model node logic at scale', () => {
  it('builds a ring lattice where each node knows two neighbours on each side', () => {
    const net = buildNetwork({ nodes: 10, links: 2, capacity: 5 });
    expect(net[0]!.neighbours.map((n) => n.node).sort()).toEqual([1, 2, 8, 9]);
  });

  it('finds an inserted key, and a failed node makes the request route around it', () => {
    const sim = new Simulator(buildNetwork({ nodes: 30, links: 2, capacity: 10 }));
    const key = keyOf('ksk:alpha');
    expect(sim.insert(0, key, 'a', 5).ok).toBe(true);
    expect(sim.request(15, key, 100).ok).toBe(true);
    sim.alive[1] = 0;
    expect(sim.request(0, keyOf('ksk:absent'), 3).ok).toBe(false);
  });

  it('shortens request paths as the network learns links to data sources', () => {
    const o = { ...experimentOptions(300, 1), steps: 400, every: 100, probes: 40 };
    const [learned, fixed] = learning(o).series.map((s) => s.rows.map((r) => r.y));
    const mean = (ys: number[]) => ys.reduce((a, b) => a + b, 0) / ys.length;
    // The unlearned lattice needs a depth-first search; learned shortcuts need a handful of hops.
    expect(mean(learned!.slice(-2)) * 4).toBeLessThan(mean(fixed!.slice(-2)));
  });

  it('plots every series with axes and ticks', () => {
    const svg = plot(runExperiments(experimentOptions(40, 1))[2]!);
    expect(svg).toMatch(/^<svg/);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(ticks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
  });
});
