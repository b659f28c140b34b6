import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paramsSchema } from '../../../models/freenet/params.ts';
import { bounded, scenarios } from '../../../models/freenet/scenarios.ts';

describe('freenet scenarios', () => {
  it('has a valid bounded configuration at every size', () => {
    for (const n of [2, 3, 4, 5, 6]) expect(paramsSchema.safeParse(bounded(n)).success).toBe(true);
  });

  it('generates valid parameters, some with a joining node, a forger or a fault budget', () => {
    const all = fc.sample(scenarios({ minNodes: 2, maxNodes: 6 }), { seed: 3, numRuns: 300 });
    for (const p of all) expect(paramsSchema.safeParse(p).success).toBe(true);
    expect(all.filter((p) => p.joins !== undefined).length).toBeGreaterThan(20);
    expect(all.filter((p) => p.faults !== undefined).length).toBeGreaterThan(50);
    expect(all.filter((p) => p.inserts.some((i) => i.signer !== undefined)).length).toBeGreaterThan(
      20,
    );
  });
});
