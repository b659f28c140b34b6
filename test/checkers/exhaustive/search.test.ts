import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';
import { manifestTests } from '../../helpers/manifest.ts';

const protocol = totalOrderProtocol;
const variant = (name: string) => protocol.variants.find((v) => v.name === name)!;

// The manifest's pins (models/total-order/manifest.ts): counts and shortest counterexamples.
manifestTests(protocol, 'fast');

it('counts the same states in exact mode as with fingerprints (no collision on this model)', () => {
  const r = runExhaustive(protocol, variant('sequencer'), { nodes: 3, exact: true });
  expect([r.distinct, r.transitions, r.collisionProbability]).toEqual([4931, 14414, 0]);
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
      transitions: ['multicast', 'Data', 'Order', 'OrderAck', 'timeout'].map((event) => ({
        state: 'member',
        event,
        fired: true,
      })),
    },
  ]);
});

it('shows a vacuous configuration in coverage: with no multicast nothing fires', () => {
  const params = { members: 2, multicasts: [], drops: 0, duplicates: 0, timeouts: 0 };
  const r = runExhaustive(protocol, variant('lamport'), { params });
  expect(r.distinct).toBe(1);
  expect(r.coverage[0]!.transitions.every((t) => !t.fired)).toBe(true);
  expect(r.witnesses[0]!.depth).toBeNull();
});
