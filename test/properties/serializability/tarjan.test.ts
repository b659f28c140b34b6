import { describe, expect, it } from 'vitest';
import { WW } from '../../../properties/serializability/anomaly.ts';
import type { DependencyGraph } from '../../../properties/serializability/dependency-graph.ts';
import { stronglyConnectedComponents } from '../../../properties/serializability/tarjan.ts';

/** A graph of `n` nodes from [from, to] pairs (all ww, causes unknown). */
function graphOf(n: number, edges: readonly (readonly [number, number])[]): DependencyGraph {
  const sorted = [...edges].sort((a, b) => a[0] - b[0]);
  const offsets = new Int32Array(n + 1);
  for (const [from] of sorted) offsets[from + 1]!++;
  for (let v = 1; v <= n; v++) offsets[v]! += offsets[v - 1]!;
  const m = sorted.length;
  return {
    realtime: false,
    nodeCount: n,
    offsets,
    target: Int32Array.from(sorted, ([, to]) => to),
    kind: new Uint8Array(m).fill(WW),
    causeFrom: new Int32Array(m).fill(-1),
    causeTo: new Int32Array(m).fill(-1),
  };
}

/** The components of size two or more, each sorted, sorted by first node. */
function cyclic(n: number, edges: readonly (readonly [number, number])[]): number[][] {
  const c = stronglyConnectedComponents(graphOf(n, edges));
  const out: number[][] = [];
  for (let k = 0; k < c.count; k++) {
    const members = [...c.members.subarray(c.start[k], c.start[k + 1])].sort((a, b) => a - b);
    for (const v of members) expect(c.comp[v]).toBe(k);
    if (members.length > 1) out.push(members);
  }
  return out.sort((a, b) => a[0]! - b[0]!);
}

describe('stronglyConnectedComponents', () => {
  it('puts every node of a DAG in a component of its own', () => {
    const c = stronglyConnectedComponents(
      graphOf(4, [
        [0, 1],
        [1, 2],
        [0, 2],
        [2, 3],
      ]),
    );
    expect(c.count).toBe(4);
    expect(
      cyclic(4, [
        [0, 1],
        [1, 2],
        [0, 2],
        [2, 3],
      ]),
    ).toEqual([]);
  });

  it('finds separate and nested cycles', () => {
    const edges = [
      [0, 1],
      [1, 0], // a 2-cycle
      [1, 2], // a bridge out of it
      [2, 3],
      [3, 4],
      [4, 2],
      [4, 3], // a 3-cycle with a chord
      [5, 5], // a self-loop stays a component of one
    ] as const;
    expect(cyclic(6, edges)).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
  });

  it('merges cycles sharing a node', () => {
    expect(
      cyclic(5, [
        [0, 1],
        [1, 0],
        [1, 2],
        [2, 1],
        [3, 4],
      ]),
    ).toEqual([[0, 1, 2]]);
  });

  it('handles a 200,000-node cycle without recursion', () => {
    const n = 200_000;
    const edges = Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as const);
    const c = stronglyConnectedComponents(graphOf(n, edges));
    expect(c.count).toBe(1);
    expect(c.start[1]).toBe(n);
  });
});
