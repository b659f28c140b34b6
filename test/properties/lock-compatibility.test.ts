import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import { checkLockCompatibility, lockCompatibility } from '../../properties/lock-compatibility.ts';

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

describe('lock-compatibility', () => {
  it('is a safety property', () => {
    expect(lockCompatibility).toMatchObject({ name: 'lock-compatibility', kind: 'safety' });
  });

  it('lets shared locks coexist, and locks follow releases', () => {
    expect(
      checkLockCompatibility([
        grant(2, 't0', 'x', 'S'),
        grant(2, 't1', 'x', 'S'),
        release(2, 't0', 'x'),
        release(2, 't1', 'x'),
        grant(2, 't2', 'x', 'X'),
      ]),
    ).toBeNull();
  });

  it('allows an upgrade by the only holder, and the same item name on another node', () => {
    expect(
      checkLockCompatibility([
        grant(2, 't0', 'x', 'S'),
        grant(2, 't0', 'x', 'X'),
        grant(3, 't1', 'x', 'X'),
      ]),
    ).toBeNull();
  });

  it('reports an exclusive lock next to a shared one, either way round', () => {
    expect(checkLockCompatibility([grant(2, 't0', 'x', 'S'), grant(2, 't1', 'x', 'X')])).toEqual({
      property: 'lock-compatibility',
      message: 'node 2 granted t1 an X lock on x while t0 held an S lock',
      nodes: [2],
      messages: ['t0', 't1'],
    });
    expect(
      checkLockCompatibility([grant(2, 't0', 'x', 'X'), grant(2, 't1', 'x', 'S')])?.message,
    ).toBe('node 2 granted t1 an S lock on x while t0 held an X lock');
  });

  it('reports an upgrade while another transaction shares the item', () => {
    const h = [grant(2, 't0', 'x', 'S'), grant(2, 't1', 'x', 'S'), grant(2, 't0', 'x', 'X')];
    expect(checkLockCompatibility(h)?.messages).toEqual(['t1', 't0']);
  });
});
