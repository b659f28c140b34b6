import { describe, expect, it } from 'vitest';
import {
  components,
  degree,
  degreeStats,
  graphOf,
  gridGraph,
  makeGraph,
  TOPOLOGIES,
  type Graph,
} from '../../../experiments/gnutella/graph.ts';
import { Rng } from '../../../experiments/rng.ts';

/** Every row sorted, no self-loop or repeat, and each link present at both ends. */
function wellFormed(g: Graph): void {
  expect(g.offsets.length).toBe(g.n + 1);
  expect(g.offsets[g.n]).toBe(g.targets.length);
  const has = (u: number, v: number) =>
    g.targets.subarray(g.offsets[u]!, g.offsets[u + 1]!).includes(v);
  for (let v = 0; v < g.n; v++) {
    const row = g.targets.subarray(g.offsets[v]!, g.offsets[v + 1]!);
    for (let i = 0; i < row.length; i++) {
      expect(row[i]).not.toBe(v);
      if (i > 0) expect(row[i]!).toBeGreaterThan(row[i - 1]!);
      expect(has(row[i]!, v)).toBe(true);
    }
  }
}

const connected = (g: Graph) => components(g).every((label) => label === 0);

describe('the topology generators', () => {
  it('build well-formed, connected graphs with the average degree asked', () => {
    for (const topology of TOPOLOGIES) {
      const g = makeGraph(topology, 2000, 4, new Rng(1));
      wellFormed(g);
      expect(connected(g)).toBe(true);
      const { mean } = degreeStats(g);
      expect(mean).toBeGreaterThan(3.7);
      expect(mean).toBeLessThan(4.3);
    }
  });

  it('are deterministic for a seed, and differ between seeds', () => {
    for (const topology of ['random', 'power-law', 'small-world'] as const) {
      const a = makeGraph(topology, 1000, 4, new Rng(5));
      const b = makeGraph(topology, 1000, 4, new Rng(5));
      const c = makeGraph(topology, 1000, 4, new Rng(6));
      expect(b.targets).toEqual(a.targets);
      expect(b.offsets).toEqual(a.offsets);
      expect(c.targets).not.toEqual(a.targets);
    }
  });

  it('give the grid its degrees: 2 at the corners, 3 on the edges, 4 inside', () => {
    const g = gridGraph(100); // 10 × 10
    const counts = [0, 0, 0, 0, 0];
    for (let v = 0; v < g.n; v++) counts[degree(g, v)]!++;
    expect(counts).toEqual([0, 0, 4, 32, 64]);
    expect(degreeStats(g).links).toBe(180);
    // A count that is not a square: a short last row, still connected.
    const h = gridGraph(1000);
    wellFormed(h);
    expect(connected(h)).toBe(true);
    expect(degreeStats(h).max).toBe(4);
  });

  it('give the power-law graph a heavy tail and the random graph none', () => {
    const plrg = degreeStats(makeGraph('power-law', 10_000, 4, new Rng(1)));
    const random = degreeStats(makeGraph('random', 10_000, 4, new Rng(1)));
    // The paper's PLRG: median 1, maximum 1,746 at 9,230 nodes; a Poisson graph's max is ~15.
    expect(plrg.median).toBeLessThanOrEqual(2);
    expect(plrg.max).toBeGreaterThan(500);
    expect(random.median).toBe(4);
    expect(random.max).toBeLessThan(20);
  });

  it('give the power-law graph a straight log-log tail (a CCDF slope near -1.25)', () => {
    const g = makeGraph('power-law', 20_000, 4, new Rng(2));
    // P(degree ≥ k) at k = 8, 16, …, 256: degree ∝ rank^-0.8 means P(≥ k) ∝ k^-1.25.
    const ccdf = (k: number) => {
      let c = 0;
      for (let v = 0; v < g.n; v++) if (degree(g, v) >= k) c++;
      return c / g.n;
    };
    const ks = [8, 16, 32, 64, 128, 256];
    const xs = ks.map(Math.log);
    const ys = ks.map((k) => Math.log(ccdf(k)));
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    const slope =
      xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) /
      xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    expect(slope).toBeGreaterThan(-1.6);
    expect(slope).toBeLessThan(-0.9);
  });

  it('give the small world its ring-lattice degree and a few long links', () => {
    const g = makeGraph('small-world', 1000, 6, new Rng(1));
    expect(degreeStats(g).mean).toBe(6);
    let long = 0;
    for (let v = 0; v < g.n; v++) {
      for (let i = g.offsets[v]!; i < g.offsets[v + 1]!; i++) {
        const d = Math.abs(g.targets[i]! - v);
        if (Math.min(d, g.n - d) > 3) long++;
      }
    }
    // About 10% of the 3,000 links are rewired, each seen from both ends.
    expect(long / 2).toBeGreaterThan(200);
    expect(long / 2).toBeLessThan(400);
  });

  it('join the components of a disconnected graph and count the links added', () => {
    const g = graphOf(4, [
      [0, 1],
      [2, 3],
    ]);
    expect(connected(g)).toBe(false);
    expect(components(g)).toEqual(Int32Array.from([0, 0, 2, 2]));
    // A sparse random graph has isolated nodes before joining.
    const sparse = makeGraph('random', 1000, 2, new Rng(1));
    expect(connected(sparse)).toBe(true);
    expect(sparse.joined).toBeGreaterThan(0);
  });
});
