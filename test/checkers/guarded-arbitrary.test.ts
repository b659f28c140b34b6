import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardedArbitrary } from '../../checkers/guarded-arbitrary.ts';
import { UsageError } from '../../checkers/usage-error.ts';
import { ModelError } from '../../models/kernel/model-error.ts';
import { shrinksTo } from './helpers.ts';

const inner = () =>
  fc.record({ members: fc.integer({ min: 2, max: 5 }), drops: fc.array(fc.nat(3)) });

describe('guardedArbitrary', () => {
  it('generates and shrinks what the arbitrary it guards does, value for value', () => {
    const guarded = guardedArbitrary('p: scenarios', inner());

    expect(fc.sample(guarded, { seed: 7, numRuns: 50 })).toEqual(
      fc.sample(inner(), { seed: 7, numRuns: 50 }),
    );
    // The same shrinks, hence the same counterexample.
    const failing = (arb: fc.Arbitrary<{ members: number; drops: number[] }>) =>
      fc.check(
        fc.property(arb, (p) => p.members < 4 || p.drops.length < 2),
        { seed: 7 },
      );
    const a = failing(guarded);
    const b = failing(inner());
    expect(a.counterexample).toEqual(b.counterexample);
    expect(a.numShrinks).toBe(b.numShrinks);
  });

  it('a throw while generating is a ModelError naming the arbitrary', () => {
    const throwing = fc.nat().map(() => {
      throw new TypeError('not written yet');
    });
    const run = () => fc.sample(guardedArbitrary('p: scenarios', throwing), { numRuns: 1 });

    expect(run).toThrow(
      new ModelError('p: scenarios (generating) threw TypeError: not written yet'),
    );
  });

  it('a throw while shrinking is a ModelError too', () => {
    // Generates 50, shrinks to 5, which the mapping refuses.
    const arb = shrinksTo(50, 5).map((n) => {
      if (n < 10) throw new RangeError(`${n} is too small`);
      return n;
    });
    const check = () =>
      fc.check(
        fc.property(guardedArbitrary('p: scenarios', arb), () => false),
        { seed: 3 },
      );

    expect(check).toThrow(
      new ModelError('p: scenarios (shrinking) threw RangeError: 5 is too small'),
    );
  });
});

describe('guardedArbitrary and bad input', () => {
  it('lets a UsageError through as it is: a --param override no draw fits is the user’s input', () => {
    const refusing = fc.nat().map(() => {
      throw new UsageError('--param: none of 3 parameter sets drawn fit {"members":9}');
    });
    const run = () => fc.sample(guardedArbitrary('p: scenarios', refusing), { numRuns: 1 });

    expect(run).toThrow(UsageError);
    expect(run).toThrow('--param: none of 3 parameter sets drawn fit {"members":9}');
  });
});
