import { describe, expect, it } from 'vitest';
import type {
  CheckedProperty,
  History,
  Observation,
  PropertyContext,
} from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import { checkLeafShielded, leafShielded } from '../../properties/ultrapeer.ts';
import { descriptorsSent, descriptorsTo } from '../../properties/gnutella-cost.ts';

const route = (node: number): Observation => ({
  node,
  kind: 'route',
  guid: 'g',
  type: 'Query',
  from: 1,
  ttl: 2,
  hops: 0,
  sentTtl: 1,
  sentHops: 1,
  to: [],
});
const leaf: Observation = { node: 2, kind: 'leaf' };

describe('leaf-shielded', () => {
  it('is a safety property', () => {
    expect(leafShielded.kind).toBe('safety');
  });

  it('holds when only ultrapeers take on others’ requests, and after a leaf is gone', () => {
    expect(checkLeafShielded([leaf, route(1), { node: 2, kind: 'hit', guid: 'h' }])).toBeNull();
    expect(checkLeafShielded([route(2)])).toBeNull();
    expect(checkLeafShielded([leaf, { node: 2, kind: 'crash' }, route(2)])).toBeNull();
  });

  it('reports a leaf taking on or answering another servent’s request', () => {
    expect(checkLeafShielded([leaf, route(2)])).toEqual({
      property: 'leaf-shielded',
      message: "leaf 2 got Query g, another servent's traffic",
      nodes: [2],
      messages: ['g'],
    });
    const reply = { node: 2, kind: 'reply', guid: 'p', type: 'Pong', to: 1, ttl: 1 };
    expect(checkLeafShielded([leaf, reply])?.message).toBe(
      "leaf 2 got Pong p, another servent's traffic",
    );
  });
});

describe('descriptor counts', () => {
  it('count what each observation sent, by type and to a servent', () => {
    const h: Observation[] = [
      { node: 0, kind: 'query', guid: 'g', key: 'k', ttl: 2, search: 'q0', to: [1, 2] },
      { ...route(1), to: [2, 3] },
      { node: 2, kind: 'reply', guid: 'g', type: 'QueryHit', to: 1, ttl: 2 },
      { node: 0, kind: 'push', guid: 'p', servent: 2, to: 1, ttl: 2 },
    ];
    expect(descriptorsSent(h)).toEqual({ byType: { Query: 4, QueryHit: 1, Push: 1 }, total: 6 });
    expect(descriptorsTo(h, 2)).toBe(2);
    expect(descriptorsTo(h, 1)).toBe(3);
  });
});

const CONTEXT: PropertyContext = { nodes: 5, up: [true, true, true, true, true] };

describe('the leaf-shielded monitor', () => {
  it('answers as the check on every prefix of the violating histories', () => {
    const reply = { node: 2, kind: 'reply', guid: 'p', type: 'Pong', to: 1, ttl: 1 };
    const histories: History[] = [
      [leaf, route(2)],
      [leaf, reply],
      [leaf, { node: 2, kind: 'crash' }, route(2)],
    ];
    const cases = histories.map((h): [CheckedProperty, History] => [leafShielded, h]);
    for (const [p, h] of cases) expectMonitorAgrees(p, h, CONTEXT);
  });
});
