import { describe, expect, it } from 'vitest';
import { gnutellaProtocol, type GnutellaParams } from '../../../models/gnutella/model.ts';
import { costRange } from './cost.ts';

/** A line 0-1-2-3-4 with the chord 1-3; copies at 1 (next door) and 4; a search with TTL 4. */
const near: GnutellaParams = {
  servents: 5,
  edges: [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [1, 3],
  ],
  shares: [
    { node: 1, key: 'song' },
    { node: 4, key: 'song' },
  ],
  firewalled: [],
  searches: [{ node: 0, key: 'song', ttl: 4 }],
};

describe('the expanding ring: what it saves and what it costs', () => {
  it('with a copy next door, sends 2 descriptors where flooding with TTL 4 sends 10 or 11', () => {
    expect(costRange('gnutella', near, ['Query', 'QueryHit'])).toEqual({ min: 10, max: 11 });
    expect(costRange('expanding-ring', near, ['Query', 'QueryHit'])).toEqual({ min: 2, max: 2 });
  });

  it('with the nearest copy at the horizon, costs a little more than one flood (rounds repeat)', () => {
    const edge = gnutellaProtocol.definition.bounded(4);
    expect(costRange('gnutella', edge, ['Query', 'QueryHit'])).toEqual({ min: 7, max: 9 });
    expect(costRange('expanding-ring', edge, ['Query', 'QueryHit'])).toEqual({ min: 8, max: 10 });
  });
});
