import { describe, expect, it } from 'vitest';
import { protocols } from '../../../models/index.ts';
import { boundedParams, type Protocol } from '../../../models/kernel/protocol.ts';
import { observationHash } from '../../../models/kernel/local-table.ts';
import type { Observation } from '../../../models/kernel/spec.ts';
import { System } from '../../../models/kernel/system.ts';
import type { Move, World } from '../../../models/kernel/world.ts';

/** Up to `limit` worlds of a system, breadth-first from its initial world (faults included). */
function someWorlds(sys: System, limit: number): World[] {
  const out = [sys.initial()];
  const benign: Move[] = [];
  const faults: Move[] = [];
  for (let head = 0; head < out.length && out.length < limit; head++) {
    sys.enabled(out[head]!, benign, faults);
    for (const m of [...benign, ...faults]) out.push(sys.apply(out[head]!, m));
  }
  return out;
}

describe('System.historyDigests', () => {
  it.each(protocols.map((p) => [p.name, p] as const))(
    '%s: recomputed from the history, the digests and global order are the world’s own',
    (_, protocol: Protocol) => {
      const variant = protocol.variants[0]!;
      const sys = new System(
        protocol,
        variant,
        boundedParams(protocol, variant, protocol.nodes.default),
      );
      const identity = Array.from({ length: sys.n }, (_, i) => i);
      const bad = someWorlds(sys, 3000).filter((w) => {
        const again = sys.historyDigests(w.history, identity);
        return again.order !== w.order || again.digests.some((d, i) => d !== (w.digests[i]! | 0));
      });
      expect(bad.length).toBe(0);
    },
  );

  it('moves each node’s digest to its new index, and renames observations when told how', () => {
    const protocol = protocols.find((p) => p.name === 'total-order')!;
    const variant = protocol.variants[0]!;
    const sys = new System(protocol, variant, boundedParams(protocol, variant, 3));
    const worlds = someWorlds(sys, 2000);
    const w = worlds.find((x) => x.digests.filter((d) => d !== 0).length >= 2)!;
    expect(w).toBeDefined();
    const swap = [1, 0, 2];
    const moved = sys.historyDigests(w.history, swap);
    expect(moved.digests).toEqual([w.digests[1], w.digests[0], w.digests[2]]);
    // A renaming of fields changes the digest of every node whose observations it rewrites.
    const tagged = (o: Observation) => observationHash({ ...o, tag: 1 });
    const renamed = sys.historyDigests(w.history, [0, 1, 2], tagged);
    expect(renamed.digests.filter((d, i) => d !== w.digests[i]).length).toBeGreaterThanOrEqual(2);
  });

  it('continues from an earlier cell of the same list as from the start', () => {
    const protocol = protocols.find((p) => p.name === 'publish-subscribe')!;
    const variant = protocol.variants[0]!;
    const sys = new System(protocol, variant, boundedParams(protocol, variant, 2));
    const perm = Array.from({ length: sys.n }, (_, i) => sys.n - 1 - i);
    const bad = someWorlds(sys, 3000).filter((w) => {
      if (w.history === null || w.history.rest === null) return false;
      const earlier = sys.historyDigests(w.history.rest.rest, perm);
      const whole = sys.historyDigests(w.history, perm);
      const resumed = sys.historyDigests(w.history, perm, undefined, earlier);
      return (
        resumed.order !== whole.order || resumed.digests.some((d, i) => d !== whole.digests[i])
      );
    });
    expect(bad.length).toBe(0);
  });
});
