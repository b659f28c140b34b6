/**
 * Sequential specifications for `check-history --model linearizable`, beside the key-value store
 * (`key-value-spec.ts`): a read/write/compare-and-set register and a counter, as Jepsen and
 * Porcupine check them. Operations may name a `key`; each key is an independent object (checked
 * alone). An `ok`'s `value` is read for reads only: the answer to a write, a cas or an add carries
 * nothing to check (Jepsen echoes the invocation's value).
 */
import { canonicalJson, isJson, type Json } from '../models/kernel/json.ts';
import type { Observation } from '../models/kernel/spec.ts';
import { clip } from './json-lines.ts';
import { ReaderError, type HistoryReader, type SequentialSpec } from './linearizability.ts';

/** An operation on a register: read it, write `value`, or set it to `value` if it holds `expected`. */
export type RegisterInput = {
  readonly f: 'read' | 'write' | 'cas';
  /** The register (`''` when the history names none). */
  readonly key: string;
  /** The value written (write, cas). */
  readonly value?: Json;
  /** The value a cas expects. */
  readonly expected?: Json;
};

/** An operation on a counter: add `value` (an integer, may be negative) or read it. */
export type CounterInput = {
  readonly f: 'add' | 'read';
  /** The counter (`''` when the history names none). */
  readonly key: string;
  /** What an add adds. */
  readonly value?: number;
};

const show = (value: unknown) =>
  value === undefined ? 'nothing' : clip(JSON.stringify(value) ?? String(value), 40);
const keyed = (key: string, rest: string) =>
  key === ''
    ? rest === ''
      ? ''
      : `(${rest})`
    : `(${[key, rest].filter((x) => x !== '').join(', ')})`;
const answer = (output: unknown) => (output === undefined ? '?' : canonicalJson(output));

/** A register holding JSON values, initially `null` (Jepsen's `nil`). */
export const registerSpec: SequentialSpec<Json, RegisterInput, Json> = {
  init: null,
  step: (state, input) => {
    if (input.f === 'read') return { state, output: state };
    if (input.f === 'write') return { state: input.value ?? null, output: null };
    if (canonicalJson(state) !== canonicalJson(input.expected ?? null)) return null;
    return { state: input.value ?? null, output: null };
  },
  partition: (input) => input.key,
  key: canonicalJson,
  describe: ({ f, key, value, expected }, output) =>
    f === 'read'
      ? `read${keyed(key, '')} → ${answer(output)}`
      : f === 'write'
        ? `write${keyed(key, canonicalJson(value ?? null))}`
        : `cas${keyed(key, `${canonicalJson(expected ?? null)} → ${canonicalJson(value ?? null)}`)}`,
};

/** A counter, initially 0. */
export const counterSpec: SequentialSpec<number, CounterInput, number | null> = {
  init: 0,
  step: (state, input) =>
    input.f === 'read'
      ? { state, output: state }
      : { state: state + (input.value ?? 0), output: null },
  partition: (input) => input.key,
  key: String,
  describe: ({ f, key, value }, output) =>
    f === 'read' ? `read${keyed(key, '')} → ${answer(output)}` : `add${keyed(key, String(value))}`,
};

/** The `key` of an observation: absent is `''`; a string or finite number. */
function keyOf(o: Observation): string {
  const key = o['key'];
  if (key === undefined || key === null) return '';
  if (typeof key === 'string') return key;
  if (typeof key === 'number' && Number.isFinite(key)) return String(key);
  throw new ReaderError(`key ${show(key)} is not a string or a number`);
}

/**
 * Reads register operations: `invoke {f: read}`, `{f: write, value}`, `{f: cas, value: [expected,
 * new]}` and an `ok`'s `value` for a read (absent: `null`). The `ok` must carry the operation's `f`
 * (the command copies it from the invocation). Throws a ReaderError for anything else.
 */
export const registerReader: HistoryReader<RegisterInput, Json> = {
  input: (o) => {
    const { f, value } = o;
    const key = keyOf(o);
    if (f === 'read') return { f, key };
    if (f === 'write') {
      if (value === undefined || !isJson(value))
        throw new ReaderError(`a write needs a JSON value, not ${show(value)}`);
      return { f, key, value };
    }
    if (f === 'cas') {
      if (!Array.isArray(value) || value.length !== 2 || !isJson(value)) {
        throw new ReaderError(`a cas needs a value [expected, new], not ${show(value)}`);
      }
      return { f, key, expected: value[0] as Json, value: value[1] as Json };
    }
    throw new ReaderError(`unknown operation f ${show(f)} (not read, write or cas)`);
  },
  output: (o) => {
    if (o['f'] !== 'read') return null;
    const value = o['value'] ?? null;
    if (!isJson(value)) throw new ReaderError('a read’s value must be JSON');
    return value;
  },
};

/**
 * Reads counter operations: `invoke {f: add, value}` (an integer), `{f: read}`, and an `ok`'s
 * integer `value` for a read. Throws a ReaderError for anything else.
 */
export const counterReader: HistoryReader<CounterInput, number | null> = {
  input: (o) => {
    const { f, value } = o;
    const key = keyOf(o);
    if (f === 'read') return { f, key };
    if (f === 'add') {
      if (!Number.isSafeInteger(value))
        throw new ReaderError(`an add needs an integer value, not ${show(value)}`);
      return { f, key, value: value as number };
    }
    throw new ReaderError(`unknown operation f ${show(f)} (not add or read)`);
  },
  output: (o) => {
    if (o['f'] !== 'read') return null;
    const value = o['value'];
    if (!Number.isSafeInteger(value))
      throw new ReaderError(`a read needs an integer value, not ${show(value)}`);
    return value as number;
  },
};
