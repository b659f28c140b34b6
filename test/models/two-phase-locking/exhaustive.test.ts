import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { replay, traceSystem } from '../../../checkers/replay.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import { twoPhaseLockingProtocol } from '../../../models/two-phase-locking/model.ts';

const protocol = twoPhaseLockingProtocol as unknown as Protocol;
const variant = (name: string) => protocol.variants.find((v) => v.name === name)!;

// The manifest: each deadlock policy on the bounded configuration at 5 nodes (2 clients, 2
// servers, the detector; t0 = rx wy, may roll back; t1 = ry wx; t2 = wx after t0), explored fully.
// A change to the model or the kernel that changes these counts must be deliberate.
const pinned = [
  { name: 'wait-for-graph', distinct: 31821, transitions: 89211, depth: 36, witness: 20 },
  { name: 'wait-die', distinct: 7530, transitions: 14600, depth: 34, witness: 13 },
  { name: 'wound-wait', distinct: 9764, transitions: 18929, depth: 27, witness: 18 },
];

describe.each(pinned)('exhaustive $name at 5 nodes', (pin) => {
  it('explores the pinned number of states and transitions, to the pinned depth', () => {
    const r = runExhaustive(protocol, variant(pin.name), { nodes: 5 });
    expect(r.complete).toBe(true);
    expect(r.trace).toBeNull();
    expect([r.distinct, r.transitions, r.depth]).toEqual([
      pin.distinct,
      pin.transitions,
      pin.depth,
    ]);
    expect(r.witnesses).toEqual([
      expect.objectContaining({ property: 'restart-commits', depth: pin.witness }),
    ]);
  });

  it('counts the same states depth-first', () => {
    const r = runExhaustive(protocol, variant(pin.name), { nodes: 5, strategy: 'dfs' });
    expect([r.complete, r.distinct, r.transitions]).toEqual([true, pin.distinct, pin.transitions]);
  });
});

// Shortest counterexamples, breadth-first, and what each shows.
const shortest = [
  { name: 'non-two-phase', property: 'serializability', length: 10, shows: /^G2: / },
  { name: 'read-without-lock', property: 'serializability', length: 10, shows: /^G2: / },
  { name: 'no-deadlock-handling', property: 'transaction-progress', length: 9, shows: /deadlock/ },
  { name: 'non-strict', property: 'serializability', length: 13, shows: /^G1a / },
  { name: 'exclusive-shared', property: 'lock-compatibility', length: 6, shows: /granted/ },
];

describe.each(shortest)('exhaustive mutant $name', (m) => {
  it('is caught with its shortest counterexample, which replays', () => {
    const r = runExhaustive(protocol, variant(m.name), { nodes: 5 });
    expect(r.complete).toBe(false);
    expect(r.trace?.violation?.property).toBe(m.property);
    expect(r.trace?.violation?.message).toMatch(m.shows);
    expect(r.trace?.actions).toHaveLength(m.length);
    const replayed = replay(r.trace!, traceSystem(r.trace!));
    expect(replayed.divergence).toBeNull();
    expect(replayed.violation?.property).toBe(m.property);
  });
});

it('exercises every transition of every role in the wait-for-graph variant but Die, Retry, Wound, Unlock', () => {
  const r = runExhaustive(protocol, variant('wait-for-graph'), { nodes: 5 });
  const unfired = r.coverage.flatMap((role) =>
    role.transitions.filter((t) => !t.fired).map((t) => `${role.role}.${t.event}`),
  );
  expect(unfired.sort()).toEqual(['client.Die', 'client.Retry', 'client.Wound', 'server.Unlock']);
});
