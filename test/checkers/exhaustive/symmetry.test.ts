import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { Symmetrizer } from '../../../checkers/exhaustive/symmetry.ts';
import { canonicalWorld } from '../../../models/kernel/fingerprint.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import { System } from '../../../models/kernel/system.ts';
import type { Move, World } from '../../../models/kernel/world.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';

const protocol = totalOrderProtocol;

/** Every reachable world of a small system, by canonical string (a brute-force search). */
function reachable(sys: System): Map<string, World> {
  const seen = new Map<string, World>();
  const init = sys.initial();
  seen.set(canonicalWorld(sys, init), init);
  const queue = [init];
  const benign: Move[] = [];
  const faults: Move[] = [];
  while (queue.length > 0) {
    const w = queue.shift()!;
    sys.enabled(w, benign, faults);
    for (const m of [...benign, ...faults]) {
      const next = sys.apply(w, m);
      const key = canonicalWorld(sys, next);
      if (!seen.has(key)) {
        seen.set(key, next);
        queue.push(next);
      }
    }
  }
  return seen;
}

const configs = [
  {
    variant: 'lamport',
    params: { members: 3, multicasts: [0], drops: 0, duplicates: 1, timeouts: 0 },
  },
  {
    variant: 'lamport',
    params: { members: 3, multicasts: [0], drops: 1, duplicates: 0, timeouts: 0 },
  },
  {
    variant: 'sequencer',
    params: { members: 3, multicasts: [0, 0], drops: 0, duplicates: 0, timeouts: 0 },
  },
  {
    variant: 'sequencer',
    params: { members: 4, multicasts: [0], drops: 1, duplicates: 0, timeouts: 1 },
  },
];

describe.each(configs)('symmetry on $variant $params', ({ variant: name, params }) => {
  const variant = protocol.variants.find((v) => v.name === name)!;
  const sys = new System(protocol, variant, params);
  const all = reachable(sys);
  const symmetrizer = Symmetrizer.of(sys);

  it('renames nodes into reachable worlds only (the reachable set is closed under the group)', () => {
    expect(symmetrizer.size).toBeGreaterThan(1);
    for (const w of all.values()) {
      for (const image of symmetrizer.orbit(w))
        expect(all.has(canonicalWorld(sys, image))).toBe(true);
    }
  });

  it('stores exactly one state per orbit, in fingerprint and exact mode, BFS and DFS', () => {
    const orbits = new Set([...all.values()].map((w) => symmetrizer.canonicalKey(w)));
    expect(orbits.size).toBeLessThan(all.size);
    // Brute force: the least canonical string over the whole group, one per orbit.
    const least = (w: World) =>
      symmetrizer
        .orbit(w)
        .map((image) => canonicalWorld(sys, image))
        .sort()[0]!;
    expect(new Set([...all.values()].map(least)).size).toBe(orbits.size);
    const full = runExhaustive(protocol, variant, { params });
    expect(full.distinct).toBe(all.size);
    for (const options of [{}, { exact: true }, { strategy: 'dfs' as const }]) {
      const reduced = runExhaustive(protocol, variant, { params, symmetry: true, ...options });
      expect(reduced.complete).toBe(true);
      expect(reduced.distinct).toBe(orbits.size);
    }
  });
});

it('refuses a protocol that declares no symmetry', () => {
  const bare = { ...protocol, symmetry: undefined } as Protocol;
  const sys = new System(bare, protocol.variants[0]!, {
    members: 3,
    multicasts: [0],
    drops: 0,
    duplicates: 0,
    timeouts: 0,
  });
  expect(() => Symmetrizer.of(sys)).toThrow(/declares no node symmetry/);
});
