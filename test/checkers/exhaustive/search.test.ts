import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { replay, traceSystem } from '../../../checkers/replay.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';

const protocol = totalOrderProtocol as unknown as Protocol;
const variant = (name: string) => protocol.variants.find((v) => v.name === name)!;

// The manifest: each correct algorithm's bounded configuration at 3 members (two multicasts from
// different members, one duplication, one early timeout), explored fully. A change to a model or
// to the kernel's semantics that changes these counts must be deliberate.
const pinned = [
  { name: 'sequencer', distinct: 104285, transitions: 467768, depth: 20, witness: 14 },
  { name: 'lamport', distinct: 7696, transitions: 27062, depth: 16, witness: 8 },
];

describe.each(pinned)('exhaustive $name at 3 members', (pin) => {
  it('explores the pinned number of states and transitions, to the pinned depth', () => {
    const r = runExhaustive(protocol, variant(pin.name), { nodes: 3 });
    expect(r.complete).toBe(true);
    expect(r.trace).toBeNull();
    expect([r.distinct, r.transitions, r.depth]).toEqual([
      pin.distinct,
      pin.transitions,
      pin.depth,
    ]);
    expect(r.witnesses).toEqual([
      expect.objectContaining({ property: 'all-delivered', depth: pin.witness }),
    ]);
    expect(r.collisionProbability).toBeGreaterThan(0);
    expect(r.collisionProbability).toBeLessThan(1e-6);
  });

  it('counts the same distinct states depth-first as breadth-first', () => {
    const r = runExhaustive(protocol, variant(pin.name), { nodes: 3, strategy: 'dfs' });
    expect([r.complete, r.distinct, r.transitions]).toEqual([true, pin.distinct, pin.transitions]);
  });
});

it('counts the same states in exact mode as with fingerprints (no collision on this model)', () => {
  const r = runExhaustive(protocol, variant('lamport'), { nodes: 3, exact: true });
  expect([r.distinct, r.transitions, r.collisionProbability]).toEqual([7696, 27062, 0]);
});

// Shortest counterexample lengths, found breadth-first.
const shortest = [
  { name: 'sequencer-no-seqcheck', property: 'total-order', length: 6 },
  { name: 'sequencer-no-dedup', property: 'integrity', length: 6 },
  { name: 'lamport-no-wait', property: 'total-order', length: 4 },
  { name: 'lamport-no-dedup', property: 'integrity', length: 6 },
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

  it('is caught depth-first too, with a trace no shorter than the shortest', () => {
    const r = runExhaustive(protocol, variant(m.name), { nodes: 3, strategy: 'dfs' });
    expect(r.trace?.violation?.property).toBe(m.property);
    expect(r.trace!.actions.length).toBeGreaterThanOrEqual(m.length);
  });
});

describe('bounds', () => {
  it('stop the search with an incomplete verdict, never a false "holds"', () => {
    const byStates = runExhaustive(protocol, variant('sequencer'), { nodes: 3, maxStates: 500 });
    expect(byStates).toMatchObject({ complete: false, distinct: 500, trace: null });
    expect(byStates.stopped).toMatch(/state bound/);
    const byDepth = runExhaustive(protocol, variant('sequencer'), { nodes: 3, maxDepth: 4 });
    expect(byDepth.complete).toBe(false);
    expect(byDepth.stopped).toMatch(/depth bound/);
    const dfsDepth = runExhaustive(protocol, variant('lamport'), {
      nodes: 3,
      maxDepth: 4,
      strategy: 'dfs',
    });
    expect(dfsDepth.complete).toBe(false);
  });

  it('does not report a witness it did not find when stopped early', () => {
    const r = runExhaustive(protocol, variant('sequencer'), { nodes: 3, maxDepth: 3 });
    expect(r.witnesses[0]?.depth).toBeNull();
  });
});

it('reports coverage of every declared transition of the member machine', () => {
  const r = runExhaustive(protocol, variant('sequencer'), { nodes: 3 });
  expect(r.coverage).toEqual([
    {
      role: 'member',
      states: [{ state: 'member', visited: true }],
      transitions: ['multicast', 'Data', 'Order', 'timeout'].map((event) => ({
        state: 'member',
        event,
        fired: true,
      })),
    },
  ]);
});

it('shows a vacuous configuration in coverage: with no multicast nothing fires', () => {
  const params = { members: 2, multicasts: [], duplicates: 0, timeouts: 0 };
  const r = runExhaustive(protocol, variant('lamport'), { params });
  expect(r.distinct).toBe(1);
  expect(r.coverage[0]!.transitions.every((t) => !t.fired)).toBe(true);
  expect(r.witnesses[0]!.depth).toBeNull();
});
