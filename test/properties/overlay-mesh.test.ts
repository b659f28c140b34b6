import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import {
  checkLoopFreeRoutes,
  checkMeshConnected,
  checkTreeSpansLive,
  liveMembers,
  reachedRepair,
} from '../../properties/overlay-mesh.ts';

// Members 0 (the source), 1, 2 in a line 0 – 1 – 2; member 3 joins at 2.
const o = (node: number, kind: string, fields: object = {}): Observation => ({
  node,
  kind,
  ...(fields as Record<string, never>),
});
const link = (a: number, b: number, why = 'initial') => [
  o(a, 'link', { peer: b, why }),
  o(b, 'link', { peer: a, why: why === 'initial' ? 'initial' : 'accept' }),
];
const tree = (node: number, parent: number, path: number[], kids: number[]) =>
  o(node, 'tree', { src: 0, parent, path, kids });

const line: History = [
  o(0, 'joined'),
  o(1, 'joined'),
  o(2, 'joined'),
  ...link(1, 0),
  ...link(2, 1),
  tree(0, -1, [0], [1]),
  tree(1, 0, [1, 0], [2]),
  tree(2, 1, [2, 1, 0], []),
];

// Member 1 crashes; 0 and 2 declare it dead and 2 repairs by linking to 0.
const repaired: History = [
  ...line,
  o(1, 'crashed'),
  o(0, 'dead', { peer: 1 }),
  o(0, 'unlink', { peer: 1 }),
  tree(0, -1, [0], []),
  o(2, 'dead', { peer: 1 }),
  o(2, 'unlink', { peer: 1 }),
  tree(2, -1, [], []),
  ...link(2, 0, 'repair'),
  tree(2, 0, [2, 0], []),
  tree(0, -1, [0], [2]),
];

describe('live members', () => {
  it('are those that joined or asked to, and neither left nor crashed', () => {
    expect(liveMembers(repaired)).toEqual([0, 2]);
    expect(liveMembers([o(3, 'joining'), o(2, 'joined'), o(2, 'left')])).toEqual([3]);
  });
});

describe('tree-spans-live', () => {
  it('holds for a converged line and after a repair', () => {
    expect(checkTreeSpansLive(line)).toBeNull();
    expect(checkTreeSpansLive(repaired)).toBeNull();
  });

  it('fails when a live member has no route, or a parent that is gone', () => {
    const cut = repaired.slice(
      0,
      repaired.indexOf(repaired.find((x) => x.kind === 'link' && x['why'] === 'repair')!),
    );
    expect(checkTreeSpansLive(cut)?.message).toMatch(/live member 2 has no route to source 0/);
    const stale = [...line, o(1, 'left'), tree(0, -1, [0], [])];
    expect(checkTreeSpansLive(stale)?.message).toMatch(/parent towards 0 is 1, which is gone/);
  });

  it('fails on a loop, on a parent that is not a neighbour, and on wrong children', () => {
    const loop = [
      ...line,
      tree(0, -1, [0], []),
      tree(1, 2, [1, 2, 1, 0], [2]),
      tree(2, 1, [2, 1, 0], [1]),
    ];
    expect(checkTreeSpansLive(loop)?.message).toMatch(/loop: 1 → 2 → 1/);
    const far = [...line, tree(2, 0, [2, 0], []), tree(0, -1, [0], [1, 2]), tree(1, 0, [1, 0], [])];
    expect(checkTreeSpansLive(far)?.message).toMatch(/parent 0 is not its overlay neighbour/);
    const orphan = [...line, tree(1, 0, [1, 0], [])];
    expect(checkTreeSpansLive(orphan)?.message).toMatch(/children .* wrong: it omits 2/);
    const adopted = [...line, tree(0, -1, [0], [1, 2])];
    expect(checkTreeSpansLive(adopted)?.message).toMatch(/children .* wrong: it lists 2/);
  });

  it('fails when a member that asked to join has no entry', () => {
    expect(checkTreeSpansLive([...line, o(3, 'joining')])?.message).toMatch(
      /member 3 has no entry/,
    );
  });
});

describe('mesh-connected', () => {
  it('holds for the line and after the repair', () => {
    expect(checkMeshConnected(line)).toBeNull();
    expect(checkMeshConnected(repaired)).toBeNull();
  });

  it('fails when a crash cuts the line for good, or a link to a departed member stays', () => {
    const cut = [
      ...line,
      o(1, 'crashed'),
      o(0, 'unlink', { peer: 1 }),
      o(2, 'unlink', { peer: 1 }),
    ];
    expect(checkMeshConnected(cut)?.message).toMatch(/partitioned: 2 cannot reach 0/);
    expect(
      checkMeshConnected([...line, o(2, 'left'), o(2, 'unlink', { peer: 1 })])?.message,
    ).toMatch(/member 1 keeps a link to 2, which is gone/);
  });

  it('counts a link only when both ends set it up', () => {
    const half = [o(0, 'joined'), o(1, 'joined'), o(1, 'link', { peer: 0, why: 'join' })];
    expect(checkMeshConnected(half)?.message).toMatch(/partitioned/);
  });
});

describe('loop-free-routes', () => {
  it('holds for simple paths and fails on a path through a member twice', () => {
    expect(checkLoopFreeRoutes(repaired)).toBeNull();
    const v = checkLoopFreeRoutes([...line, tree(1, 2, [1, 2, 1, 0], [])]);
    expect(v?.message).toMatch(/member 1 took a route to 0 through a loop: 1 → 2 → 1 → 0/);
  });
});

describe('repair-happens', () => {
  it('is reached by a repair link only', () => {
    expect(reachedRepair(repaired)).toBe(true);
    expect(reachedRepair(line)).toBe(false);
  });
});
