/**
 * `hashText(canonicalJson(value))` and the equality of canonical forms, without building the
 * text: interning a snapshot (local-table.ts) needs its content hash and whether an equal one is
 * interned already, and building a long string per memo miss was a quarter of what the random
 * engine allocated. The hash is the same function of the same characters, so fingerprints, and
 * the traces that record them, do not change.
 */
import { finish, mix, TEXT_SEEDS, textHashFinish } from './hash.ts';
import { canonicalKeys, escaped } from './json.ts';

let h1 = 0;
let h2 = 0;

function char(c: number): void {
  h1 = Math.imul(h1 ^ c, 2654435761);
  h2 = Math.imul(h2 ^ c, 1597334677);
}

function chars(text: string): void {
  // (The running state in locals for the loop: the module's variables are memory, not registers.)
  let a = h1;
  let b = h2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  h1 = a;
  h2 = b;
}

/**
 * A string as `canonicalJson` quotes it (json.ts `quote`): one pass that hashes the characters as
 * they are, and starts again from the escaped text at the first that json.ts `escaped` flags.
 */
function quoted(text: string): void {
  let a = Math.imul(h1 ^ 0x22, 2654435761);
  let b = Math.imul(h2 ^ 0x22, 1597334677);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (escaped(c)) {
      chars(JSON.stringify(text));
      return;
    }
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  h1 = Math.imul(a ^ 0x22, 2654435761);
  h2 = Math.imul(b ^ 0x22, 1597334677);
}

/** A number as `String` writes it, small non-negative integers without building the text. */
function number(value: number): void {
  if (!Number.isFinite(value)) throw new TypeError(`not JSON: ${String(value)}`);
  // (-0 takes this path too: `String(-0)` is "0".)
  if (value >= 0 && value < 1e9 && Number.isInteger(value)) {
    let div = 1;
    while (div * 10 <= value) div *= 10;
    for (; div >= 1; div /= 10) char(0x30 + (Math.floor(value / div) % 10));
    return;
  }
  chars(String(value));
}

/** Feeds the canonical JSON of `value` (json.ts `write`) to the running hash. */
function feed(value: unknown): void {
  switch (typeof value) {
    case 'string':
      quoted(value);
      return;
    case 'boolean':
      chars(value ? 'true' : 'false');
      return;
    case 'number':
      number(value);
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`not JSON: ${typeof value}`);
  }
  if (value === null) {
    chars('null');
    return;
  }
  if (Array.isArray(value)) {
    char(0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) char(0x2c);
      feed(value[i]);
    }
    char(0x5d);
    return;
  }
  fields(value as Readonly<Record<string, unknown>>, null);
}

/** Feeds an object's canonical JSON, without its field `omit` (json.ts `write`). */
function fields(record: Readonly<Record<string, unknown>>, omit: string | null): void {
  const keys = canonicalKeys(record);
  char(0x7b);
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const field = record[keys[i]!];
    if (field === undefined || keys[i] === omit) continue;
    if (!first) char(0x2c);
    quoted(keys[i]!);
    char(0x3a);
    feed(field);
    first = false;
  }
  char(0x7d);
}

/** Exactly `hashText(canonicalJson(value))`: a TypeError for what JSON cannot hold. */
export function canonicalHash(value: unknown): [hi: number, lo: number] {
  h1 = TEXT_SEEDS[0];
  h2 = TEXT_SEEDS[1];
  feed(value);
  return textHashFinish(h1, h2);
}

/** Exactly `hashText(canonicalJsonWithout(record, omit))`. */
export function canonicalHashWithout(
  record: Readonly<Record<string, unknown>>,
  omit: string,
): [hi: number, lo: number] {
  h1 = TEXT_SEEDS[0];
  h2 = TEXT_SEEDS[1];
  fields(record, omit);
  return textHashFinish(h1, h2);
}

/**
 * Whether two JSON values have the same canonical JSON: the same structure, with object fields
 * compared by name whatever their order and `undefined` fields left out (a shared part is equal
 * at once).
 */
export function canonicalEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!canonicalEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Readonly<Record<string, unknown>>;
  const y = b as Readonly<Record<string, unknown>>;
  let fields = 0;
  for (const key in x) {
    const field = x[key];
    if (field === undefined) continue;
    if (!Object.hasOwn(x, key) || !canonicalEqual(field, y[key])) return false;
    fields++;
  }
  for (const key in y) if (y[key] !== undefined && Object.hasOwn(y, key)) fields--;
  return fields === 0;
}

/**
 * A 32-bit hash of a JSON value that agrees wherever `canonicalEqual` does (object fields in any
 * order, `undefined` fields left out, -0 as 0), and is cheaper than `canonicalHash`: fields are
 * combined by a sum (no sorting), integers are mixed, not written out in digits. It finds
 * candidates (interning), the content deciding; it is not a fingerprint and nothing records it.
 * A TypeError for what JSON cannot hold.
 */
export function contentHash(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return stringHash(value);
    case 'number':
      // (-0 | 0 is 0: -0 hashes as 0, as canonical JSON writes it.)
      if (value === (value | 0)) return finish(value ^ 0x27d4eb2f);
      if (!Number.isFinite(value)) throw new TypeError(`not JSON: ${String(value)}`);
      return stringHash(String(value));
    case 'boolean':
      return value ? 0x6b43a9b5 : 0x1b873593;
    case 'object':
      break;
    default:
      throw new TypeError(`not JSON: ${typeof value}`);
  }
  if (value === null) return 0x2a5f2d31;
  if (Array.isArray(value)) {
    let h = 0x5bd1e995 ^ value.length;
    for (let i = 0; i < value.length; i++) h = mix(h, contentHash(value[i]));
    return finish(h);
  }
  const record = value as Readonly<Record<string, unknown>>;
  let h = 0x1b3c5d7f;
  for (const key in record) {
    const field = record[key];
    if (field === undefined || !Object.hasOwn(record, key)) continue;
    h = (h + mix(stringHash(key), contentHash(field))) | 0;
  }
  return finish(h);
}

/** FNV-1a over a string's UTF-16 code units, seeded with its length. */
function stringHash(text: string): number {
  let h = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}
