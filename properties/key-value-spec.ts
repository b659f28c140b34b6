import { canonicalJson } from '../models/kernel/json.ts';
import type { Observation, CheckedProperty } from '../models/kernel/spec.ts';
import { linearizability, type HistoryReader, type SequentialSpec } from './linearizability.ts';

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
    const next = f === 'incr' ? current + 1 : value;
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

/** Reads key-value operations from `invoke {op, f, key, value?}` and `ok {op, value}`. */
export const keyValueReader: HistoryReader<KvInput, number> = {
  input: (o: Observation) => ({
    f: o['f'] as KvInput['f'],
    key: String(o['key']),
    ...(typeof o['value'] === 'number' ? { value: o['value'] } : {}),
  }),
  output: (o: Observation) => Number(o['value']),
};

/** Linearizability of a key-value store's client-visible history. */
export const keyValueLinearizability: CheckedProperty = linearizability(
  keyValueSpec,
  keyValueReader,
);
