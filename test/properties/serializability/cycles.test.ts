import { describe, expect, it } from 'vitest';
import { PROCESS, REALTIME, RW, WR, WW } from '../../../properties/serializability/anomaly.ts';
import { CycleSearch, cycleName } from '../../../properties/serializability/cycles.ts';
import type { DependencyGraph } from '../../../properties/serializability/dependency-graph.ts';
import { stronglyConnectedComponents } from '../../../properties/serializability/tarjan.ts';

/** A graph of `n` nodes from [from, to, kind] triples. */
function graphOf(
  n: number,
  edges: readonly (readonly [number, number, number])[],
): DependencyGraph {
  const sorted = [...edges].sort((a, b) => a[0] - b[0]);
  const offsets = new Int32Array(n + 1);
  for (const [from] of sorted) offsets[from + 1]!++;
  for (let v = 1; v <= n; v++) offsets[v]! += offsets[v - 1]!;
  return {
    realtime: false,
    nodeCount: n,
    offsets,
    target: Int32Array.from(sorted, (e) => e[1]),
    kind: Uint8Array.from(sorted, (e) => e[2]),
    causeFrom: new Int32Array(sorted.length).fill(-1),
    causeTo: new Int32Array(sorted.length).fill(-1),
  };
}

/** The name of the most severe cycle of the one non-trivial component. */
function severest(n: number, edges: readonly (readonly [number, number, number])[]): string {
  const g = graphOf(n, edges);
  const c = stronglyConnectedComponents(g);
  const k = [...Array(c.count).keys()].find((i) => c.start[i + 1]! - c.start[i]! > 1)!;
  const cycle = new CycleSearch(g, c).mostSevere(k);
  // The cycle closes: each edge's target is the next edge's source.
  cycle.edges.forEach((e, i) =>
    expect(g.target[e]).toBe(cycle.sources[(i + 1) % cycle.sources.length]),
  );
  return cycleName(cycle.edges.map((e) => g.kind[e]!));
}

describe('cycleName', () => {
  it('names cycles by their edge kinds, Adya-style', () => {
    expect(cycleName([WW, WW])).toBe('G0');
    expect(cycleName([WW, WR])).toBe('G1c');
    expect(cycleName([RW, WR, WW])).toBe('G-single');
    expect(cycleName([RW, RW])).toBe('G2-item');
    expect(cycleName([RW, WR, RW, WW])).toBe('G-nonadjacent');
    expect(cycleName([RW, WR, REALTIME])).toBe('G-single-realtime');
    expect(cycleName([WW, PROCESS, REALTIME])).toBe('G0-realtime');
    expect(cycleName([RW, PROCESS])).toBe('G-single-process');
    expect(cycleName([WW, PROCESS])).toBe('G0-process');
  });
});

describe('CycleSearch.mostSevere', () => {
  it('prefers a ww-only cycle inside a component that also has worse ones', () => {
    expect(
      severest(3, [
        [0, 1, RW],
        [1, 0, RW],
        [1, 2, WW],
        [2, 1, WW],
      ]),
    ).toBe('G0');
  });

  it('prefers write-read cycles to anti-dependency ones', () => {
    expect(
      severest(3, [
        [0, 1, RW],
        [1, 0, RW],
        [0, 2, WR],
        [2, 0, WW],
      ]),
    ).toBe('G1c');
  });

  it('finds a single anti-dependency cycle even when a DFS would meet a double one first', () => {
    expect(
      severest(3, [
        [0, 1, RW],
        [1, 0, RW],
        [1, 2, WR],
        [2, 0, WR],
      ]),
    ).toBe('G-single');
  });

  it('falls back to process edges only when no data cycle exists', () => {
    expect(
      severest(2, [
        [0, 1, PROCESS],
        [1, 0, RW],
      ]),
    ).toBe('G-single-process');
    expect(
      severest(3, [
        [0, 1, PROCESS],
        [1, 0, RW],
        [1, 2, RW],
        [2, 1, RW],
      ]),
    ).toBe('G2-item');
  });

  it('rotates a cycle to start at its smallest node', () => {
    const g = graphOf(3, [
      [2, 0, WW],
      [0, 1, WW],
      [1, 2, WW],
    ]);
    const c = stronglyConnectedComponents(g);
    expect(new CycleSearch(g, c).mostSevere(0).sources).toEqual([0, 1, 2]);
  });
});
