/**
 * Reads one Jepsen operation's source (an EDN map read by `edn-data`, or a JSON object as elle-cli
 * reads it) into its fields, as plain values: keywords become strings (`:x` is "x"), vectors and
 * lists become arrays, integers stay exact; anything the checker cannot use as a key or value (a
 * map, a set, a symbol, a non-integer number, an integer beyond 2^53 − 1) becomes an `Unsupported`
 * naming it, refused only if a transaction's operations hold it. Errors are HistoryFileErrors at
 * the operation's line.
 */
import { parseEDNString } from 'edn-data';
import { HistoryFileError, inexactNumber } from '../json-lines.ts';
import { BIG_TAG, FLOAT_TAG, type OpForm, type Syntax } from './jepsen-forms.ts';

/** A value the checker cannot use, and what it is (`a map`, `the number 1.5, not an integer`). */
export class Unsupported {
  /** `what` completes "…is not a key or value the checker can use". */
  constructor(readonly what: string) {}
}

/** A field's value: keywords read as strings. */
export type JepsenValue = string | number | boolean | null | readonly JepsenValue[] | Unsupported;

/** One operation's fields (`type`, `f`, `process`, `value`, `time`, `index`…) and its line. */
export interface RawOp {
  readonly line: number;
  readonly fields: ReadonlyMap<string, JepsenValue>;
}

const EDN_OPTIONS = {
  mapAs: 'doubleArray',
  setAs: 'object',
  listAs: 'object',
  keywordAs: 'object',
  symbolAs: 'object',
  charAs: 'object',
  tagHandlers: {
    [BIG_TAG]: (text: unknown) =>
      new Unsupported(`the integer ${String(text)}, beyond ±(2^53 − 1)`),
    [FLOAT_TAG]: (text: unknown) => new Unsupported(`the number ${String(text)}, not an integer`),
    inst: () => new Unsupported('an #inst'),
    uuid: () => new Unsupported('a #uuid'),
  },
} as const;

/** The fields of the operation in `form`. */
export function readOp(form: OpForm, syntax: Syntax): RawOp {
  const fields = syntax === 'edn' ? ednFields(form) : jsonFields(form);
  return { line: form.line, fields };
}

function ednFields(form: OpForm): Map<string, JepsenValue> {
  let parsed: unknown;
  try {
    parsed = parseEDNString(form.text, EDN_OPTIONS);
  } catch (e) {
    throw new HistoryFileError(form.line, `not EDN: ${e instanceof Error ? e.message : String(e)}`);
  }
  // A record literal (`#jepsen.history.Op{…}`) is read as its map.
  if (isObject(parsed) && 'tag' in parsed && 'val' in parsed) parsed = parsed['val'];
  if (!isObject(parsed) || !Array.isArray(parsed['map'])) {
    throw new HistoryFileError(
      form.line,
      `expected an op map {:type …}, found ${describe(ednValue(parsed))}`,
    );
  }
  const fields = new Map<string, JepsenValue>();
  for (const pair of parsed['map'] as [unknown, unknown][]) {
    const key = ednValue(pair[0]);
    if (typeof key !== 'string') {
      throw new HistoryFileError(form.line, `an op map's keys are keywords, not ${describe(key)}`);
    }
    if (fields.has(key)) throw new HistoryFileError(form.line, `the key :${key} appears twice`);
    fields.set(key, ednValue(pair[1]));
  }
  return fields;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An `edn-data` value as a JepsenValue. */
function ednValue(v: unknown): JepsenValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number')
    return Number.isInteger(v) ? v : new Unsupported(`the number ${v}, not an integer`);
  if (typeof v === 'bigint') {
    return v >= -Number.MAX_SAFE_INTEGER && v <= Number.MAX_SAFE_INTEGER
      ? Number(v)
      : new Unsupported(`the integer ${v}N, beyond ±(2^53 − 1)`);
  }
  if (Array.isArray(v)) return v.map(ednValue);
  if (v instanceof Unsupported) return v;
  if (!isObject(v)) return new Unsupported('a value of an unknown kind');
  if (typeof v['key'] === 'string') return v['key'];
  if (Array.isArray(v['list'])) return (v['list'] as unknown[]).map(ednValue);
  if ('map' in v) return new Unsupported('a map');
  if ('set' in v) return new Unsupported('a set');
  if (typeof v['sym'] === 'string') return new Unsupported(`the symbol ${v['sym']}`);
  if ('char' in v) return new Unsupported('a character');
  if (typeof v['tag'] === 'string') return new Unsupported(`a #${v['tag']} value`);
  return new Unsupported('a value of an unknown kind');
}

function jsonFields(form: OpForm): Map<string, JepsenValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(form.text);
  } catch (e) {
    throw new HistoryFileError(
      form.line,
      `not JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const inexact = inexactNumber(form.text);
  if (inexact !== null) throw new HistoryFileError(form.line, inexact);
  if (!isObject(parsed)) {
    throw new HistoryFileError(
      form.line,
      `expected an op object {"type": …}, found ${describe(jsonValue(parsed))}`,
    );
  }
  const fields = new Map<string, JepsenValue>();
  for (const key of Object.keys(parsed)) fields.set(key, jsonValue(parsed[key]));
  return fields;
}

/** A `JSON.parse` value as a JepsenValue. */
function jsonValue(v: unknown): JepsenValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number')
    return Number.isInteger(v) ? v : new Unsupported(`the number ${v}, not an integer`);
  if (Array.isArray(v)) return v.map(jsonValue);
  return new Unsupported('a map');
}

/** A value as an error message shows it: `"x"`, `12`, `nil`, `a vector`, `a map`. */
export function describe(v: JepsenValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'nil';
  if (v instanceof Unsupported) return v.what;
  if (Array.isArray(v)) return `a vector of ${v.length}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v);
  return String(v);
}
