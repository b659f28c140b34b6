import { describe, expect, it } from 'vitest';
import { appended, truncate } from '../../../models/kernel/lists.ts';

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
