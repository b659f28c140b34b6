import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import { checkLockedOperations, lockedOperations } from '../../properties/locked-operations.ts';

const grant = (node: number, txn: string, item: string, mode: 'S' | 'X'): Observation => ({
  node,
  kind: 'grant',
  txn,
  item,
  mode,
});
const release = (node: number, txn: string, item: string): Observation => ({
  node,
  kind: 'release',
  txn,
  item,
});
const fetch = (node: number, txn: string, item: string): Observation => ({
  node,
  kind: 'fetch',
  txn,
  item,
  value: null,
});
const install = (node: number, txn: string, item: string, value: string): Observation => ({
  node,
  kind: 'install',
  txn,
  item,
  value,
});

describe('locked-operations', () => {
  it('is a safety property', () => {
    expect(lockedOperations).toMatchObject({ name: 'locked-operations', kind: 'safety' });
  });

  it('holds for reads under S or X and writes under X, an upgrade included', () => {
    expect(
      checkLockedOperations([
        grant(2, 't0', 'x', 'S'),
        fetch(2, 't0', 'x'),
        grant(2, 't0', 'x', 'X'),
        install(2, 't0', 'x', 't0.1'),
        fetch(2, 't0', 'x'),
        grant(3, 't1', 'y', 'X'),
        install(3, 't1', 'y', 't1.0'),
        fetch(3, 't1', 'y'),
        release(2, 't0', 'x'),
        release(3, 't1', 'y'),
      ]),
    ).toBeNull();
  });

  it('ignores observations of other kinds and without a transaction and item', () => {
    expect(
      checkLockedOperations([
        { node: 0, kind: 'read', txn: 't0', item: 'x', value: null },
        { node: 0, kind: 'write', txn: 't0', item: 'x', value: 'a' },
        { node: 2, kind: 'install', item: 'x', value: 'a' },
      ]),
    ).toBeNull();
  });

  it('reports a read served without a lock', () => {
    expect(checkLockedOperations([grant(2, 't0', 'x', 'X'), fetch(2, 't1', 'x')])).toEqual({
      property: 'locked-operations',
      message:
        'node 2 read x for t1 while it held no lock on it there (a read needs a shared or exclusive lock)',
      nodes: [2],
      messages: ['t1'],
    });
  });

  it('reports a write under a shared lock (the upgrade skipped)', () => {
    const h = [grant(2, 't0', 'x', 'S'), fetch(2, 't0', 'x'), install(2, 't0', 'x', 't0.1')];
    expect(checkLockedOperations(h)?.message).toBe(
      'node 2 wrote x for t0 while it held only a shared lock on it there (a write needs an exclusive lock)',
    );
  });

  it('reports a write after the lock was released, and a lock held at another node', () => {
    const late = [grant(2, 't0', 'x', 'X'), release(2, 't0', 'x'), install(2, 't0', 'x', 'a')];
    expect(checkLockedOperations(late)?.message).toMatch(/^node 2 wrote x for t0 .* held no lock/);
    const elsewhere = [grant(3, 't0', 'x', 'X'), install(2, 't0', 'x', 'a')];
    expect(checkLockedOperations(elsewhere)?.nodes).toEqual([2]);
  });

  it('keeps an exclusive lock when a shared grant follows it (a read by the writer)', () => {
    const h = [grant(2, 't0', 'x', 'X'), grant(2, 't0', 'x', 'S'), install(2, 't0', 'x', 'a')];
    expect(checkLockedOperations(h)).toBeNull();
  });

  it('does not let one transaction’s lock cover another’s operation', () => {
    const h = [grant(2, 't0', 'x', 'X'), install(2, 't1', 'x', 'a')];
    expect(checkLockedOperations(h)?.messages).toEqual(['t1']);
  });
});
