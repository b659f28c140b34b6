import { describe, expect, it } from 'vitest';
import type {
  CheckedProperty,
  History,
  Observation,
  PropertyContext,
} from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import { checkRoutingHidesNoHit, routingHidesNoHit } from '../../properties/query-routing.ts';

const servent = (node: number, shares: string[]): Observation => ({
  node,
  kind: 'servent',
  neighbours: [],
  shares,
});
const query: Observation = {
  node: 0,
  kind: 'query',
  guid: 'g',
  key: 'k',
  ttl: 2,
  search: 'q0',
  to: [1],
};
const route = (skipped?: number[]): Observation => ({
  node: 1,
  kind: 'route',
  guid: 'g',
  type: 'Query',
  from: 0,
  ttl: 2,
  hops: 0,
  sentTtl: 1,
  sentHops: 1,
  to: [2],
  ...(skipped === undefined ? {} : { skipped }),
});
const start = [servent(0, []), servent(1, []), servent(2, ['k']), servent(3, ['other'])];

describe('routing-hides-no-hit', () => {
  it('is a global safety property', () => {
    expect(routingHidesNoHit).toMatchObject({ kind: 'safety', scope: 'global' });
  });

  it('holds when nothing is skipped, or only servents without the key', () => {
    expect(checkRoutingHidesNoHit([...start, query, route()])).toBeNull();
    expect(checkRoutingHidesNoHit([...start, query, route([3])])).toBeNull();
  });

  it('reports a servent sharing the key left out of the last hop', () => {
    expect(checkRoutingHidesNoHit([...start, query, route([3, 2])])).toEqual({
      property: 'routing-hides-no-hit',
      message: 'node 1 left node 2, which shares k, out of the last hop of Query g',
      nodes: [1, 2],
      messages: ['g', 'k'],
    });
  });
});

const CONTEXT: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };

describe('the routing-hides-no-hit monitor', () => {
  it('answers as the check on every prefix of the violating histories', () => {
    const histories: History[] = [
      [...start, query, route([3, 2])],
      [...start, query, route([3])],
    ];
    const cases = histories.map((h): [CheckedProperty, History] => [routingHidesNoHit, h]);
    for (const [p, h] of cases) expectMonitorAgrees(p, h, CONTEXT);
  });
});
