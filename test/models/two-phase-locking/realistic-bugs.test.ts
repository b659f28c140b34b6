import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { runRandom } from '../../../checkers/random.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import type { Protocol, Variant } from '../../../models/kernel/protocol.ts';
import { client } from '../../../models/two-phase-locking/client.machine.ts';
import {
  waitDie,
  waitForGraph,
  woundWait,
} from '../../../models/two-phase-locking/deadlock-policies.ts';
import { twoPhaseLockingProtocol } from '../../../models/two-phase-locking/model.ts';
import { server } from '../../../models/two-phase-locking/server.machine.ts';

// Realistic implementation bugs planted into each correct variant (test-only patches: one named
// rule swapped with `provide`, as a mutant would be), each caught at the default budget by the
// random engine (the protocol's default runs, seed 1, 4 to 7 nodes) and by the exhaustive engine
// on the two-server bounded configuration (6 nodes: t0 = wx wy wx may roll back, t1 = ry rx,
// t2 = rx wx), with the property that catches it. Each trace replays on the patched system.

const protocol = twoPhaseLockingProtocol;
const policies = { 'wait-for-graph': waitForGraph, 'wait-die': waitDie, 'wound-wait': woundWait };

/** A realistic bug: the patched roles of a correct variant, and the property that must catch it. */
interface Bug {
  readonly name: string;
  readonly catches: string;
  readonly shows: RegExp;
  readonly patch: (base: Variant, policy: typeof waitForGraph) => Variant['roles'];
}

const bugs: readonly Bug[] = [
  {
    // A lock manager that treats any lock the requester holds as enough: a read-then-write
    // transaction writes under its shared lock while others share the item.
    name: 'upgrade skipped (a shared lock lets its holder write)',
    catches: 'locked-operations',
    shows: /wrote x for t\d while it held only a shared lock/,
    patch: (base, policy) => ({
      ...base.roles,
      server: { machine: server.provide({ guards: { ...policy, covers: () => true } }) },
    }),
  },
  {
    // An undo log that keeps the latest before-image of an item: a transaction that writes it
    // twice and aborts leaves its own first write behind, which a later reader sees.
    name: 'an abort restores only the last write’s before-image',
    catches: 'serializability',
    shows: /^G1a /,
    patch: (base, policy) => ({
      ...base.roles,
      server: { machine: server.provide({ guards: { ...policy, keepsFirstImage: () => false } }) },
    }),
  },
  {
    // Each server's locking is two-phase, but a transaction lets go of its locks at one server
    // before it locks at the next: not two-phase as a whole.
    name: 'locks released at one server before locking at the next',
    catches: 'serializability',
    shows: /^G/,
    patch: (base) => ({
      ...base.roles,
      client: {
        ...base.roles['client']!,
        machine: client.provide({ guards: { holdsLocksAcrossServers: () => false } }),
      },
    }),
  },
];

const correct = protocol.variants.filter((v) => v.breaks === undefined);

describe.each(bugs)('realistic bug: $name', (bug) => {
  describe.each(correct)('planted in $name', (base) => {
    const variant: Variant = {
      name: `${base.name}+bug`,
      description: bug.name,
      roles: bug.patch(base, policies[base.name as keyof typeof policies]),
    };
    const patched: Protocol = { ...protocol, variants: [variant] };

    it(`is caught by ${bug.catches} with the random engine's default budget`, () => {
      const r = runRandom(patched, variant, { runs: protocol.defaultRuns, seed: 1 });
      expect(r.ok).toBe(false);
      expect(r.trace?.violation?.property).toBe(bug.catches);
      const replayed = replay(r.trace!, traceSystem(r.trace!, undefined, patched));
      expect(replayed.divergence).toBeNull();
      expect(replayed.violation?.property).toBe(bug.catches);
    });

    it(`is caught by ${bug.catches} exhaustively on the two-server configuration`, () => {
      const r = runExhaustive(patched, variant, { nodes: 6 });
      expect(r.complete).toBe(false);
      const trace = r.trace!;
      expect(trace.violation?.property).toBe(bug.catches);
      expect(trace.violation?.message).toMatch(bug.shows);
      const replayed = replay(trace, traceSystem(trace, undefined, patched));
      expect(replayed.divergence).toBeNull();
      expect(replayed.violation?.property).toBe(bug.catches);
    });
  });
});
