import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { replay, traceSystem } from '../../../checkers/replay.ts';
import { protocol, variant } from './helpers.ts';

// The manifest: the correct variant's bounded configuration at 3 servers (one client, two
// increments, one crash, two early timers), explored fully. A change to the model or to the
// kernel's semantics that changes these counts must be deliberate.
const pinned = { distinct: 475226, transitions: 1729184, depth: 33, witness: 12 };

describe('exhaustive master-slaves at 3 servers', () => {
  it('explores the pinned number of states and transitions, to the pinned depth', () => {
    const r = runExhaustive(protocol, variant('master-slaves'), { nodes: 3 });
    expect(r.complete).toBe(true);
    expect(r.trace).toBeNull();
    expect([r.distinct, r.transitions, r.depth]).toEqual([
      pinned.distinct,
      pinned.transitions,
      pinned.depth,
    ]);
    expect(r.witnesses).toEqual([
      expect.objectContaining({ property: 'fail-over', depth: pinned.witness }),
    ]);
    expect(r.collisionProbability).toBeLessThan(1e-6);
    // Every declared transition of both roles fires somewhere.
    expect(r.coverage.map((c) => [c.role, c.transitions.filter((t) => !t.fired).length])).toEqual([
      ['server', 0],
      ['client', 0],
    ]);
  });

  it('counts the same distinct states depth-first', () => {
    const r = runExhaustive(protocol, variant('master-slaves'), { nodes: 3, strategy: 'dfs' });
    expect([r.complete, r.distinct, r.transitions]).toEqual([
      true,
      pinned.distinct,
      pinned.transitions,
    ]);
  });
});

// Shortest counterexamples, found breadth-first.
const shortest = [
  // A wrong suspicion suffices: the view change excludes the master before its update arrives.
  { name: 'reply-before-ack', property: 'no-missed-action', length: 8 },
  { name: 'no-duplicate-table', property: 'no-duplicate-action', length: 14 },
];

describe.each(shortest)('exhaustive mutant $name', (m) => {
  it('is caught with its shortest counterexample, which replays', () => {
    const r = runExhaustive(protocol, variant(m.name), { nodes: 3 });
    expect(r.complete).toBe(false);
    expect(r.trace?.violation?.property).toBe(m.property);
    expect(r.trace?.actions).toHaveLength(m.length);
    const replayed = replay(r.trace!, traceSystem(r.trace!));
    expect(replayed.divergence).toBeNull();
    expect(replayed.violation?.property).toBe(m.property);
  });

  it('is caught depth-first too, with a trace no shorter', () => {
    const r = runExhaustive(protocol, variant(m.name), { nodes: 3, strategy: 'dfs' });
    expect(r.trace?.violation?.property).toBe(m.property);
    expect(r.trace!.actions.length).toBeGreaterThanOrEqual(m.length);
  });
});
