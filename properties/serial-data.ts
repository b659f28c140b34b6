import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that requests on the same data item took effect one after another: the results answered
 * to requests made with the same `key` (`invoke {req, key}`, `answer {req, result}`), each the
 * item's value after its request on an append-only item, are distinct and each a prefix of another
 * (a chain, as some serial order makes them). Two answers built on the same earlier value (a lost
 * update: two requests ran at once on the item) break it. Reports the first answer that does.
 */
export function checkSerialData(history: History): Verdict {
  const keyOf = new Map<string, string>();
  const results = new Map<string, { req: string; result: string }[]>();
  for (const o of history) {
    const { req, key, result } = o;
    if (typeof req !== 'string') continue;
    if (o.kind === 'invoke' && typeof key === 'string') keyOf.set(req, key);
    const k = keyOf.get(req);
    if (o.kind !== 'answer' || typeof result !== 'string' || k === undefined) continue;
    const before = results.get(k) ?? [];
    const clash = before.find(
      (b) => b.req !== req && !(b.result.startsWith(result) || result.startsWith(b.result)),
    );
    const same = before.find((b) => b.req !== req && b.result === result);
    const other = clash ?? same;
    if (other !== undefined) {
      return {
        property: 'serial-data',
        message:
          `${other.req} and ${req} on ${k} answered "${other.result}" and "${result}": ` +
          'no serial order gives both',
        nodes: [o.node],
        messages: [other.req, req],
      };
    }
    results.set(k, [...before, { req, result }]);
  }
  return null;
}

/** Requests that touch the same data item are serialized (no lost update). */
export const serialData: CheckedProperty = {
  name: 'serial-data',
  statement:
    'Requests on the same data item take effect in some serial order: their answered values ' +
    'form one chain (no two built on the same earlier value).',
  kind: 'safety',
  check: checkSerialData,
};
