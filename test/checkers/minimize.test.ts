import { describe, expect, test } from 'vitest';
import { dropWhile } from '../../checkers/minimize.ts';

describe('dropWhile', () => {
  const needs =
    (...wanted: number[]) =>
    (kept: readonly number[]) =>
      wanted.every((w) => kept.includes(w)) ? kept : null;

  test('keeps exactly what the predicate needs', () => {
    const items = Array.from({ length: 40 }, (_, i) => i);
    expect(dropWhile(items, needs(3, 17, 38))).toEqual([3, 17, 38]);
    expect(dropWhile(items, needs())).toEqual([]);
  });

  test('drops a pair that can only go together', () => {
    // 2 and 5 go together or not at all (a message and its delivery).
    const together = (kept: readonly number[]) =>
      kept.includes(2) === kept.includes(5) && kept.includes(0) ? kept : null;
    expect(dropWhile([0, 1, 2, 3, 4, 5, 6], together)).toEqual([0]);
  });

  test('goes on with what the predicate returns (a list cut shorter)', () => {
    const cut = (kept: readonly number[]) =>
      kept.includes(9) ? kept.slice(0, kept.indexOf(9) + 1) : null;
    expect(dropWhile([1, 9, 2, 3], cut)).toEqual([9]);
  });
});
