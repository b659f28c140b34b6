import { describe, expect, it } from 'vitest';
import type {
  CheckedProperty,
  History,
  Observation,
  PropertyContext,
} from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import { checkHitFresh, hitFresh } from '../../properties/hit-caching.ts';

const cache = (node: number, maxAge: number): Observation => ({ node, kind: 'cache', maxAge });
const tick = (node: number, epoch: number): Observation => ({ node, kind: 'tick', epoch });
const cached = (node: number, servent: number): Observation => ({
  node,
  kind: 'hit-cached',
  key: 'song',
  servent,
});
const local = (node: number, servent: number): Observation => ({
  node,
  kind: 'cached-hit',
  search: 'q0',
  key: 'song',
  servent,
});
const reply = (node: number, servent: number, key = 'song'): Observation => ({
  node,
  kind: 'reply',
  guid: 'g',
  type: 'QueryHit',
  to: 0,
  ttl: 2,
  key,
  servent,
  cached: true,
});
const unlink = (node: number, peer: number): Observation => ({ node, kind: 'unlink', peer });

describe('hit-fresh', () => {
  it('is a per-servent safety property', () => {
    expect(hitFresh).toMatchObject({ kind: 'safety' });
    expect(hitFresh.scope).toBeUndefined();
  });

  it('holds for answers within the bound, refreshed entries, and plain flooding', () => {
    expect(checkHitFresh([cache(1, 1), cached(1, 2), reply(1, 2), tick(1, 1), local(1, 2)])).toBe(
      null,
    );
    const refreshed = [cache(1, 1), cached(1, 2), tick(1, 1), tick(1, 2), cached(1, 2)];
    expect(checkHitFresh([...refreshed, reply(1, 2)])).toBeNull();
    expect(checkHitFresh([reply(1, 2), local(1, 2)])).toBeNull();
    // A servent that disconnected, then was cached again (its hit came anew), may be named.
    expect(
      checkHitFresh([cache(1, 1), cached(1, 2), unlink(1, 2), cached(1, 2), reply(1, 2)]),
    ).toBe(null);
  });

  it('reports a hit served past its bound', () => {
    const stale = [cache(1, 1), cached(1, 2), tick(1, 1), tick(1, 2), local(1, 2)];
    expect(checkHitFresh(stale)).toEqual({
      property: 'hit-fresh',
      message:
        'node 1 answered from its cache with a hit for song naming servent 2 cached 2 ticks ago (bound 1)',
      nodes: [1],
      messages: ['q0'],
    });
  });

  it('reports a hit naming a servent known to have left, or one never cached for the key', () => {
    expect(checkHitFresh([cache(1, 1), cached(1, 2), unlink(1, 2), reply(1, 2)])).toEqual({
      property: 'hit-fresh',
      message:
        'node 1 answered from its cache with a hit for song naming servent 2, which closed its connection to it since',
      nodes: [1],
      messages: ['g'],
    });
    expect(checkHitFresh([cache(1, 1), cached(1, 2), reply(1, 2, 'talk')])).toMatchObject({
      message:
        'node 1 answered from its cache with a hit for talk naming servent 2 it never cached',
    });
  });
});

const CONTEXT: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };

describe('the hit-fresh monitor', () => {
  it('answers as the check on every prefix of the violating histories', () => {
    const histories: History[] = [
      [cache(1, 1), cached(1, 2), tick(1, 1), tick(1, 2), local(1, 2)],
      [cache(1, 1), cached(1, 2), unlink(1, 2), reply(1, 2)],
      [cache(1, 1), cached(1, 2), reply(1, 2, 'talk')],
      [cache(1, 1), cached(1, 2), unlink(1, 2), cached(1, 2), reply(1, 2)],
    ];
    const cases = histories.map((h): [CheckedProperty, History] => [hitFresh, h]);
    for (const [p, h] of cases) expectMonitorAgrees(p, h, CONTEXT);
  });
});
