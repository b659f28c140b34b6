/** Plain JSON data: what contexts, messages, observations and traces are made of. */
export type Json =
  null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A JSON object. */
export type JsonObject = { readonly [key: string]: Json };

/** Whether `value` is JSON data: finite numbers, no functions, `undefined` only as a field left out. */
export function isJson(value: unknown): value is Json {
  try {
    canonicalJson(value);
    return true;
  } catch {
    return false;
  }
}

/** Whether a JSON value is an object (not an array, not null). */
export function isJsonObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as a JSON object, checked; a TypeError naming `what` if it is not one. */
export function toJsonObject(value: unknown, what: string): JsonObject {
  if (isJson(value) && isJsonObject(value)) return value;
  throw new TypeError(`${what} must be a plain JSON object`);
}

/**
 * A string as `JSON.stringify` writes it. Most strings of a model (keys, ids, state names) need no
 * escape, and quoting them directly is much cheaper than a call into `JSON.stringify`; any
 * character it would escape (a quote, a backslash, a control character) or might (a surrogate,
 * escaped when lone) sends the string to `JSON.stringify` itself, so the text is always its.
 */
function quote(text: string): string {
  return plain(text) ? '"' + text + '"' : JSON.stringify(text);
}

/**
 * Whether `JSON.stringify` writes `text` as it is between quotes: no quote, backslash or control
 * character, and no surrogate (escaped when lone).
 */
export function plain(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (escaped(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Whether `JSON.stringify` may write the UTF-16 code unit `c` otherwise than as it is: a quote, a
 * backslash, a control character or a surrogate (escaped when lone).
 */
export function escaped(c: number): boolean {
  return c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff);
}

/** A number as JSON writes it; a TypeError for one JSON cannot hold. */
function number(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`not JSON: ${String(value)}`);
  return String(value);
}

/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` fields omitted.
 * Two structurally equal values always give the same string, whatever the order in which their
 * keys were built, so it can key interning tables and fingerprints.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return number(value);
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      throw new TypeError(`not JSON: ${typeof value}`);
  }
  // The pieces are collected and joined once: one flat string, where concatenation would build a
  // tree of partial strings that a Map lookup then has to flatten.
  const parts: string[] = [];
  write(value, parts, null);
  return parts.join('');
}

/**
 * `canonicalJson` of an object without its field `omit` (as if that field were `undefined`),
 * without copying the object.
 */
export function canonicalJsonWithout(
  record: Readonly<Record<string, unknown>>,
  omit: string,
): string {
  const parts: string[] = [];
  write(record, parts, omit);
  return parts.join('');
}

/** Appends the canonical JSON of `value` to `parts`; `omit`: a field left out of `value` itself. */
function write(value: unknown, parts: string[], omit: string | null): void {
  switch (typeof value) {
    case 'string':
      parts.push(quote(value));
      return;
    case 'boolean':
      parts.push(value ? 'true' : 'false');
      return;
    case 'number':
      parts.push(number(value));
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`not JSON: ${typeof value}`);
  }
  if (value === null) {
    parts.push('null');
    return;
  }
  if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) parts.push(',');
      write(value[i], parts, null);
    }
    parts.push(']');
    return;
  }
  const record = value as Readonly<Record<string, unknown>>;
  const keys = canonicalKeys(record);
  parts.push('{');
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const field = record[key];
    if (field === undefined || key === omit) continue;
    if (!first) parts.push(',');
    parts.push(quote(key), ':');
    write(field, parts, null);
    first = false;
  }
  parts.push('}');
}

/**
 * An object's own keys in canonical order. Sorted by insertion: objects have few keys, often
 * already in order, and `Array.prototype.sort` allocates a work area on every call. (Keys are
 * distinct strings, so this is the order `sort()` gives: by UTF-16 code units.)
 */
export function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    if (keys[j]! <= key) continue;
    do {
      keys[j + 1] = keys[j]!;
      j--;
    } while (j >= 0 && keys[j]! > key);
    keys[j + 1] = key;
  }
  return keys;
}

/** How many key orders `canonicalKeys` remembers (a JSON world has few object shapes). */
const KEY_ORDERS = 16;
/** Remembered key orders: each object's own keys as they come, and sorted. */
const keyOrders: { readonly own: readonly string[]; readonly sorted: readonly string[] }[] = [];
let nextKeyOrder = 0;

/**
 * `sortedKeys`, remembered: a plain object whose own keys come in an order seen lately gets that
 * order's sorted keys without allocating or sorting. (Objects built by one piece of code list
 * their keys alike.) Read-only: the array is shared.
 */
export function canonicalKeys(record: object): readonly string[] {
  const plainObject = Object.getPrototypeOf(record) === Object.prototype;
  if (plainObject) {
    for (let e = 0; e < keyOrders.length; e++) {
      const order = keyOrders[e]!;
      if (keysAre(record, order.own)) return order.sorted;
    }
  }
  const own = Object.keys(record);
  const sorted = sortedKeys(record);
  if (plainObject) {
    keyOrders[nextKeyOrder] = { own, sorted };
    nextKeyOrder = (nextKeyOrder + 1) % KEY_ORDERS;
  }
  return sorted;
}

/** Whether a plain object's enumerable keys are `own`, in that order (no allocation). */
function keysAre(record: object, own: readonly string[]): boolean {
  let i = 0;
  for (const key in record) {
    if (key !== own[i]) return false;
    i++;
  }
  return i === own.length;
}

/** Whether an object has an own enumerable key (`Object.keys(o).length > 0`, with no array). */
export function hasKeys(o: object): boolean {
  for (const key in o) if (Object.hasOwn(o, key)) return true;
  return false;
}

/**
 * `{ ...fields, [key]: value }`, copied field by field: V8 gives nearly every object such a spread
 * makes (one that adds a field) a hidden class of its own. The memo's observations got their
 * `node` that way, 10,000 classes in a sequencer exploration, each with its descriptors and a key
 * cache built when the observation was first hashed, and the code reading them went megamorphic.
 */
export function withField(fields: object, key: string, value: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k in fields)
    if (Object.hasOwn(fields, k)) put(o, k, (fields as Record<string, unknown>)[k]);
  put(o, key, value);
  return o;
}

/** Sets an own field, `__proto__` included (an assignment to it would set the prototype). */
function put(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}
