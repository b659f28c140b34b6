import { describe, expect, it } from 'vitest';
import { runRandom } from '../../checkers/random.ts';
import { traceText } from '../../checkers/trace.ts';
import { totalOrderProtocol } from '../../models/total-order/model.ts';

const protocol = totalOrderProtocol;
const variant = (name: string) => protocol.variants.find((v) => v.name === name)!;

describe('runRandom', () => {
  it('is deterministic: the same seed gives the same trace, byte for byte', () => {
    const a = runRandom(protocol, variant('lamport-no-wait'), { runs: 500, seed: 42 });
    const b = runRandom(protocol, variant('lamport-no-wait'), { runs: 500, seed: 42 });
    expect(a.trace).not.toBeNull();
    expect(traceText(a.trace!)).toBe(traceText(b.trace!));
    expect(a.steps).toBe(b.steps);
  });

  it('counts every scenario and world step of a passing exploration', () => {
    const result = runRandom(protocol, variant('sequencer'), { runs: 50, seed: 3, nodes: 3 });
    expect(result.ok).toBe(true);
    expect(result.runs).toBe(50);
    expect(result.steps).toBeGreaterThan(50);
    expect(result.memo.hits + result.memo.misses).toBeGreaterThan(result.steps);
  });

  it('keeps the node count fixed when asked', () => {
    const result = runRandom(protocol, variant('sequencer-no-seqcheck'), {
      runs: 1000,
      seed: 5,
      nodes: 4,
    });
    expect(result.trace?.config['members']).toBe(4);
    expect(result.trace?.nodes).toHaveLength(4);
  });

  it("shrinks while keeping the first failure's property", () => {
    const result = runRandom(protocol, variant('sequencer-no-dedup'), { runs: 1000, seed: 9 });
    expect(result.trace?.violation?.property).toBe('integrity');
  });

  it('reports progress while exploring', () => {
    const seen: number[] = [];
    runRandom(protocol, variant('sequencer'), {
      runs: 120,
      seed: 1,
      onProgress: (runs) => seen.push(runs),
    });
    expect(seen).toEqual([50, 100]);
  });
});
