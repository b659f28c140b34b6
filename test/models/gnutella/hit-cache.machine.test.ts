import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { gnutellaProtocol, type GnutellaParams } from '../../../models/gnutella/model.ts';
import type { History, SometimesProperty } from '../../../models/kernel/spec.ts';
import { forwardsOnce, reversePath, ttlHops } from '../../../properties/gnutella-routing.ts';
import { hitFresh } from '../../../properties/hit-caching.ts';
import { horizonDiscovery, queryHit } from '../../../properties/horizon-discovery.ts';
import { costRange } from './cost.ts';

/** A star around servent 1; servent 3 shares song; servents 0 and 2 search for it with TTL 2. */
const star: GnutellaParams = {
  servents: 4,
  edges: [
    [0, 1],
    [1, 2],
    [1, 3],
  ],
  shares: [{ node: 3, key: 'song' }],
  firewalled: [],
  searches: [
    { node: 0, key: 'song', ttl: 2 },
    { node: 2, key: 'song', ttl: 2 },
  ],
  cache: { maxAge: 1, repeat: 0 },
};

/**
 * A line 0-1-2, servent 2 sharing song; servent 3, sharing song too, joins off 1 (at any time);
 * servent 0 searches for song with TTL 2, repeated twice, one tick apart; the bound is 1 tick.
 */
const newcomer: GnutellaParams = {
  servents: 3,
  edges: [
    [0, 1],
    [1, 2],
  ],
  shares: [
    { node: 2, key: 'song' },
    { node: 3, key: 'song' },
  ],
  firewalled: [],
  searches: [{ node: 0, key: 'song', ttl: 2 }],
  joins: [{ known: 1, ping: 0 }],
  cache: { maxAge: 1, repeat: 2 },
};

/** Servent 0 found servent 3's copy after a round of its search had been answered without it. */
export function newcomerFound(history: History): boolean {
  const missed = history.findIndex(
    (o) => o.node === 0 && o.kind === 'cached-hit' && o['servent'] !== 3,
  );
  return (
    missed >= 0 &&
    history.slice(missed).some((o) => o.node === 0 && o.kind === 'hit' && o['servent'] === 3)
  );
}

/**
 * The exhaustive search of `variant` on the newcomer configuration, with the witness (and without
 * the properties named in `skip`).
 */
function discover(variant: string, skip: readonly string[] = []) {
  const found: SometimesProperty = {
    name: 'newcomer-found',
    statement: 'a search finds the copy of a servent that joined after a round answered without it',
    kind: 'sometimes',
    reached: newcomerFound,
  };
  const v = gnutellaProtocol.variants.find((x) => x.name === variant)!;
  // The properties this variant must keep (fixed here, so the pinned counts do not move with the
  // other variants' properties).
  const mine = [ttlHops, forwardsOnce, reversePath, hitFresh, horizonDiscovery, queryHit];
  const kept = mine.filter((p) => !skip.includes(p.name));
  const protocol = { ...gnutellaProtocol, properties: [...kept, found] };
  return runExhaustive(protocol, v, { params: newcomer });
}

describe('query-hit caching: what it saves', () => {
  it('answers a Query from a fresh cache instead of passing it on: 4-6 Queries where flooding sends 6', () => {
    expect(costRange('gnutella', star, ['Query'])).toEqual({ min: 6, max: 6 });
    expect(costRange('query-hit-caching', star, ['Query'])).toEqual({ min: 4, max: 6 });
  });
});

describe('query-hit caching: how new servents are discovered', () => {
  it('finds a servent that joined after a cached answer once the cache expires (every property holds)', () => {
    const r = discover('query-hit-caching');
    expect([r.complete, r.trace, r.distinct, r.transitions]).toEqual([true, null, 512, 679]);
    expect(Object.fromEntries(r.witnesses.map((w) => [w.property, w.depth]))).toEqual({
      'query-hit': 5,
      'newcomer-found': 14,
    });
  });

  it('without a staleness bound, never finds it and serves stale hits', () => {
    expect(discover('no-hit-expiry').trace?.violation?.property).toBe('hit-fresh');
    const r = discover('no-hit-expiry', ['hit-fresh']);
    expect([r.complete, r.trace]).toEqual([true, null]);
    expect(r.witnesses.find((w) => w.property === 'newcomer-found')?.depth).toBeNull();
  });
});
