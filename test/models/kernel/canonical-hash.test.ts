import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  canonicalEqual,
  canonicalHash,
  canonicalHashWithout,
  contentHash,
} from '../../../models/kernel/canonical-hash.ts';
import { hashText } from '../../../models/kernel/hash.ts';
import { canonicalJson, canonicalJsonWithout } from '../../../models/kernel/json.ts';

/** JSON with what canonical JSON must get right: escapes, lone surrogates, floats, -0, `undefined` fields. */
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -0, 1e9, 1e21, -7, 0.5, 123456789, 999999999, 1e-7),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: 'binary' }),
    fc.string(),
    fc.array(tie('any'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 3 }), fc.option(tie('any'), { nil: undefined }), {
      maxKeys: 4,
    }),
  ),
})).any;

/** The same value with every object's fields inserted in reverse order. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).reverse())
    out[key] = reordered((v as Record<string, unknown>)[key]);
  return out;
}

describe('canonicalHash', () => {
  test.prop([value], { numRuns: 2000 })('is hashText of the canonical JSON', (v) => {
    expect(canonicalHash(v)).toEqual(hashText(canonicalJson(v)));
  });

  test.prop(
    [
      fc.dictionary(fc.constantFrom('node', 'kind', 'msg', 'a'), value),
      fc.constantFrom('node', 'kind', 'x'),
    ],
    {
      numRuns: 1000,
    },
  )('without a field, is hashText of canonicalJsonWithout', (record, omit) => {
    expect(canonicalHashWithout(record, omit)).toEqual(
      hashText(canonicalJsonWithout(record, omit)),
    );
  });

  it.each([NaN, Infinity, undefined, () => 1])('refuses %s as canonicalJson does', (v) => {
    expect(() => canonicalJson(v)).toThrow(TypeError);
    expect(() => canonicalHash(v)).toThrow(TypeError);
  });
});

describe('canonicalEqual', () => {
  test.prop([value, value], { numRuns: 2000 })(
    'agrees with the equality of canonical JSON',
    (a, b) => {
      expect(canonicalEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
    },
  );

  test.prop([value])('holds between a value and its reordered copy', (v) => {
    expect(canonicalEqual(v, reordered(v))).toBe(true);
    expect(canonicalEqual(reordered(v), v)).toBe(true);
  });

  it.each([
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: 1, b: undefined }, { a: 1, c: 2 }, false],
    [[1, 2], { 0: 1, 1: 2 }, false],
    [{ a: [] }, { a: {} }, false],
    [0, -0, true],
    ['1', 1, false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(canonicalEqual(a, b)).toBe(same);
    expect(canonicalJson(a) === canonicalJson(b)).toBe(same);
  });
});

describe('contentHash', () => {
  test.prop([value], { numRuns: 1000 })('agrees on values canonicalEqual holds equal', (v) => {
    expect(contentHash(reordered(v))).toBe(contentHash(v));
    expect(contentHash({ x: v, gone: undefined })).toBe(contentHash({ x: v }));
  });

  it('tells apart the small values a model holds', () => {
    const values = Array.from({ length: 1000 }, (_, i) => [
      i,
      -i - 1,
      `m${i}`,
      [i],
      [i, 0],
      { a: i },
      { a: i, b: 0 },
      { b: i },
    ]).flat();
    expect(new Set(values.map(contentHash)).size).toBe(values.length);
  });

  it('hashes -0 as 0 and refuses what JSON cannot hold', () => {
    expect(contentHash(-0)).toBe(contentHash(0));
    expect(contentHash([1, 'a'])).not.toBe(contentHash(['a', 1]));
    for (const bad of [NaN, Infinity, undefined, () => 1, [undefined]])
      expect(() => contentHash(bad)).toThrow(TypeError);
  });
});
