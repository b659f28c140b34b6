import { describe, expect, it } from 'vitest';
import { runExhaustiveParallel } from '../../../checkers/exhaustive/parallel.ts';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';

const protocol = totalOrderProtocol;
const variant = (name: string) => protocol.variants.find((v) => v.name === name)!;

describe('runExhaustiveParallel', () => {
  it.each(['sequencer', 'lamport'])(
    'agrees with one worker on %s: same distinct states and transitions',
    async (name) => {
      const one = runExhaustive(protocol, variant(name), { nodes: 3 });
      const two = await runExhaustiveParallel(protocol, variant(name), { nodes: 3, workers: 2 });
      expect(two.complete).toBe(true);
      // Workers search depth-first below the shared level, so the depth at which they first meet
      // a state can exceed its breadth-first depth: only the counts must agree.
      expect([two.distinct, two.transitions]).toEqual([one.distinct, one.transitions]);
      expect(two.depth).toBeGreaterThanOrEqual(one.depth);
      expect(two.coverage).toEqual(one.coverage);
    },
  );

  it('stops at --max-states counted across workers (a table that filled up used to hang)', async () => {
    const two = await runExhaustiveParallel(protocol, variant('lamport'), {
      nodes: 3,
      workers: 2,
      maxStates: 20_000,
    });
    expect(two.complete).toBe(false);
    expect(two.stopped).toMatch(/state bound reached \(20000 distinct states\)|store is full/);
    expect(two.distinct).toBeLessThan(32_768);
  });

  it('agrees with one worker under symmetry reduction', async () => {
    const params = { members: 3, multicasts: [0], drops: 1, duplicates: 0, timeouts: 0 };
    const one = runExhaustive(protocol, variant('lamport'), { params, symmetry: true });
    const two = await runExhaustiveParallel(protocol, variant('lamport'), {
      params,
      symmetry: true,
      workers: 2,
    });
    expect(two.distinct).toBe(one.distinct);
  });

  it('reports the same shortest counterexample as one worker', async () => {
    const one = runExhaustive(protocol, variant('sequencer-no-dedup'), { nodes: 3 });
    const two = await runExhaustiveParallel(protocol, variant('sequencer-no-dedup'), {
      nodes: 3,
      workers: 2,
    });
    expect(two.trace?.actions).toEqual(one.trace?.actions);
  });

  it('refuses exact mode, which cannot be shared', async () => {
    await expect(
      runExhaustiveParallel(protocol, variant('lamport'), { workers: 2, exact: true }),
    ).rejects.toThrow(/--exact/);
  });
});
