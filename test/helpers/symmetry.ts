/**
 * The brute-force check of a protocol's declared node symmetry, for its symmetry test: on small
 * configurations, every reachable world (a breadth-first search of the whole graph, no reduction)
 * is renamed by every renaming of the group, and each image must be reachable too (a wrong
 * `renameContext` or `renameMessage`, or a class of nodes that are not truly interchangeable,
 * makes images no run reaches); the number of states `--symmetry` stores must then be exactly the
 * number of orbits (least canonical string over the group), in fingerprint and exact mode,
 * breadth- and depth-first.
 */
import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../checkers/exhaustive/search.ts';
import { Symmetrizer } from '../../checkers/exhaustive/symmetry.ts';
import type { JsonObject } from '../../models/kernel/json.ts';
import { canonicalWorld } from '../../models/kernel/fingerprint.ts';
import type { Protocol } from '../../models/kernel/protocol.ts';
import { System } from '../../models/kernel/system.ts';
import type { Move, World } from '../../models/kernel/world.ts';

/** A small configuration to check: a variant and its parameters. */
export interface SymmetryCase {
  /** The variant's name. */
  readonly variant: string;
  /** The parameters (the protocol's own shape). */
  readonly params: JsonObject;
}

/** Every reachable world of a small system, by canonical string (a brute-force search). */
export function reachable(sys: System): Map<string, World> {
  const seen = new Map<string, World>();
  const init = sys.initial();
  seen.set(canonicalWorld(sys, init), init);
  const queue = [init];
  const benign: Move[] = [];
  const faults: Move[] = [];
  for (let head = 0; head < queue.length; head++) {
    const w = queue[head]!;
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

/**
 * The canonical string of the first image of a reachable world (under the declared group) that
 * no run reaches, or null when the reachable set is closed under the group. For tests that show
 * why a class would be wrong (`all`: the reachable worlds, when already computed).
 */
export function strayImage(sys: System, all = reachable(sys)): string | null {
  const symmetrizer = Symmetrizer.of(sys);
  for (const w of all.values()) {
    for (const image of symmetrizer.orbit(w)) {
      const key = canonicalWorld(sys, image);
      if (!all.has(key)) return key;
    }
  }
  return null;
}

/** The figures of one case: reachable worlds, orbits, and the group's size. */
export interface OrbitCount {
  readonly worlds: number;
  readonly orbits: number;
  readonly group: number;
}

/**
 * Checks one case outside vitest's structure (for tests that want the figures): the reachable set
 * is closed under the group, and the symmetrizer's representatives number the brute-force orbits.
 * Returns the counts; throws (an `expect` failure) on the first image that is not reachable.
 */
export function checkOrbits(protocol: Protocol, c: SymmetryCase): OrbitCount {
  const variant = protocol.variants.find((v) => v.name === c.variant)!;
  const sys = new System(protocol, variant, c.params);
  const all = reachable(sys);
  const symmetrizer = Symmetrizer.of(sys);
  const stray = strayImage(sys, all);
  if (stray !== null) expect.fail(`an image is not reachable: ${stray}`);
  const orbits = new Set([...all.values()].map((w) => symmetrizer.canonicalKey(w)));
  // Brute force: the least canonical string over the whole group, one per orbit.
  const least = (w: World) =>
    symmetrizer
      .orbit(w)
      .map((image) => canonicalWorld(sys, image))
      .sort()[0]!;
  expect(new Set([...all.values()].map(least)).size).toBe(orbits.size);
  return { worlds: all.size, orbits: orbits.size, group: symmetrizer.size };
}

/**
 * The symmetry tests of a protocol: for each case, the group is not trivial, the reachable set is
 * closed under it, the orbit count is exact and below the world count (`orbits` pins it when
 * given), and `runExhaustive` with `symmetry: true` stores exactly that many states (fingerprint
 * and exact mode, BFS and DFS) while without it it stores every world.
 */
export function symmetryTests(
  protocol: Protocol,
  cases: readonly (SymmetryCase & { readonly orbits?: number })[],
): void {
  describe.each(cases)(`${protocol.name} symmetry on $variant $params`, (c) => {
    const variant = protocol.variants.find((v) => v.name === c.variant)!;
    const sys = new System(protocol, variant, c.params);

    it('renames nodes into reachable worlds only, and counts the orbits exactly', () => {
      expect(Symmetrizer.of(sys).size).toBeGreaterThan(1);
      const counted = checkOrbits(protocol, c);
      expect(counted.orbits).toBeLessThan(counted.worlds);
      if (c.orbits !== undefined) expect(counted.orbits).toBe(c.orbits);
      const full = runExhaustive(protocol, variant, { params: c.params, liveness: false });
      expect(full.distinct).toBe(counted.worlds);
      for (const options of [{}, { exact: true }, { strategy: 'dfs' as const }]) {
        const reduced = runExhaustive(protocol, variant, {
          params: c.params,
          symmetry: true,
          liveness: false,
          ...options,
        });
        expect(reduced.complete).toBe(true);
        expect(reduced.distinct).toBe(counted.orbits);
      }
    });
  });
}
