import { describe, expect, it } from 'vitest';
import type { History } from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import {
  checkKeyDiscovery,
  keyDiscovery,
  keyFound,
  reachedJoinerFound,
  reachedKeyFound,
} from '../../properties/key-discovery.ts';

const ctx = { nodes: 3, up: [true, true, true] };
const inserted = { node: 0, kind: 'inserted', id: 'i0', key: 'k1', data: 'a', collision: false };
const request = (htl: number) => ({ node: 2, kind: 'request', id: 'r0', key: 'k1', htl });

describe('key-discovery property', () => {
  it('is a quiescence property reading the order of inserts and requests', () => {
    expect(keyDiscovery).toMatchObject({ name: 'key-discovery', kind: 'quiescence' });
    expect(keyDiscovery.scope).toBe('global');
    expect(keyDiscovery.check).toBe(checkKeyDiscovery);
  });
});

describe('checkKeyDiscovery on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkKeyDiscovery([], ctx)).toBeNull();
  });

  it('holds when a request after the insert finds the key', () => {
    const history: History = [
      inserted,
      request(3),
      { node: 2, kind: 'found', id: 'r0', key: 'k1', data: 'a' },
    ];
    expect(checkKeyDiscovery(history, ctx)).toBeNull();
  });

  it('does not apply to a request before the insert, with small HTL, or after an eviction', () => {
    const miss = { node: 2, kind: 'not-found', id: 'r0', key: 'k1' };
    expect(checkKeyDiscovery([request(3), inserted, miss], ctx)).toBeNull();
    expect(checkKeyDiscovery([inserted, request(2), miss], ctx)).toBeNull();
    const evict = { node: 1, kind: 'evict', key: 'k1' };
    expect(checkKeyDiscovery([inserted, evict, request(3), miss], ctx)).toBeNull();
    expect(checkKeyDiscovery([inserted, { node: 1, kind: 'crash' }, request(3)], ctx)).toBeNull();
    expect(
      checkKeyDiscovery([inserted, request(3), { node: 1, kind: 'timeout', id: 'r0' }], ctx),
    ).toBeNull();
    // A joined node not welcomed yet may be the only one holding the key, or the requester.
    expect(checkKeyDiscovery([{ node: 3, kind: 'join' }, inserted, request(3)], ctx)).toBeNull();
    const forged = { node: 1, kind: 'corrupt', id: 'r0', key: 'k1' };
    expect(checkKeyDiscovery([inserted, request(3), forged, miss], ctx)).toBeNull();
  });
});

describe('checkKeyDiscovery on histories that violate it', () => {
  it('reports a miss after a join its seed has welcomed', () => {
    const join = { node: 3, kind: 'join' };
    const welcome = { node: 1, kind: 'welcome', joiner: 3 };
    const miss = { node: 2, kind: 'not-found', id: 'r0', key: 'k1' };
    const history: History = [join, welcome, inserted, request(3), miss];
    expect(checkKeyDiscovery(history, ctx)?.nodes).toEqual([2]);
  });

  it('reports a request for an inserted key that ended not found', () => {
    const history: History = [inserted, request(3), { node: 2, kind: 'not-found', id: 'r0' }];
    expect(checkKeyDiscovery(history, ctx)).toEqual({
      property: 'key-discovery',
      message: 'request r0 at node 2 did not find key k1, inserted before it',
      nodes: [2],
      messages: ['r0', 'k1'],
    });
  });

  it('reports a request that never ended, and a found at another node', () => {
    expect(checkKeyDiscovery([inserted, request(4)], ctx)?.messages).toEqual(['r0', 'k1']);
    const elsewhere = { node: 1, kind: 'found', id: 'r0', key: 'k1', data: 'a' };
    expect(checkKeyDiscovery([inserted, request(3), elsewhere], ctx)).not.toBeNull();
    const otherForged = { node: 1, kind: 'corrupt', id: 'r1', key: 'k2' };
    expect(checkKeyDiscovery([inserted, request(3), otherForged], ctx)).not.toBeNull();
  });
});

describe('key-found reachability', () => {
  it('is reached by a history with a found', () => {
    expect(keyFound.kind).toBe('sometimes');
    expect(reachedKeyFound([inserted])).toBe(false);
    expect(reachedKeyFound([{ node: 2, kind: 'found', id: 'r0' }])).toBe(true);
  });
});

describe('reachedJoinerFound', () => {
  it('is reached only when a node found data after it joined', () => {
    const found = { node: 3, kind: 'found', id: 'r0', key: 'k1' };
    expect(reachedJoinerFound([found])).toBe(false);
    expect(reachedJoinerFound([found, { node: 3, kind: 'join' }])).toBe(false);
    expect(reachedJoinerFound([{ node: 3, kind: 'join' }, found])).toBe(true);
    expect(reachedJoinerFound([{ node: 2, kind: 'join' }, found])).toBe(false);
  });
});

describe('the keyDiscovery monitor', () => {
  it('answers as the check on every prefix of a violating history', () => {
    const history: History = [
      inserted,
      request(3),
      { node: 1, kind: 'corrupt', key: 'k2' },
      request(2),
    ];
    expectMonitorAgrees(keyDiscovery, history, ctx);
    expectMonitorAgrees(keyFound, [...history, { node: 2, kind: 'found', id: 'r0' }], ctx);
  });
});
