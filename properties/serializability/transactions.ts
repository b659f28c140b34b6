/**
 * Transactions as plain objects (the shape of one line of a history file, see
 * docs/history-format.md), turned into the columns the checker runs on. The style is read off the
 * operations: `append` makes a list-append history, `w` a read-write register one.
 */
import type { SerializabilityReport } from './anomaly.ts';
import { DEFAULT_ANOMALY_LIMIT } from './check.ts';
import { IntColumn } from './columns.ts';
import { IntPairMap } from './int-pair-map.ts';
import { checkListAppend, type ListAppendHistory } from './list-append.ts';
import { oneLine } from '../json-lines.ts';
import { recordProblem } from './record.ts';
import { checkRegister, NIL, type RegisterHistory } from './register.ts';
import { ABORTED, COMMITTED, READ, UNKNOWN, WRITE } from './txn-history.ts';

/** A key, an element or a value: a string or a number. */
export type Scalar = string | number;

/** One operation: `['append', key, element]`, `['w', key, value]` or `['r', key, what was read]`. */
export type TxnOp =
  | readonly ['append', Scalar, Scalar]
  | readonly ['w', Scalar, Scalar]
  | readonly ['r', Scalar, readonly Scalar[] | Scalar | null];

/** One transaction. */
export interface TxnRecord {
  /** Its name in reports (default: its position, `#1`, `#2`…). */
  readonly id?: Scalar;
  /** The client that ran it; a client's transactions are in history order. */
  readonly process?: Scalar;
  /**
   * Whether it committed, aborted, or is `unknown` (Jepsen's `:info`: it may or may not have
   * committed; the checker assumes neither).
   */
  readonly status: 'committed' | 'aborted' | 'unknown';
  /**
   * When the client invoked it and saw it complete (both or neither; non-negative integers in any
   * one unit, `complete >= invoke`). When every committed transaction has them, the checker also
   * checks strict serializability (real-time order).
   */
  readonly invoke?: number;
  /** See `invoke`. */
  readonly complete?: number;
  /** Its operations, in program order. */
  readonly ops: readonly TxnOp[];
}

/** The two history styles. */
export type HistoryStyle = 'list-append' | 'rw-register';

/** A record that does not fit the history: `index` is its position (0-based). */
export class HistoryInputError extends Error {
  /** The offending record's position; `message` is made one line. */
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(oneLine(message));
  }
}

/**
 * Throws a HistoryInputError at the first record that does not have a record's shape (an unknown
 * operation, a value that is not a string or a finite number, a field too many…): records built in
 * code are held to the rules of a history file.
 */
export function validateRecords(records: readonly unknown[]): asserts records is TxnRecord[] {
  records.forEach((record, index) => {
    const problem = recordProblem(record);
    if (problem !== null) throw new HistoryInputError(index, problem);
  });
}

/** The style of one operation, or null for a read that fits both (null, or nothing written yet). */
function opStyle(op: TxnOp): HistoryStyle | null {
  if (op[0] === 'append') return 'list-append';
  if (op[0] === 'w') return 'rw-register';
  return Array.isArray(op[2]) ? 'list-append' : op[2] === null ? null : 'rw-register';
}

/** The style of a history, or throws a HistoryInputError at the first record that mixes styles. */
export function historyStyle(records: readonly TxnRecord[]): HistoryStyle {
  let style: HistoryStyle | null = null;
  let first = -1;
  records.forEach((record, index) => {
    for (const op of record.ops) {
      const s = opStyle(op);
      if (s === null || s === style) continue;
      if (style !== null) {
        throw new HistoryInputError(
          index,
          `mixes ${s} operations with the ${style} ones of record ${first + 1}`,
        );
      }
      style = s;
      first = index;
    }
  });
  return style ?? 'list-append';
}

/**
 * Checks plain transaction records: the style, and the checker's report. Throws a
 * HistoryInputError at the first record that does not fit (`validateRecords`, a mixed style, a
 * repeated element or value, a reused id).
 */
export function checkTransactions(
  records: readonly TxnRecord[],
  limit = DEFAULT_ANOMALY_LIMIT,
): { style: HistoryStyle; report: SerializabilityReport } {
  validateRecords(records);
  const style = historyStyle(records);
  const report =
    style === 'list-append'
      ? checkListAppend(listAppendColumns(records), limit)
      : checkRegister(registerColumns(records), limit);
  return { style, report };
}

/** Interns scalars (1 and '1' stay apart) to dense ids, keeping their display text. */
class Interner {
  private readonly ids = new Map<Scalar, number>();
  readonly texts: string[] = [];

  constructor(private readonly show: (s: Scalar) => string) {}

  id(s: Scalar): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(s, id);
      this.texts.push(this.show(s));
    }
    return id;
  }
}

const bare = (s: Scalar) => String(s);
const quoted = (s: Scalar) => (typeof s === 'string' ? JSON.stringify(s) : String(s));

/** The columns shared by both styles: outcomes, processes, operation ranges, names. */
function commonColumns(records: readonly TxnRecord[]) {
  const processes = new Interner(bare);
  const txnNames = records.map((r, i) => (r.id === undefined ? `#${i + 1}` : String(r.id)));
  const seen = new Map<string, number>();
  txnNames.forEach((name, i) => {
    const before = seen.get(name);
    if (before !== undefined) {
      throw new HistoryInputError(
        i,
        `transaction id ${name} is already used by record ${before + 1}`,
      );
    }
    seen.set(name, i);
  });
  const opStart = new Int32Array(records.length + 1);
  records.forEach((r, i) => (opStart[i + 1] = opStart[i]! + r.ops.length));
  return {
    txnCount: records.length,
    status: Uint8Array.from(records, (r) =>
      r.status === 'committed' ? COMMITTED : r.status === 'aborted' ? ABORTED : UNKNOWN,
    ),
    process: Int32Array.from(records, (r) =>
      r.process === undefined ? -1 : processes.id(r.process),
    ),
    opStart,
    txnNames,
    ...times(records),
  };
}

/** Invoke and complete times as columns (NaN where absent), or nothing if no record has them. */
function times(records: readonly TxnRecord[]): { invoke?: Float64Array; complete?: Float64Array } {
  if (!records.some((r) => r.invoke !== undefined)) return {};
  return {
    invoke: Float64Array.from(records, (r) => r.invoke ?? Number.NaN),
    complete: Float64Array.from(records, (r) => r.complete ?? Number.NaN),
  };
}

/** List-append records as columns; throws a HistoryInputError on a repeated append. */
export function listAppendColumns(records: readonly TxnRecord[]): ListAppendHistory {
  const { txnNames, ...common } = commonColumns(records);
  const opCount = common.opStart[records.length]!;
  const keys = new Interner(bare);
  const elements = new Interner(quoted);
  const opKind = new Uint8Array(opCount);
  const opKey = new Int32Array(opCount);
  const opArg = new Int32Array(opCount);
  const opLen = new Int32Array(opCount);
  const pool = new IntColumn(opCount * 4);
  const appended = new IntPairMap(opCount);
  let o = 0;
  for (let index = 0; index < records.length; index++) {
    const ops = records[index]!.ops;
    for (let i = 0; i < ops.length; i++) {
      const [f, key, value] = ops[i]!;
      const k = keys.id(key);
      opKey[o] = k;
      if (f === 'append') {
        opKind[o] = WRITE;
        opArg[o] = elements.id(value as Scalar);
        const first = appended.putIfAbsent(k, opArg[o]!, index);
        if (first !== index) {
          throw new HistoryInputError(
            index,
            `element ${quoted(value as Scalar)} is appended to ${bare(key)} again (first by record ${first + 1})`,
          );
        }
      } else {
        opKind[o] = READ;
        const list = (value ?? []) as readonly Scalar[];
        opArg[o] = pool.length;
        opLen[o] = list.length;
        for (let j = 0; j < list.length; j++) pool.push(elements.id(list[j]!));
      }
      o++;
    }
  }
  return {
    ...common,
    opKind,
    opKey,
    opArg,
    opLen,
    readPool: pool.view(),
    keyCount: keys.texts.length,
    names: {
      txn: (t) => txnNames[t]!,
      key: (k) => keys.texts[k]!,
      element: (e) => elements.texts[e]!,
    },
  };
}

/** Register records as columns; throws a HistoryInputError on a value written twice to a key. */
export function registerColumns(records: readonly TxnRecord[]): RegisterHistory {
  const { txnNames, ...common } = commonColumns(records);
  const opCount = common.opStart[records.length]!;
  const keys = new Interner(bare);
  const values = new Interner(quoted);
  const opKind = new Uint8Array(opCount);
  const opKey = new Int32Array(opCount);
  const opValue = new Int32Array(opCount);
  const written = new IntPairMap(opCount);
  let o = 0;
  records.forEach((record, index) => {
    for (const [f, key, value] of record.ops) {
      const k = keys.id(key);
      opKey[o] = k;
      opKind[o] = f === 'w' ? WRITE : READ;
      opValue[o] = value === null ? NIL : values.id(value as Scalar);
      if (f === 'w') {
        const first = written.putIfAbsent(k, opValue[o]!, index);
        if (first !== index) {
          throw new HistoryInputError(
            index,
            `value ${quoted(value as Scalar)} is written to ${bare(key)} again (first by record ${first + 1})`,
          );
        }
      }
      o++;
    }
  });
  return {
    ...common,
    opKind,
    opKey,
    opValue,
    keyCount: keys.texts.length,
    names: {
      txn: (t) => txnNames[t]!,
      key: (k) => keys.texts[k]!,
      value: (v) => values.texts[v]!,
    },
  };
}
