import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import { checkPartsConsolidated, partsConsolidated } from '../../properties/parts-consolidated.ts';

const part = (req: string, p: number, of = 2, node = 1): Observation => ({
  node,
  kind: 'consolidate',
  req,
  part: p,
  of,
});

describe('parts-consolidated', () => {
  it('is a safety property', () => {
    expect(partsConsolidated).toMatchObject({ name: 'parts-consolidated', kind: 'safety' });
  });

  it('holds when each part is consolidated once, in any order', () => {
    expect(checkPartsConsolidated([part('r0', 1), part('r1', 0), part('r0', 0)])).toBeNull();
    expect(checkPartsConsolidated([])).toBeNull();
  });

  it('is violated by a part consolidated twice (a late answer kept)', () => {
    const v = checkPartsConsolidated([part('r0', 0), part('r0', 1), part('r0', 0)]);
    expect(v).toMatchObject({ property: 'parts-consolidated', nodes: [1], messages: ['r0'] });
    expect(v?.message).toBe('node 1 consolidated part 0 of r0 a second time');
  });

  it('is violated by a part the request does not have', () => {
    expect(checkPartsConsolidated([part('r0', 2, 2)])?.message).toContain('does not have');
  });

  it('skips other observations', () => {
    const other: Observation = { node: 1, kind: 'answer', req: 'r0', part: 0 };
    expect(checkPartsConsolidated([other, other])).toBeNull();
  });
});
