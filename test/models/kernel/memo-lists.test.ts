import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  copy,
  intsHash,
  NOTHING_OBSERVED,
  sameObserved,
  type ObservedList,
} from '../../../models/kernel/memo-lists.ts';
import { sameInts } from '../../../models/kernel/lists.ts';

/** An observed list of these observations (hashes and digest left out of the comparison). */
const observed = (observations: ObservedList['observations']): ObservedList => ({
  observations,
  hashes: [],
  mul: 1,
  add: 0,
});

describe('the memo’s pooled lists', () => {
  test.prop([fc.array(fc.integer()), fc.array(fc.integer())])(
    'compare lists of integers by content, and hash equal ones alike',
    (a, b) => {
      const same = a.length === b.length && a.every((x, i) => x === b[i]);
      expect(sameInts(a, b)).toBe(same);
      expect(sameInts(a, copy(a))).toBe(true);
      if (same) expect(intsHash(a)).toBe(intsHash(b));
    },
  );

  it('hashes lists that differ in order or length apart', () => {
    expect(intsHash([1, 2])).not.toBe(intsHash([2, 1]));
    expect(intsHash([0])).not.toBe(intsHash([0, 0]));
  });

  it('compare observations by content, observer included, field order aside', () => {
    const a = observed([{ kind: 'deliver', msg: 'm1', node: 2 }]);
    expect(sameObserved(a, observed([{ node: 2, msg: 'm1', kind: 'deliver' }]))).toBe(true);
    expect(sameObserved(a, observed([{ kind: 'deliver', msg: 'm1', node: 3 }]))).toBe(false);
    expect(sameObserved(a, NOTHING_OBSERVED)).toBe(false);
    expect(Object.isFrozen(NOTHING_OBSERVED)).toBe(true);
  });
});
