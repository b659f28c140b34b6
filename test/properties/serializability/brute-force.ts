/**
 * A brute-force reference for the serializability checker's tests: whether some serial order of
 * the committed transactions (and of any subset of those whose outcome is unknown) reproduces every
 * committed read, respecting each client's order and, when asked, real-time order. Exponential:
 * for histories of a handful of transactions only.
 */
import type { Scalar, TxnRecord } from '../../../properties/serializability/transactions.ts';

/** Whether a serial order exists; `strict` adds real-time order (complete < invoke). */
export function serialOrderExists(txns: readonly TxnRecord[], strict: boolean): boolean {
  const unknown = txns.flatMap((t, i) => (t.status === 'unknown' ? [i] : []));
  for (let mask = 0; mask < 1 << unknown.length; mask++) {
    const included = txns.flatMap((t, i) =>
      t.status === 'committed' || (t.status === 'unknown' && (mask >> unknown.indexOf(i)) & 1)
        ? [i]
        : [],
    );
    if (someOrder(txns, included, strict)) return true;
  }
  return false;
}

/** Whether `a` must come before `b` in every serial order. */
function before(txns: readonly TxnRecord[], a: number, b: number, strict: boolean): boolean {
  const x = txns[a]!;
  const y = txns[b]!;
  if (
    a < b &&
    x.status === 'committed' &&
    y.status === 'committed' &&
    x.process !== undefined &&
    x.process === y.process
  )
    return true;
  return (
    strict &&
    x.status === 'committed' &&
    x.complete !== undefined &&
    y.invoke !== undefined &&
    x.complete < y.invoke
  );
}

/** Depth-first search over serial orders of `included`, replaying as it goes (with pruning). */
function someOrder(txns: readonly TxnRecord[], included: readonly number[], strict: boolean) {
  const used = new Set<number>();
  const replay = (state: ReadonlyMap<Scalar, unknown>, i: number) => {
    const t = txns[i]!;
    const next = new Map(state);
    for (const [f, key, value] of t.ops) {
      const cur = next.get(key);
      if (f === 'append') next.set(key, [...((cur as Scalar[] | undefined) ?? []), value]);
      else if (f === 'w') next.set(key, value);
      else if (t.status === 'committed') {
        const ok = Array.isArray(value)
          ? JSON.stringify(cur ?? []) === JSON.stringify(value)
          : value === null
            ? cur === undefined || (Array.isArray(cur) && cur.length === 0)
            : cur === value;
        if (!ok) return null;
      }
    }
    return next;
  };
  const extend = (state: ReadonlyMap<Scalar, unknown>): boolean => {
    if (used.size === included.length) return true;
    for (const i of included) {
      if (used.has(i)) continue;
      if (included.some((j) => j !== i && !used.has(j) && before(txns, j, i, strict))) continue;
      const next = replay(state, i);
      if (next === null) continue;
      used.add(i);
      if (extend(next)) return true;
      used.delete(i);
    }
    return false;
  };
  return extend(new Map());
}
