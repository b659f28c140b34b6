import { describe, expect, it } from 'vitest';
import { Rng } from '../../experiments/rng.ts';

describe('Rng', () => {
  it('draws the same numbers for a seed, in [0, 1)', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Rng(10).next()).not.toBe(xs[0]);
  });

  it('draws integers below a bound and shuffles into a permutation', () => {
    const rng = new Rng(1);
    const ints = Array.from({ length: 100 }, () => rng.int(7));
    expect(ints.every((n) => Number.isInteger(n) && n >= 0 && n < 7)).toBe(true);
    const items = [0, 1, 2, 3, 4, 5];
    expect(rng.shuffle([...items]).sort()).toEqual(items);
  });
});
