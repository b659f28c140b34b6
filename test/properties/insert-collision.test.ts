import { describe, expect, it } from 'vitest';
import type { History } from '../../models/kernel/spec.ts';
import { expectMonitorAgrees } from './monitor-agrees.ts';
import { checkInsertCollision, insertCollision } from '../../properties/insert-collision.ts';

const store = (node: number, data: string) => ({ node, kind: 'store', key: 'k1', data });

describe('insert-collision property', () => {
  it('is a safety property named insert-collision', () => {
    expect(insertCollision).toMatchObject({ name: 'insert-collision', kind: 'safety' });
    expect(insertCollision.check).toBe(checkInsertCollision);
  });
});

describe('checkInsertCollision on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkInsertCollision([])).toBeNull();
  });

  it('holds when different nodes hold different data and a collision reports the held data', () => {
    const history: History = [
      store(0, 'a'),
      store(1, 'b'),
      store(0, 'a'),
      { node: 0, kind: 'insert', id: 'i1', key: 'k1', data: 'c', htl: 3 },
      { node: 0, kind: 'inserted', id: 'i1', key: 'k1', data: 'a', collision: true },
    ];
    expect(checkInsertCollision(history)).toBeNull();
  });

  it('allows new data after an eviction, and any answer to an insert started without the key', () => {
    const history: History = [
      { node: 0, kind: 'insert', id: 'i1', key: 'k1', data: 'c', htl: 3 },
      store(0, 'a'),
      { node: 0, kind: 'inserted', id: 'i1', key: 'k1', data: 'c', collision: false },
      { node: 0, kind: 'evict', key: 'k1' },
      store(0, 'b'),
    ];
    expect(checkInsertCollision(history)).toBeNull();
  });
});

describe('checkInsertCollision on histories that violate it', () => {
  it('forgets what a node held once it crashed or left (it comes back empty)', () => {
    expect(
      checkInsertCollision([store(0, 'a'), { node: 0, kind: 'crash' }, store(0, 'b')]),
    ).toBeNull();
    expect(
      checkInsertCollision([store(0, 'a'), { node: 0, kind: 'leave' }, store(0, 'b')]),
    ).toBeNull();
    expect(
      checkInsertCollision([store(0, 'a'), { node: 1, kind: 'crash' }, store(0, 'b')]),
    ).not.toBeNull();
  });

  it('reports a node overwriting a key it holds', () => {
    expect(checkInsertCollision([store(0, 'a'), store(1, 'b'), store(0, 'b')])).toEqual({
      property: 'insert-collision',
      message: 'node 0 overwrote key k1 (held a) with b',
      nodes: [0],
      messages: ['k1', 'a', 'b'],
    });
  });

  it('reports an inserter that held the key but got its own data back', () => {
    const history: History = [
      store(2, 'a'),
      { node: 2, kind: 'insert', id: 'i0', key: 'k1', data: 'b', htl: 3 },
      { node: 2, kind: 'inserted', id: 'i0', key: 'k1', data: 'b', collision: false },
    ];
    expect(checkInsertCollision(history)?.message).toBe(
      'node 2 reported a new insert of key k1 (held a) with b',
    );
  });
});

describe('the insertCollision monitor', () => {
  it('answers as the check on every prefix of a violating history', () => {
    const history: History = [
      store(0, 'a'),
      { node: 0, kind: 'insert', id: 'i1', key: 'k1' },
      { node: 0, kind: 'inserted', id: 'i1', key: 'k1', data: 'b' },
      { node: 0, kind: 'crash' },
      store(0, 'c'),
      store(0, 'd'),
    ];
    expectMonitorAgrees(insertCollision, history, { nodes: 2, up: [true, true] });
  });
});
