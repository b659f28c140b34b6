import { describe, expect, it } from 'vitest';
import {
  computeRoutes,
  convergedGroup,
  isSimple,
  usesMe,
} from '../../../models/overlay-multicast/routing.ts';
import { UNDERLAYS, delaysFrom, memberCosts } from '../../../models/overlay-multicast/underlay.ts';

describe('the underlays', () => {
  it('are connected, and members pay the shortest underlay delay', () => {
    for (const u of Object.values(UNDERLAYS)) {
      expect(delaysFrom(u, 0).every((d) => d < Infinity)).toBe(true);
    }
    expect(memberCosts(UNDERLAYS.dumbbell, 4)).toEqual([
      [0, 10, 3, 11],
      [10, 0, 11, 3],
      [3, 11, 0, 12],
      [11, 3, 12, 0],
    ]);
  });
});

describe('routing over the mesh', () => {
  const costs = memberCosts(UNDERLAYS.line, 4);

  it('converges an initial group of degree 1 on the line to the line itself', () => {
    const g = convergedGroup(costs, 4, 1);
    expect(g.neighbours).toEqual([[1], [0, 2], [1, 3], [2]]);
    expect(g.routes[3]!.find((r) => r.dest === 0)).toEqual({
      dest: 0,
      cost: 4,
      path: [3, 2, 1, 0],
    });
  });

  it('never takes a route through itself, and finds the children of a source', () => {
    const g = convergedGroup(costs, 4, 1);
    // m2 lost m1: m3's stale route to m0 goes through m2, so m2 has none.
    const state = {
      self: 2,
      cost: costs[2]!,
      members: [0, 2, 3],
      neighbours: [3],
      heard: [{ peer: 3, routes: g.routes[3]! }],
    };
    expect(computeRoutes(state, isSimple).map((r) => r.dest)).toEqual([2, 3]);
    expect(computeRoutes(state, () => true).find((r) => r.dest === 0)?.path).toEqual([
      2, 3, 2, 1, 0,
    ]);
    const heard = [{ peer: 2, routes: g.routes[2]! }];
    expect(usesMe(heard, 1, 2, 0)).toBe(true);
    expect(usesMe(heard, 3, 2, 0)).toBe(false);
  });
});
