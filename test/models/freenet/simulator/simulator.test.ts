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

  it('draws the same numbers for a seed', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('freenet simulator: the model node logic at scale', () => {
  const shape = { links: 2, capacity: 5, routeCapacity: 10 };

  it('builds a ring lattice where each node knows two neighbours on each side', () => {
    const net = buildNetwork({ nodes: 10, ...shape });
    expect(net[0]!.neighbours.map((n) => n.node).sort()).toEqual([1, 2, 8, 9]);
    expect(net[0]).toMatchObject({ capacity: 5, routeCapacity: 10, corrupt: false, announce: 0 });
  });

  it('finds an inserted key, and a failed node makes the request route around it', () => {
    const sim = Simulator.of(buildNetwork({ nodes: 30, ...shape }));
    const key = keyOf('chk:a');
    expect(sim.insert(0, key, 'a', '', 5)).toMatchObject({ ok: true });
    expect(sim.request(15, key, 100).ok).toBe(true);
    sim.alive[1] = 0;
    expect(sim.request(0, keyOf('chk:absent'), 3).ok).toBe(false);
    expect(sim.insert(3, keyOf('chk:b'), 'forged', '', 5).ok).toBe(false); // refused at its origin
  });

  it('leaves no pending entry and no seen id once the network is quiet', () => {
    const sim = Simulator.of(buildNetwork({ nodes: 40, ...shape }));
    for (let i = 0; i < 30; i++) {
      sim.insert(i, keyOf(`chk:d${i}`), `d${i}`, '', 6);
      sim.request((7 * i) % 40, keyOf(`chk:d${(3 * i) % (i + 1)}`), 6);
    }
    for (const node of sim.nodes) expect(node.toContext()).toMatchObject({ seen: [], pending: [] });
  });

  it('undoes a probe, and a fork shares nothing with the original', () => {
    const sim = Simulator.of(buildNetwork({ nodes: 40, ...shape }));
    for (let i = 0; i < 20; i++) sim.insert(i, keyOf(`chk:d${i}`), `d${i}`, '', 6);
    const states = () => sim.nodes.map((n) => n.toContext());
    const before = states();
    const probe = sim.probe(39, keyOf('chk:d3'), 50);
    expect(probe.ok).toBe(true);
    expect(states()).toEqual(before);
    const fork = sim.fork();
    expect(fork.request(39, keyOf('chk:d3'), 50)).toEqual(probe);
    expect(states()).toEqual(before);
    expect(fork.nodes.map((n) => n.toContext())).not.toEqual(before);
  });

  it('shortens request paths as the network learns routes to data sources', () => {
    const o = { ...experimentOptions(200, 1), steps: 600, every: 20, probes: 40 };
    const series = learning(o).series.map((s) => s.rows.map((r) => r.y));
    const fixed = series.at(-1)!;
    expect(series).toHaveLength(4); // three workloads, and neighbours only
    // Before it learns, a request searches the lattice depth-first; after, a handful of hops.
    for (const learned of series.slice(0, 3)) {
      const last = learned.slice(-3);
      expect(Math.max(...last) * 10).toBeLessThan(learned[0]!);
      expect(Math.max(...last) * 10).toBeLessThan(Math.min(...fixed));
    }
  });

  it('plots every series with axes and ticks', () => {
    const svg = plot(runExperiments(experimentOptions(40, 1))[2]!);
    expect(svg).toMatch(/^<svg/);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    const log = plot(runExperiments(experimentOptions(40, 1))[0]!);
    expect(log.match(/<polyline/g)).toHaveLength(4);
    expect(log).toMatch(/log scale/);
    expect(ticks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
  });
});
