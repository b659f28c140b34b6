import { describe, expect, it } from 'vitest';
import type {
  CheckedProperty,
  History,
  Observation,
  PropertyContext,
} from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import { checkPongFresh, pongFresh } from '../../properties/pong-caching.ts';

const cache = (node: number, maxAge: number): Observation => ({ node, kind: 'cache', maxAge });
const tick = (node: number, epoch: number): Observation => ({ node, kind: 'tick', epoch });
const cached = (node: number, host: number): Observation => ({ node, kind: 'pong-cached', host });
const local = (node: number, host: number): Observation => ({ node, kind: 'cached-pong', host });
const reply = (node: number, host: number): Observation => ({
  node,
  kind: 'reply',
  guid: 'g',
  type: 'Pong',
  to: 0,
  ttl: 2,
  servent: host,
  cached: true,
});

describe('pong-fresh', () => {
  it('is a per-servent safety property', () => {
    expect(pongFresh).toMatchObject({ kind: 'safety' });
    expect(pongFresh.scope).toBeUndefined();
  });

  it('holds for answers within the bound, a refreshed entry, and plain flooding', () => {
    expect(checkPongFresh([cache(1, 1), cached(1, 2), reply(1, 2), tick(1, 1), local(1, 2)])).toBe(
      null,
    );
    const refreshed = [cache(1, 1), cached(1, 2), tick(1, 1), tick(1, 2), cached(1, 2)];
    expect(checkPongFresh([...refreshed, reply(1, 2)])).toBeNull();
    // No `cache` observation: not a caching servent.
    expect(checkPongFresh([reply(1, 2), local(1, 2)])).toBeNull();
    // A rejoined servent starts with an empty cache and clock.
    const rejoined = [cache(1, 1), cached(1, 2), tick(1, 1), { node: 1, kind: 'leave' }];
    expect(checkPongFresh([...rejoined, cache(1, 1), cached(1, 2), local(1, 2)])).toBeNull();
  });

  it('reports a Pong served past its bound', () => {
    const stale = [cache(1, 1), cached(1, 2), tick(1, 1), tick(1, 2), reply(1, 2)];
    expect(checkPongFresh(stale)).toEqual({
      property: 'pong-fresh',
      message: 'node 1 answered from its cache with a Pong of host 2 cached 2 ticks ago (bound 1)',
      nodes: [1],
      messages: ['g'],
    });
    expect(
      checkPongFresh([cache(0, 1), cached(0, 3), tick(0, 1), tick(0, 2), local(0, 3)]),
    ).toMatchObject({
      message: 'node 0 answered from its cache with a Pong of host 3 cached 2 ticks ago (bound 1)',
    });
  });

  it('reports a Pong served that was never cached, or cached before the servent left', () => {
    expect(checkPongFresh([cache(1, 2), local(1, 4)])).toMatchObject({
      message: 'node 1 answered from its cache with a Pong of host 4 it never cached',
    });
    const before = [cache(1, 2), cached(1, 4), { node: 1, kind: 'crash' }, cache(1, 2)];
    expect(checkPongFresh([...before, reply(1, 4)])).toMatchObject({ nodes: [1] });
  });
});

const CONTEXT: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };

describe('the pong-fresh monitor', () => {
  it('answers as the check on every prefix of the violating histories', () => {
    const histories: History[] = [
      [cache(1, 1), cached(1, 2), tick(1, 1), tick(1, 2), reply(1, 2)],
      [cache(0, 1), cached(0, 3), tick(0, 1), tick(0, 2), local(0, 3)],
      [cache(1, 2), local(1, 4)],
      [cache(1, 2), cached(1, 4), { node: 1, kind: 'crash' }, cache(1, 2), reply(1, 4)],
    ];
    const cases = histories.map((h): [CheckedProperty, History] => [pongFresh, h]);
    for (const [p, h] of cases) expectMonitorAgrees(p, h, CONTEXT);
  });
});
