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
 * Canonical JSON: object keys sorted, no whitespace, `undefined` fields omitted.
 * Two structurally equal values always give the same string, whatever the order in which their
 * keys were built, so it can key interning tables and fingerprints.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`not JSON: ${String(value)}`);
      return String(value);
    case 'object':
      break;
    default:
      throw new TypeError(`not JSON: ${typeof value}`);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Contexts are usually built in one key order; sort only when they are not already sorted.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const field = record[key];
    if (field === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(field);
    first = false;
  }
  return out + '}';
}
