import { describe, expect, it } from 'vitest';
import type { History } from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import {
  checkReversePathCaching,
  reversePathCaching,
} from '../../properties/reverse-path-caching.ts';

const relay = (node: number) => ({ node, kind: 'relay', id: 'r0', key: 'k1' });
const store = (node: number) => ({ node, kind: 'store', key: 'k1', data: 'a' });

describe('reverse-path-caching property', () => {
  it('is a safety property named reverse-path-caching', () => {
    expect(reversePathCaching).toMatchObject({ name: 'reverse-path-caching', kind: 'safety' });
  });
});

describe('checkReversePathCaching on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkReversePathCaching([])).toBeNull();
  });

  it('holds when every relaying node cached the key first', () => {
    const history: History = [store(3), store(2), relay(2), store(1), relay(1), store(0)];
    expect(checkReversePathCaching(history)).toBeNull();
  });
});

describe('checkReversePathCaching on histories that violate it', () => {
  it('reports a node relaying data it did not cache', () => {
    expect(checkReversePathCaching([store(3), relay(2)])).toEqual({
      property: 'reverse-path-caching',
      message: 'node 2 relayed key k1 for r0 without caching it',
      nodes: [2],
      messages: ['r0', 'k1'],
    });
  });

  it('reports a node relaying after it crashed and lost what it cached', () => {
    expect(
      checkReversePathCaching([store(2), { node: 2, kind: 'crash' }, relay(2)])?.nodes,
    ).toEqual([2]);
    expect(checkReversePathCaching([store(2), { node: 1, kind: 'crash' }, relay(2)])).toBeNull();
  });

  it('reports a node relaying after it evicted the key', () => {
    const history: History = [store(2), { node: 2, kind: 'evict', key: 'k1' }, relay(2)];
    expect(checkReversePathCaching(history)?.nodes).toEqual([2]);
  });
});

describe('the reversePathCaching monitor', () => {
  it('answers as the check on every prefix of a violating history', () => {
    const history: History = [
      store(2),
      { node: 2, kind: 'evict', key: 'k1' },
      store(1),
      relay(1),
      relay(2),
    ];
    expectMonitorAgrees(reversePathCaching, history, { nodes: 3, up: [true, true, true] });
  });
});
