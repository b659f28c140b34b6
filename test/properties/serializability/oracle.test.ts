/**
 * The checker against a brute-force oracle on small random histories: the oracle tries every serial
 * order of the committed transactions that respects each client's order and replays it. The
 * checker must be sound (an anomaly it reports means no serial order exists) and must accept every
 * serial execution.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  checkTransactions,
  type Scalar,
  type TxnOp,
  type TxnRecord,
} from '../../../properties/serializability/transactions.ts';

const KEYS = ['x', 'y'];

/** A transaction's shape: process, outcome, and abstract operations (picks choose read values). */
const shape = fc.record({
  process: fc.nat(2),
  committed: fc.nat(4).map((n) => n > 0),
  ops: fc.array(
    fc.record({ write: fc.boolean(), key: fc.constantFrom(...KEYS), pick: fc.nat(10_000) }),
    { minLength: 1, maxLength: 3 },
  ),
});
type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

/** Every serial order of `txns` (indices) keeping each process's transactions in index order. */
function* serialOrders(txns: readonly TxnRecord[]): Generator<number[]> {
  const committed = txns.flatMap((t, i) => (t.status === 'committed' ? [i] : []));
  const order: number[] = [];
  const used = new Set<number>();
  function* extend(): Generator<number[]> {
    if (order.length === committed.length) {
      yield order;
      return;
    }
    for (const i of committed) {
      if (used.has(i)) continue;
      // Not before an earlier unused transaction of the same process.
      const p = txns[i]!.process;
      if (committed.some((j) => j < i && !used.has(j) && p !== undefined && txns[j]!.process === p))
        continue;
      used.add(i);
      order.push(i);
      yield* extend();
      order.pop();
      used.delete(i);
    }
  }
  yield* extend();
}

/** Whether some serial order reproduces every committed read (list-append semantics). */
function listOracle(txns: readonly TxnRecord[]): boolean {
  for (const order of serialOrders(txns)) {
    const lists = new Map<Scalar, Scalar[]>();
    const fits = order.every((i) =>
      txns[i]!.ops.every(([f, key, value]) => {
        const list = lists.get(key) ?? [];
        if (f === 'append') lists.set(key, [...list, value as Scalar]);
        else return JSON.stringify(list) === JSON.stringify(value ?? []);
        return true;
      }),
    );
    if (fits) return true;
  }
  return false;
}

/** Whether some serial order reproduces every committed read (register semantics). */
function registerOracle(txns: readonly TxnRecord[]): boolean {
  for (const order of serialOrders(txns)) {
    const values = new Map<Scalar, Scalar | null>();
    const fits = order.every((i) =>
      txns[i]!.ops.every(([f, key, value]) => {
        if (f === 'w') values.set(key, value as Scalar);
        else return (values.get(key) ?? null) === value;
        return true;
      }),
    );
    if (fits) return true;
  }
  return false;
}

/** Deterministic shuffle of `xs` by `pick`. */
function shuffled<T>(xs: readonly T[], pick: number): T[] {
  const out = [...xs];
  for (let i = out.length - 1, p = pick; i > 0; i--, p = Math.floor(p / 3) + 7 * i) {
    const j = p % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Random list-append records: appends of unique elements, reads of arbitrary orders of them. */
function listHistory(shapes: readonly Shape[]): TxnRecord[] {
  let next = 0;
  const elements = shapes.map((s) => s.ops.map((op) => (op.write ? ++next : 0)));
  const appended = (key: string) =>
    shapes.flatMap((s, i) =>
      s.ops.flatMap((op, k) => (op.write && op.key === key ? [elements[i]![k]!] : [])),
    );
  return shapes.map((s, i) => ({
    id: `t${i}`,
    process: s.process,
    status: s.committed ? 'committed' : 'aborted',
    ops: s.ops.map((op, k): TxnOp => {
      if (op.write) return ['append', op.key, elements[i]![k]!];
      const all = shuffled(appended(op.key), op.pick);
      return ['r', op.key, all.slice(0, op.pick % (all.length + 1))];
    }),
  }));
}

/** Random register records: unique written values, reads of any of them or null. */
function registerHistory(shapes: readonly Shape[]): TxnRecord[] {
  let next = 0;
  const values = shapes.map((s) => s.ops.map((op) => (op.write ? ++next : 0)));
  return shapes.map((s, i) => ({
    id: `t${i}`,
    process: s.process,
    status: s.committed ? 'committed' : 'aborted',
    ops: s.ops.map((op, k): TxnOp => {
      if (op.write) return ['w', op.key, values[i]![k]!];
      const written = shapes.flatMap((t, j) =>
        t.ops.flatMap((o, m) => (o.write && o.key === op.key ? [values[j]![m]!] : [])),
      );
      const choices = [null, ...written];
      return ['r', op.key, choices[op.pick % choices.length]!];
    }),
  }));
}

/** The same shapes executed serially in index order: each read sees exactly what came before. */
function serialHistory(shapes: readonly Shape[], lists: boolean): TxnRecord[] {
  let next = 0;
  const state = new Map<string, number[]>();
  return shapes.map((s, i) => {
    const local = new Map(state);
    const ops = s.ops.map((op): TxnOp => {
      const list = local.get(op.key) ?? [];
      if (op.write) {
        local.set(op.key, [...list, ++next]);
        return [lists ? 'append' : 'w', op.key, next];
      }
      return ['r', op.key, lists ? list : (list[list.length - 1] ?? null)];
    });
    if (s.committed) for (const [k, v] of local) state.set(k, v);
    return { id: `t${i}`, process: s.process, status: s.committed ? 'committed' : 'aborted', ops };
  });
}

const histories = fc.array(shape, { minLength: 1, maxLength: 5 });

describe('soundness against a brute-force oracle', () => {
  test.prop([histories], { numRuns: 400 })(
    'list-append: an anomaly means no serial order, and no serial order means an anomaly',
    (shapes) => {
      const h = listHistory(shapes);
      const { report } = checkTransactions(h);
      expect(report.serializable).toBe(listOracle(h));
    },
  );

  test.prop([histories], { numRuns: 400 })(
    'rw-register: an anomaly means no serial order',
    (shapes) => {
      const h = registerHistory(shapes);
      if (h.every((t) => t.ops.every((op) => op[0] === 'r' && op[2] === null))) return;
      const { report } = checkTransactions(h);
      if (!report.serializable) expect(registerOracle(h)).toBe(false);
    },
  );
});

describe('any serial execution is serializable', () => {
  test.prop([histories], { numRuns: 300 })('list-append', (shapes) => {
    const h = serialHistory(shapes, true);
    expect(listOracle(h)).toBe(true);
    expect(checkTransactions(h).report.anomalies).toEqual([]);
  });

  test.prop([histories], { numRuns: 300 })('rw-register', (shapes) => {
    const h = serialHistory(shapes, false);
    expect(registerOracle(h)).toBe(true);
    expect(checkTransactions(h).report.anomalies).toEqual([]);
  });
});
