import { describe, expect, it } from 'vitest';
import type { GnutellaParams } from '../../../models/gnutella/model.ts';
import { QRT_SLOTS, slotOf, tableOf } from '../../../models/gnutella/qrt.ts';
import { costRange } from './cost.ts';

/** A star around 1 with 0 searching (TTL 2), `song` at 4, and `i` (same slot as `song`) at 3. */
const star: GnutellaParams = {
  servents: 5,
  edges: [
    [0, 1],
    [1, 2],
    [1, 3],
    [1, 4],
  ],
  shares: [
    { node: 4, key: 'song' },
    { node: 3, key: 'i' },
  ],
  firewalled: [],
  searches: [{ node: 0, key: 'song', ttl: 2 }],
};

describe('query routing tables', () => {
  it('hash keys into slots deterministically', () => {
    expect(slotOf('song')).toBe(4);
    expect(slotOf('talk')).toBe(15);
    expect(slotOf('i')).toBe(slotOf('song'));
    expect(tableOf(['talk', 'song', 'song'])).toEqual([4, 15]);
    for (const k of ['a', 'song', 'talk']) expect(slotOf(k)).toBeLessThan(QRT_SLOTS);
  });

  it('spare the last hop where no table matches; a false positive costs one Query', () => {
    // Flooding: 0→1, then 1→2, 1→3, 1→4. Routing: 1→3 (a false positive: `i`) and 1→4.
    expect(costRange('gnutella', star, ['Query'])).toEqual({ min: 4, max: 4 });
    expect(costRange('query-routing', star, ['Query'])).toEqual({ min: 3, max: 3 });
    const clean = { ...star, shares: [{ node: 4, key: 'song' }] };
    expect(costRange('query-routing', clean, ['Query'])).toEqual({ min: 2, max: 2 });
    expect(costRange('query-routing', clean, ['QueryHit'])).toEqual({ min: 2, max: 2 });
  });
});
