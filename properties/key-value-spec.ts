import { canonicalJson } from '../models/kernel/json.ts';
import type { Observation, CheckedProperty } from '../models/kernel/spec.ts';
import { clip } from './json-lines.ts';
import {
  linearizability,
  ReaderError,
  type HistoryReader,
  type SequentialSpec,
} from './linearizability.ts';

/** An operation on a store of integer counters: increment (answers the new value), read, write. */
export type KvInput = {
  readonly f: 'incr' | 'read' | 'write';
  readonly key: string;
  /** The value a `write` writes. */
  readonly value?: number;
};

/** A store: each key's value (a missing key reads 0). */
export type KvState = Readonly<Record<string, number>>;

/** The sequential key-value store: keys are independent objects, so they are checked apart. */
export const keyValueSpec: SequentialSpec<KvState, KvInput, number> = {
  init: {},
  step: (state, { f, key, value }) => {
    const current = state[key] ?? 0;
    if (f === 'read') return { state, output: current };
    // An unknown operation cannot happen (the reader refuses it first); it is never a write.
    const next = f === 'incr' ? current + 1 : f === 'write' ? value : undefined;
    if (next === undefined) return null;
    return { state: { ...state, [key]: next }, output: next };
  },
  partition: (input) => input.key,
  key: canonicalJson,
  describe: ({ f, key, value }, output) =>
    f === 'write'
      ? `write(${key}, ${value})`
      : `${f}(${key}) → ${output === undefined ? '?' : output}`,
};

const F = new Set<unknown>(['incr', 'read', 'write']);

/** `value` for a message: `nothing`, a quoted string, or its text. */
const shown = (value: unknown) =>
  value === undefined
    ? 'nothing'
    : typeof value === 'string'
      ? clip(JSON.stringify(value), 40)
      : typeof value === 'object' && value !== null
        ? 'an object or list'
        : String(value);

/**
 * Reads key-value operations from `invoke {op, f, key, value?}` and `ok {op, value}`. Throws a
 * ReaderError for an unknown `f`, a key that is not a string or a number, a `write` without an
 * integer value, or an `ok` whose value is not an integer (values are safe integers: |v| ≤ 2^53 − 1).
 */
export const keyValueReader: HistoryReader<KvInput, number> = {
  input: (o: Observation) => {
    const { f, key, value } = o;
    if (!F.has(f))
      throw new ReaderError(`unknown operation f ${shown(f)} (not incr, read or write)`);
    if (typeof key !== 'string' && !(typeof key === 'number' && Number.isFinite(key))) {
      throw new ReaderError(`key ${shown(key)} is not a string or a number`);
    }
    if (f === 'write' && !Number.isSafeInteger(value)) {
      throw new ReaderError(`a write needs an integer value, not ${shown(value)}`);
    }
    return {
      f: f as KvInput['f'],
      key: String(key),
      ...(f === 'write' ? { value: value as number } : {}),
    };
  },
  output: (o: Observation) => {
    const value = o['value'];
    if (!Number.isSafeInteger(value)) {
      throw new ReaderError(`an ok needs an integer value, not ${shown(value)}`);
    }
    return value as number;
  },
};

/** Linearizability of a key-value store's client-visible history. */
export const keyValueLinearizability: CheckedProperty = linearizability(
  keyValueSpec,
  keyValueReader,
);
