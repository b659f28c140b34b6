import { describe, expect, it } from 'vitest';
import { BitstateStore } from '../../../checkers/exhaustive/bitstate.ts';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';

const protocol = totalOrderProtocol;
const variant = (name: string) => protocol.variants.find((v) => v.name === name)!;

describe('BitstateStore', () => {
  it('takes a state as new once, counts it, and holds a fixed table', () => {
    const store = new BitstateStore(16);
    expect(store.add(1, 2)).toBe(true);
    expect(store.add(1, 2)).toBe(false);
    expect(store.add(3, 4)).toBe(true);
    expect(store.size).toBe(2);
    expect(store.bytes).toBe(2 ** 16 / 8);
  });

  it('omits states once its table fills, and says how likely that is', () => {
    const store = new BitstateStore(16);
    expect(store.omissionProbability()).toBe(0);
    let fresh = 0;
    for (let i = 0; i < 100_000; i++) if (store.add(Math.imul(i, 0x9e3779b1), i * 7919)) fresh++;
    expect(fresh).toBeLessThan(100_000);
    expect(store.omissionProbability()).toBeGreaterThan(0.5);
  });

  it.each([15, 33, 20.5])('refuses a table of 2^%s bits', (b) => {
    expect(() => new BitstateStore(b)).toThrow(RangeError);
  });
});

describe('bitstate and swarm searches', () => {
  it('find every state with a roomy table, fewer with a cramped one, never more', () => {
    const roomy = runExhaustive(protocol, variant('sequencer'), { nodes: 3, bitstate: 24 });
    expect(roomy.distinct).toBe(4931);
    expect(roomy.collisionProbability).toBeLessThan(1e-6);
    const cramped = runExhaustive(protocol, variant('sequencer'), { nodes: 3, bitstate: 16 });
    expect(cramped.distinct).toBeLessThanOrEqual(4931);
  });

  it('visit the same states in any move order, and their counterexamples replay', () => {
    for (const order of [1, 2, 3]) {
      const r = runExhaustive(protocol, variant('sequencer'), { nodes: 3, order });
      expect([r.distinct, r.transitions, r.complete]).toEqual([4931, 14414, true]);
      const bad = runExhaustive(protocol, variant('sequencer-no-dedup'), { nodes: 3, order });
      expect(bad.trace?.violation?.property).toBe('integrity');
      expect(replay(bad.trace!, traceSystem(bad.trace!)).divergence).toBeNull();
    }
  });

  it('try moves in different orders for different seeds', () => {
    const lengths = [1, 2, 3, 4].map(
      (order) =>
        runExhaustive(protocol, variant('sequencer-no-dedup'), { nodes: 3, order }).trace!.actions
          .length,
    );
    expect(new Set(lengths).size).toBeGreaterThan(1);
  });
});
