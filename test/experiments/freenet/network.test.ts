import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../experiments/freenet/network.ts';

describe('buildNetwork', () => {
  it('builds a ring lattice where each node knows two neighbours on each side', () => {
    const net = buildNetwork({ nodes: 10, links: 2, capacity: 5, routeCapacity: 10 });
    expect(net[0]!.neighbours.map((n) => n.node).sort()).toEqual([1, 2, 8, 9]);
    expect(net[0]).toMatchObject({ capacity: 5, routeCapacity: 10, corrupt: false, announce: 0 });
  });

  it('links each pair once in a ring too small for every link', () => {
    const net = buildNetwork({ nodes: 3, links: 2, capacity: 1, routeCapacity: 1 });
    expect(net.map((n) => n.neighbours.map((x) => x.node).sort())).toEqual([
      [1, 2],
      [0, 2],
      [0, 1],
    ]);
  });
});
