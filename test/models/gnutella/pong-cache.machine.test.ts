import { describe, expect, it } from 'vitest';
import { gnutellaProtocol, type GnutellaParams } from '../../../models/gnutella/model.ts';
import { costRange } from './cost.ts';

/** A star around servent 1; servents 0 and 2 ping with TTL 2 (2's Ping may meet 1's cache). */
const star: GnutellaParams = {
  servents: 4,
  edges: [
    [0, 1],
    [1, 2],
    [1, 3],
  ],
  shares: [],
  firewalled: [],
  searches: [],
  pings: [
    { node: 0, ttl: 2 },
    { node: 2, ttl: 2 },
  ],
  cache: { maxAge: 1, repeat: 0 },
};

/** The square of the bounded configuration, servent 2 pinging with TTL 1, no search. */
const square = (pings: number, repeat: number): GnutellaParams => ({
  ...gnutellaProtocol.definition.bounded(4),
  searches: [],
  pings: Array.from({ length: pings }, () => ({ node: 2, ttl: 1 })),
  cache: { maxAge: 1, repeat },
});

describe('pong caching: what it saves', () => {
  it('answers a Ping from a fresh cache instead of passing it on: 4-6 Pings where flooding sends 6', () => {
    expect(costRange('gnutella', star, ['Ping'])).toEqual({ min: 6, max: 6 });
    expect(costRange('pong-caching', star, ['Ping'])).toEqual({ min: 4, max: 6 });
    expect(costRange('gnutella', star, ['Pong'])).toEqual({ min: 10, max: 10 });
    expect(costRange('pong-caching', star, ['Pong'])).toEqual({ min: 7, max: 10 });
  });

  it('answers a repeated host discovery from its own cache until it expires: 4 Pings for 3 discoveries, against 6', () => {
    expect(costRange('gnutella', square(3, 0), ['Ping'])).toEqual({ min: 6, max: 6 });
    expect(costRange('pong-caching', square(1, 2), ['Ping'])).toEqual({ min: 4, max: 4 });
  });
});

describe('the cache parameter', () => {
  it('refuses bounds and repeats out of range', () => {
    const base = gnutellaProtocol.definition.bounded(4);
    const ok = (cache: unknown) =>
      gnutellaProtocol.paramsSchema.safeParse({ ...base, cache }).success;
    expect(ok({ maxAge: 1, repeat: 2 })).toBe(true);
    expect(ok({ maxAge: 3, repeat: 3 })).toBe(true);
    expect(ok({ maxAge: 0, repeat: 2 })).toBe(false);
    expect(ok({ maxAge: 4, repeat: 2 })).toBe(false);
    expect(ok({ maxAge: 1, repeat: 4 })).toBe(false);
  });
});
