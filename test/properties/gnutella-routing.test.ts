import { describe, expect, it } from 'vitest';
import type {
  CheckedProperty,
  History,
  Observation,
  PropertyContext,
} from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import {
  checkForwardsOnce,
  checkReversePath,
  checkTtlHops,
  forwardsOnce,
  reversePath,
  ttlHops,
} from '../../properties/gnutella-routing.ts';

const G = 'g0';
const query = (node: number, ttl = 3): Observation => ({
  node,
  kind: 'query',
  guid: G,
  key: 'k',
  ttl,
});
/** Servent `node` took on the Query from `from` (arriving with ttl/hops) and passed it to `to`. */
const route = (
  node: number,
  from: number,
  ttl: number,
  hops: number,
  to: number[],
  sent = [ttl - 1, hops + 1],
) => ({
  node,
  kind: 'route',
  guid: G,
  type: 'Query',
  from,
  ttl,
  hops,
  sentTtl: sent[0]!,
  sentHops: sent[1]!,
  to,
});
const reply = (node: number, to: number, ttl: number) => ({
  node,
  kind: 'reply',
  guid: G,
  type: 'QueryHit',
  to,
  ttl,
});
const relay = (node: number, from: number, ttl: number, hops: number, to: number[]) => ({
  node,
  kind: 'relay',
  guid: G,
  type: 'QueryHit',
  servent: 2,
  from,
  ttl,
  hops,
  sentTtl: ttl - 1,
  sentHops: hops + 1,
  to,
});
const hit = (node: number, from: number) => ({
  node,
  kind: 'hit',
  guid: G,
  key: 'k',
  servent: 2,
  from,
});

/** Query from 0 over 0-1-2, a hit at 2 back over 1 to 0, and a Push back from 0 to 2. */
const good: History = [
  query(0),
  route(1, 0, 3, 0, [2]),
  route(2, 1, 2, 1, []),
  reply(2, 1, 2),
  relay(1, 2, 2, 0, [0]),
  hit(0, 1),
  { node: 0, kind: 'push', guid: 'p0', servent: 2, to: 1, ttl: 2 },
  {
    node: 1,
    kind: 'route',
    guid: 'p0',
    type: 'Push',
    servent: 2,
    from: 0,
    ttl: 2,
    hops: 0,
    sentTtl: 1,
    sentHops: 1,
    to: [2],
  },
];

describe('the gnutella routing properties', () => {
  it('are safety properties', () => {
    for (const p of [ttlHops, forwardsOnce, reversePath]) expect(p.kind).toBe('safety');
    expect([ttlHops, forwardsOnce, reversePath].map((p) => p.name)).toEqual([
      'ttl-hops',
      'forwards-once',
      'reverse-path',
    ]);
  });

  it('hold on the empty history and on a query, its hit and a Push routed correctly', () => {
    for (const check of [checkTtlHops, checkForwardsOnce, checkReversePath]) {
      expect(check([])).toBeNull();
      expect(check(good)).toBeNull();
    }
  });
});

describe('ttl-hops', () => {
  it('reports a descriptor passed on without decrementing TTL', () => {
    expect(checkTtlHops([query(0), route(1, 0, 3, 0, [2], [3, 1])])?.message).toBe(
      'node 1: Query g0 passed on with TTL 3, Hops 1 after arriving with TTL 3, Hops 0',
    );
  });

  it('reports a descriptor whose TTL + Hops changed on the way', () => {
    expect(checkTtlHops([query(0), route(2, 1, 3, 1, [])])).toEqual({
      property: 'ttl-hops',
      message: 'node 2: Query g0 arrived with TTL + Hops = 4, but its originator set 3',
      nodes: [2],
      messages: ['g0'],
    });
  });

  it('accepts either sum where two servents answered for one leaf', () => {
    const answers = [
      reply(1, 0, 2),
      { ...reply(3, 0, 1), servent: 2 },
      { ...reply(1, 0, 2), servent: 2 },
    ];
    expect(checkTtlHops([...answers, relay(1, 3, 1, 0, [0])])).toBeNull();
    expect(checkTtlHops([...answers, relay(1, 3, 3, 0, [0])])?.message).toBe(
      'node 1: QueryHit g0 arrived with TTL + Hops = 3, but its originator set 1 or 2',
    );
  });

  it('reports a reply passed on with a rising TTL', () => {
    const bad = { ...relay(1, 2, 2, 0, [0]), sentTtl: 3 };
    expect(checkTtlHops([reply(2, 1, 2), bad])?.nodes).toEqual([1]);
  });
});

describe('forwards-once', () => {
  it('reports a servent taking on the same GUID twice', () => {
    expect(
      checkForwardsOnce([query(0), route(1, 0, 3, 0, [2]), route(1, 2, 1, 2, [])])?.message,
    ).toBe('node 1 took on Query g0 a second time (from 2)');
  });

  it('reports the originator taking its own Query on', () => {
    expect(checkForwardsOnce([query(0), route(0, 1, 1, 2, [])])?.nodes).toEqual([0]);
  });

  it('lets a servent that crashed and came back take it on afresh', () => {
    const h = [route(1, 0, 3, 0, [2]), { node: 1, kind: 'crash' }, route(1, 2, 1, 2, [])];
    expect(checkForwardsOnce(h)).toBeNull();
  });
});

describe('reverse-path', () => {
  it('reports a QueryHit flooded instead of routed back', () => {
    expect(
      checkReversePath([query(0), route(1, 0, 3, 0, [2, 3]), relay(1, 2, 2, 0, [0, 3])]),
    ).toEqual({
      property: 'reverse-path',
      message: 'node 1 sent QueryHit g0 to 0,3: the Query came on 0',
      nodes: [1],
      messages: ['g0'],
    });
  });

  it('reports a reply by a servent that never saw the request, or to the wrong connection', () => {
    expect(checkReversePath([relay(3, 1, 2, 1, [0])])?.message).toMatch(/never took on Query g0/);
    expect(checkReversePath([route(2, 1, 2, 1, []), reply(2, 3, 2)])?.message).toMatch(
      /the Query came on 1/,
    );
  });

  it('reports the originator passing a reply on', () => {
    expect(checkReversePath([query(0), relay(0, 1, 1, 1, [3])])?.message).toMatch(/originated/);
  });

  it('reports a Push sent where no hit from its servent came', () => {
    const push = { node: 0, kind: 'push', guid: 'p0', servent: 2, to: 3, ttl: 2 };
    expect(checkReversePath([...good.slice(0, 6), push])?.message).toBe(
      'node 0 sent Push p0 to 3: no QueryHit from 2 came on 3',
    );
  });
});

const CONTEXT: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };

describe('the gnutella routing monitors', () => {
  it('answer as the checks on every prefix of the violating histories', () => {
    const answers = [
      reply(1, 0, 2),
      { ...reply(3, 0, 1), servent: 2 },
      { ...reply(1, 0, 2), servent: 2 },
    ];
    const push = { node: 0, kind: 'push', guid: 'p0', servent: 2, to: 3, ttl: 2 };
    const histories: History[] = [
      good,
      [query(0), route(1, 0, 3, 0, [2], [3, 1])],
      [query(0), route(2, 1, 3, 1, [])],
      [...answers, relay(1, 3, 3, 0, [0])],
      [reply(2, 1, 2), { ...relay(1, 2, 2, 0, [0]), sentTtl: 3 }],
      [query(0), route(1, 0, 3, 0, [2]), route(1, 2, 1, 2, [])],
      [query(0), route(0, 1, 1, 2, [])],
      [route(1, 0, 3, 0, [2]), { node: 1, kind: 'crash' }, route(1, 2, 1, 2, [])],
      [query(0), route(1, 0, 3, 0, [2, 3]), relay(1, 2, 2, 0, [0, 3])],
      [relay(3, 1, 2, 1, [0])],
      [route(2, 1, 2, 1, []), reply(2, 3, 2)],
      [query(0), relay(0, 1, 1, 1, [3])],
      [...good.slice(0, 6), push],
    ];
    const cases = histories.flatMap((h) =>
      [ttlHops, forwardsOnce, reversePath].map((p): [CheckedProperty, History] => [p, h]),
    );
    for (const [p, h] of cases) expectMonitorAgrees(p, h, CONTEXT);
  });
});
