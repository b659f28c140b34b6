import { describe, expect, it } from 'vitest';
import { appended, ListPool, truncate } from '../../../models/kernel/lists.ts';

describe('truncate', () => {
  it('shortens a list in place to the length asked', () => {
    const list = [1, 2, 3, 4];
    truncate(list, 2);
    expect(list).toEqual([1, 2]);
    truncate(list);
    expect(list).toEqual([]);
  });
});

describe('appended', () => {
  it('gives a new list with the item added, leaving the old one as it was', () => {
    expect(appended(null, 7)).toEqual([7]);
    const list = [1, 2];
    const longer = appended(list, 3);
    expect(longer).toEqual([1, 2, 3]);
    expect(list).toEqual([1, 2]);
    expect(longer).not.toBe(list);
  });
});

describe('ListPool', () => {
  const same = (a: readonly number[], b: readonly number[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);

  it('gives the kept copy for equal contents, and keeps a new content the way it is told', () => {
    const pool = new ListPool<readonly number[]>(same);
    const scratch = [1, 2];
    const kept = pool.shared(7, scratch, (l) => l.slice());
    expect(kept).toEqual([1, 2]);
    expect(kept).not.toBe(scratch);
    expect(pool.shared(7, [1, 2], (l) => l.slice())).toBe(kept);
    // Under a colliding hash, the content decides.
    const other = pool.shared(7, [3], (l) => l.slice());
    expect(other).toEqual([3]);
    expect(pool.shared(7, [3], (l) => l.slice())).toBe(other);
    expect(pool.shared(8, [1, 2], (l) => l.slice())).not.toBe(kept);
  });
});
