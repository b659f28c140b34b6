import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalJsonWithout,
  canonicalKeys,
  escaped,
  hasKeys,
  plain,
  sortedKeys,
  withField,
  type Json,
} from '../../../models/kernel/json.ts';

/** `value` rebuilt with every object's keys in an order drawn from `seed` (a small LCG). */
function shuffleKeys(value: Json, seed: number): Json {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const go = (v: Json): Json => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return (v as readonly Json[]).map(go);
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    // fromEntries, not assignment: a `__proto__` key must stay an own property.
    return Object.fromEntries(keys.map((k) => [k, go((v as Record<string, Json>)[k]!)]));
  };
  return go(value);
}

/**
 * JSON values as JSON has them: fast-check's `jsonValue` can produce -0, which JSON (and so
 * `canonicalJson`, like `JSON.stringify`) writes as 0.
 */
const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as Json);

/**
 * `value` with every object's keys inserted in sorted order: `JSON.stringify` of it is a key of the
 * value's content (JS still lists integer-like keys first, so it is not canonicalJson's layout).
 */
function sortKeys(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return (value as readonly Json[]).map(sortKeys);
  const keys = Object.keys(value).sort();
  return Object.fromEntries(keys.map((k) => [k, sortKeys((value as Record<string, Json>)[k]!)]));
}

describe('canonicalJson', () => {
  it('writes object keys sorted, whatever the order they were built in', () => {
    const a = canonicalJson({ b: 1, a: 2, c: 3 });
    const b = canonicalJson({ c: 3, a: 2, b: 1 });

    expect(a).toBe('{"a":2,"b":1,"c":3}');
    expect(b).toBe(a);
  });

  it('sorts keys at every depth, inside arrays too, and keeps array order', () => {
    const value = { z: [{ y: 1, x: [2, 1] }, null], a: { d: true, c: 's' } };

    expect(canonicalJson(value)).toBe('{"a":{"c":"s","d":true},"z":[{"x":[2,1],"y":1},null]}');
  });

  it('writes primitives as JSON.stringify does', () => {
    for (const v of ['', 'a"b\\c\n', 'é☃😀', 0, -1.5, 1e21, 5e-7, 2 ** 53, true, false, null]) {
      expect(canonicalJson(v)).toBe(JSON.stringify(v));
    }
  });

  it('writes negative zero as 0, like JSON.stringify', () => {
    expect(canonicalJson(-0)).toBe('0');
  });

  it('sorts integer-like keys as strings, not numbers', () => {
    // Object.keys lists integer-like keys first, numerically: the kernel must still sort them.
    expect(canonicalJson({ b: 0, 10: 1, 9: 2 })).toBe('{"10":1,"9":2,"b":0}');
  });

  it('writes nothing for undefined object fields', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
    expect(canonicalJson({ a: undefined })).toBe('{}');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['undefined', undefined],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a bigint', 1n],
    ['NaN in an array', [1, NaN]],
    ['undefined in an array', [undefined]],
    ['a function in an object', { f: () => 1 }],
    ['Infinity deep down', { a: [{ b: Infinity }] }],
  ])('rejects %s', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  test.prop([jsonValue, fc.integer()])(
    'equal structures built in shuffled key orders give equal strings',
    (value, seed) => {
      const shuffled = shuffleKeys(value, seed);

      expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
    },
  );

  test.prop([jsonValue])('parses back to the value it was given', (value) => {
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  test.prop([fc.string({ unit: 'binary' })])(
    'writes any string as JSON.stringify does, escapes and lone surrogates included',
    (text) => {
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
      expect(canonicalJson({ [text]: text })).toBe(
        `{${JSON.stringify(text)}:${JSON.stringify(text)}}`,
      );
    },
  );

  test.prop([fc.dictionary(fc.string(), jsonValue), fc.string()])(
    'canonicalJsonWithout writes the object as if the field were undefined',
    (record, omit) => {
      const without = Object.fromEntries(Object.entries(record).filter(([k]) => k !== omit));

      expect(canonicalJsonWithout(record, omit)).toBe(canonicalJson(without));
    },
  );

  test.prop([jsonValue, jsonValue])('gives different strings for different values', (a, b) => {
    fc.pre(JSON.stringify(sortKeys(a)) !== JSON.stringify(sortKeys(b)));

    expect(canonicalJson(a)).not.toBe(canonicalJson(b));
  });
});

describe('canonicalKeys', () => {
  /** An object with these keys, inserted in this order. */
  const withKeys = (keys: readonly string[]) => Object.fromEntries(keys.map((k, i) => [k, i]));

  test.prop([
    fc.array(fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 6 }), { maxLength: 40 }),
  ])('is sortedKeys whatever key orders came before (more than it remembers too)', (orders) => {
    for (const keys of orders) {
      const record = withKeys(keys);
      expect(canonicalKeys(record)).toEqual(sortedKeys(record));
      // Asked again, answered from what it remembers.
      expect(canonicalKeys(withKeys(keys))).toEqual([...keys].sort());
    }
  });

  it('tells apart objects whose keys are a prefix of a remembered order', () => {
    expect(canonicalKeys({ b: 1, a: 2 })).toEqual(['a', 'b']);
    expect(canonicalKeys({ b: 1 })).toEqual(['b']);
    expect(canonicalKeys({ b: 1, a: 2, c: 3 })).toEqual(['a', 'b', 'c']);
  });

  it('reads the own keys of an object without the plain prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { z: 1, y: 2 });
    expect(canonicalKeys(bare)).toEqual(['y', 'z']);
    const inherits = Object.assign(Object.create({ x: 0 }) as object, { z: 1, y: 2 });
    expect(canonicalKeys(inherits)).toEqual(['y', 'z']);
  });
});

describe('escaped, plain and hasKeys', () => {
  it('flags what JSON.stringify may escape', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(escaped(c), `code unit ${c}`).toBe(
        c >= 0xd800 && c <= 0xdfff ? true : JSON.stringify(ch) !== `"${ch}"`,
      );
    }
    expect(plain('m1-2')).toBe(true);
    expect(plain('a"b')).toBe(false);
  });

  it('says whether an object has an own enumerable key', () => {
    expect(hasKeys({})).toBe(false);
    expect(hasKeys({ a: undefined })).toBe(true);
    expect(hasKeys(Object.create({ inherited: 1 }) as object)).toBe(false);
  });
});

describe('withField', () => {
  test.prop([
    fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue(), { maxKeys: 5 }),
    fc.constantFrom('node', 'from', 'a', '__proto__'),
    fc.nat(29),
  ])(
    'is the spread with the field added or replaced: same keys, same order, same values',
    (fields, key, value) => {
      const spread = { ...fields, [key]: value };
      const o = withField(fields, key, value);
      expect(o).toStrictEqual(spread);
      expect(Object.keys(o)).toEqual(Object.keys(spread));
      expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    },
  );

  it('copies own fields only', () => {
    const fields = Object.assign(Object.create({ inherited: 1 }) as object, { kind: 'x' });
    expect(withField(fields, 'node', 2)).toStrictEqual({ kind: 'x', node: 2 });
  });
});
