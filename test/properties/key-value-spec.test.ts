import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  keyValueLinearizability,
  keyValueReader,
  keyValueSpec,
  type KvInput,
  type KvState,
} from '../../properties/key-value-spec.ts';
import { ReaderError } from '../../properties/linearizability.ts';

const step = (state: KvState, input: KvInput) => keyValueSpec.step(state, input);

describe('keyValueSpec', () => {
  it('increments from 0 and answers the new value', () => {
    expect(step({}, { f: 'incr', key: 'x' })).toEqual({ state: { x: 1 }, output: 1 });
    expect(step({ x: 4 }, { f: 'incr', key: 'x' })).toEqual({ state: { x: 5 }, output: 5 });
  });

  it('reads 0 for a missing key and leaves the state alone', () => {
    const state = { y: 2 };
    expect(step(state, { f: 'read', key: 'x' })).toEqual({ state, output: 0 });
    expect(step(state, { f: 'read', key: 'y' })?.output).toBe(2);
  });

  it('writes a value, and cannot write without one', () => {
    expect(step({}, { f: 'write', key: 'x', value: 3 })).toEqual({ state: { x: 3 }, output: 3 });
    expect(step({}, { f: 'write', key: 'x' })).toBeNull();
  });

  it('treats each key as its own object and describes operations in one line', () => {
    expect(keyValueSpec.partition?.({ f: 'incr', key: 'k' })).toBe('k');
    expect(keyValueSpec.describe?.({ f: 'incr', key: 'x' }, 2)).toBe('incr(x) → 2');
    expect(keyValueSpec.describe?.({ f: 'read', key: 'x' }, undefined)).toBe('read(x) → ?');
    expect(keyValueSpec.describe?.({ f: 'write', key: 'x', value: 1 }, 1)).toBe('write(x, 1)');
  });

  it('reads operations from observations', () => {
    const o = { node: 0, kind: 'invoke', op: 'a', f: 'write', key: 'x', value: 2 };
    expect(keyValueReader.input(o)).toEqual({ f: 'write', key: 'x', value: 2 });
    expect(keyValueReader.input({ ...o, f: 'incr', value: null })).toEqual({ f: 'incr', key: 'x' });
    expect(keyValueReader.output({ node: 0, kind: 'ok', op: 'a', value: 5 })).toBe(5);
  });

  it('refuses what it cannot read with a ReaderError: an unknown f, a bad key, a missing value', () => {
    const o = { node: 0, kind: 'invoke', op: 'a', f: 'write', key: 'x', value: 2 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...o, f: 'cas' }, 'unknown operation f "cas" (not incr, read or write)'],
      [{ ...o, f: undefined }, 'unknown operation f nothing (not incr, read or write)'],
      [{ ...o, key: undefined }, 'key nothing is not a string or a number'],
      [{ ...o, key: [1] }, 'key an object or list is not a string or a number'],
      [{ ...o, value: 1.5 }, 'a write needs an integer value, not 1.5'],
      [{ ...o, value: 2 ** 53 }, 'a write needs an integer value, not 9007199254740992'],
    ];
    for (const [bad, why] of cases) {
      expect(() => keyValueReader.input(bad as never)).toThrow(new ReaderError(why));
    }
    expect(() => keyValueReader.output({ node: 0, kind: 'ok', op: 'a' })).toThrow(
      new ReaderError('an ok needs an integer value, not nothing'),
    );
    expect(() => keyValueReader.output({ node: 0, kind: 'ok', op: 'a', value: null })).toThrow(
      'not null',
    );
  });

  it('never treats an unknown operation as a write', () => {
    expect(step({}, { f: 'cas' as never, key: 'x', value: 1 })).toBeNull();
  });

  it('backs the shipped linearizability property', () => {
    expect(keyValueLinearizability).toMatchObject({ name: 'linearizability', scope: 'global' });
  });
});

const input: fc.Arbitrary<KvInput> = fc.oneof(
  fc.record({
    f: fc.constantFrom('incr' as const, 'read' as const),
    key: fc.constantFrom('x', 'y'),
  }),
  fc.record({ f: fc.constant('write' as const), key: fc.constantFrom('x', 'y'), value: fc.nat(9) }),
);

describe('keyValueSpec, property-based', () => {
  test.prop([fc.array(input, { maxLength: 20 })])(
    'a key reads its last write plus the increments since',
    (inputs) => {
      let state = keyValueSpec.init;
      const expected: Record<string, number> = {};
      for (const i of inputs) {
        const next = keyValueSpec.step(state, i)!;
        state = next.state;
        if (i.f === 'write') expected[i.key] = i.value!;
        if (i.f === 'incr') expected[i.key] = (expected[i.key] ?? 0) + 1;
        expect(next.output).toBe(expected[i.key] ?? 0);
      }
      expect(state).toEqual(expected);
    },
  );
});
