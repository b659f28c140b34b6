import { describe, expect, it } from 'vitest';
import type { History, Observation, PropertyContext } from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import {
  checkHorizonDiscovery,
  horizonDiscovery,
  longestSimplePath,
  queryHit,
  reachable,
  reachedQueryHit,
} from '../../properties/horizon-discovery.ts';

const servent = (node: number, neighbours: number[], shares: string[] = []): Observation => ({
  node,
  kind: 'servent',
  neighbours,
  shares,
});
const query = (node: number, ttl: number): Observation => ({
  node,
  kind: 'query',
  guid: 'g',
  key: 'k',
  ttl,
  search: 'q0',
});
const hit = (node: number, servent: number): Observation => ({
  node,
  kind: 'hit',
  guid: 'g',
  key: 'k',
  servent,
  from: 1,
});

/** A square 0-1-2-3-0: two simple paths of length 2 from 0 to 2. */
const square = [
  servent(0, [1, 3]),
  servent(1, [0, 2]),
  servent(2, [1, 3], ['k']),
  servent(3, [0, 2]),
];
/** A line 0-1-2-3 with the chord 0-2: 0 to 3 is 2 hops, but 0-1-2-3 is 3. */
const chord = [
  servent(0, [1, 2]),
  servent(1, [0, 2]),
  servent(2, [0, 1, 3]),
  servent(3, [2], ['k']),
];

describe('graph helpers', () => {
  it('find reachability and the longest simple path', () => {
    const g = new Map([
      [0, new Set([1, 2])],
      [1, new Set([0, 2])],
      [2, new Set([0, 1, 3])],
      [3, new Set([2])],
    ]);
    expect(longestSimplePath(g, 0, 3)).toBe(3);
    expect(longestSimplePath(g, 3, 3)).toBe(0);
    expect(reachable(g, 0, 3)).toBe(true);
    expect(reachable(g, 0, 4)).toBe(false);
  });
});

describe('horizon-discovery', () => {
  it('is a global quiescence property, with a sometimes witness query-hit', () => {
    expect(horizonDiscovery).toMatchObject({ kind: 'quiescence', scope: 'global' });
    expect(queryHit.kind).toBe('sometimes');
    expect(reachedQueryHit([hit(0, 2)])).toBe(true);
    expect(reachedQueryHit(square)).toBe(false);
  });

  it('holds when every copy within the horizon was found', () => {
    expect(checkHorizonDiscovery([...square, query(0, 2), hit(0, 2)])).toBeNull();
  });

  it('holds when a copy is missed beyond the TTL, or only maybe within it', () => {
    expect(checkHorizonDiscovery([...square, query(0, 1)])).toBeNull();
    // 3 is 2 hops away, but the Query may reach 2 first via 1 with TTL spent: no guarantee.
    expect(checkHorizonDiscovery([...chord, query(0, 2)])).toBeNull();
  });

  it('holds vacuously with churn', () => {
    expect(checkHorizonDiscovery([...square, query(0, 2), { node: 1, kind: 'crash' }])).toBeNull();
    expect(
      checkHorizonDiscovery([...square, query(0, 2), { node: 3, kind: 'unlink', peer: 0 }]),
    ).toBeNull();
  });

  it('waives a query a servent answered from its query-hit cache', () => {
    const cut: Observation = {
      node: 1,
      kind: 'route',
      guid: 'g',
      type: 'Query',
      to: [],
      cached: true,
    };
    expect(checkHorizonDiscovery([...square, query(0, 2), cut])).toBeNull();
    const other: Observation = { ...cut, guid: 'h' };
    expect(checkHorizonDiscovery([...square, query(0, 2), other])?.nodes).toEqual([0, 2]);
  });

  it('reports a copy within the horizon that was not found', () => {
    expect(checkHorizonDiscovery([...chord, query(0, 3)])).toEqual({
      property: 'horizon-discovery',
      message:
        'query g for k at node 0 (TTL 3) did not find the copy at node 3, within its horizon',
      nodes: [0, 3],
      messages: ['g', 'k'],
    });
    expect(checkHorizonDiscovery([...square, query(0, 2)])?.nodes).toEqual([0, 2]);
  });

  it('counts a joined servent once both ends opened the link before the query', () => {
    const joined = [...square, servent(4, [], ['k']), { node: 0, kind: 'link', peer: 4 }];
    // Half open at the query: no guarantee. Open: 1-2-3-0-4 is 4 long, so TTL 4 makes it due.
    expect(
      checkHorizonDiscovery([
        ...joined,
        query(1, 3),
        hit(1, 2),
        { node: 4, kind: 'link', peer: 0 },
      ]),
    ).toBeNull();
    expect(
      checkHorizonDiscovery([...joined, { node: 4, kind: 'link', peer: 0 }, query(1, 4), hit(1, 2)])
        ?.message,
    ).toMatch(/copy at node 4/);
  });
});

const CONTEXT: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };

describe('the horizon-discovery monitors', () => {
  it('answer as the check (and reached) on every prefix of the violating histories', () => {
    const cut: Observation = {
      node: 1,
      kind: 'route',
      guid: 'h',
      type: 'Query',
      to: [],
      cached: true,
    };
    const joined = [...square, servent(4, [], ['k']), { node: 0, kind: 'link', peer: 4 }];
    const histories: History[] = [
      [...chord, query(0, 3)],
      [...square, query(0, 2)],
      [...square, query(0, 2), cut],
      [...square, query(0, 2), hit(0, 2), { node: 1, kind: 'crash' }],
      [...joined, query(1, 3), hit(1, 2), { node: 4, kind: 'link', peer: 0 }],
      [...joined, { node: 4, kind: 'link', peer: 0 }, query(1, 4), hit(1, 2)],
    ];
    for (const h of histories) {
      expectMonitorAgrees(horizonDiscovery, h, CONTEXT);
      expectMonitorAgrees(queryHit, h, CONTEXT);
    }
  });
});
