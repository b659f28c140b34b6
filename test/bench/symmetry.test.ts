import { describe, expect, it } from 'vitest';
import {
  LARGER,
  symmetryConfigs,
  symmetryCost,
  symmetryTable,
  type SymmetryCost,
} from '../../bench/symmetry.ts';
import { findProtocol, protocols } from '../../models/index.ts';

describe('the symmetry benchmark', () => {
  it('measures every fast-tier bounded configuration, then the larger ones listed', () => {
    const vs = findProtocol('virtual-synchrony')!;
    expect(symmetryConfigs(vs).map((c) => c.label)).toEqual([
      'bounded, 3 nodes',
      ...LARGER['virtual-synchrony']!.map((c) => c.label),
    ]);
    // Every larger configuration is one its protocol accepts, and it declares a symmetry.
    for (const [name, configs] of Object.entries(LARGER)) {
      const protocol = protocols.find((p) => p.name === name)!;
      expect(protocol.symmetry).toBeDefined();
      for (const c of configs) expect(protocol.paramsSchema.safeParse(c.params).success).toBe(true);
    }
  });

  it('lists a configuration whose group is trivial without searching it', () => {
    const vs = findProtocol('virtual-synchrony')!;
    const row = symmetryCost(vs, vs.variants[0]!, symmetryConfigs(vs)[0]!, 1);
    expect(row).toMatchObject({ group: 1, distinct: null, ms: null });
  });

  it('measures a small configuration both ways, and prints reduction, speed-up and cost', () => {
    const vs = findProtocol('virtual-synchrony')!;
    const params = {
      members: 4,
      joiners: 0,
      multicasts: [1, 1],
      crashes: 0,
      suspicions: 0,
      joins: 0,
      leaves: 0,
      partitions: 0,
    };
    const row = symmetryCost(vs, vs.variants[0]!, { label: 'four', nodes: 4, params }, 1);
    expect(row).toMatchObject({ group: 2, distinct: 135, reducedDistinct: 95 });
    const made: SymmetryCost = { ...row, ms: 200, reducedMs: 100 };
    expect(symmetryTable([made]).split('\n')[1]).toBe(
      'virtual-synchrony/flush  four  2  135  95  1.42x  200  100  2.00x  0.71x',
    );
  });
});
