import { describe, expect, it } from 'vitest';
import {
  experimentOptions,
  learning,
  runExperiments,
  scalability,
} from '../../../experiments/freenet/path-length.ts';
import { toCsv } from '../../../experiments/output.ts';

const csv = (seed: number) =>
  runExperiments(experimentOptions(40, seed))
    .map((e) => toCsv(e))
    .join('');

describe('the path-length experiments: determinism', () => {
  it('gives the same CSV byte for byte for a seed', () => {
    expect(csv(3)).toBe(csv(3));
  });

  it('differs between seeds', () => {
    expect(csv(3)).not.toBe(csv(4));
  });
});

describe('experimentOptions', () => {
  it("scales the paper's defaults to the network size", () => {
    expect(experimentOptions(1000, 1)).toEqual({
      nodes: 1000,
      seed: 1,
      steps: 10_000,
      every: 500,
      probes: 300,
      sizes: [125, 250, 500, 1000],
    });
    expect(experimentOptions(40, 1, 2).sizes).toEqual([10, 20, 40]);
  });
});

describe('learning', () => {
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
});

describe('scalability', () => {
  it('grows one network by joins, and its paths stay a few hops long as it doubles', () => {
    const rows = scalability({ ...experimentOptions(200, 1), probes: 60 }).series[0]!.rows;
    expect(rows.map((r) => r.x)).toEqual([25, 50, 100, 200]);
    // A cold lattice of 200 nodes is searched depth-first for hundreds of hops; a grown one is not.
    for (const r of rows) expect(r.y).toBeLessThanOrEqual(6);
    expect(rows.at(-1)!.y).toBeGreaterThanOrEqual(rows[0]!.y);
  });
});
