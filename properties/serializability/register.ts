/**
 * The read-write register front-end: each key holds one value, writes install unique values (per
 * key), reads return a value or null for the initial one. A value read names its writer, so write-
 * read edges are exact. The version order is given (a data manager's install order, as the model
 * records it) or inferred as Elle's rw-register does (Kingsbury & Alvaro 2020): the
 * initial version comes first; a committed transaction that read version v of a key and then
 * wrote it installed the version right after v; its own successive writes follow one another.
 * Versions nothing orders stay unordered (no edge), so the checker is sound but may miss cycles:
 * two blind writes of a key that nothing reads after them cannot be ordered by any rule. Writes of
 * transactions of unknown outcome take part as Elle's `:info` ones do (txn-history.ts, UNKNOWN).
 */
import { AnomalySink, type SerializabilityReport } from './anomaly.ts';
import { checkTxnHistory, DEFAULT_ANOMALY_LIMIT } from './check.ts';
import { IntColumn } from './columns.ts';
import { IntPairMap } from './int-pair-map.ts';
import {
  COMMITTED,
  initialVersion,
  isInitial,
  NO_VERSION,
  operationOwners,
  READ,
  UNKNOWN_VERSION,
  WRITE,
  writesCount,
  type HistoryColumns,
  type Labels,
  type TxnHistory,
} from './txn-history.ts';

/** The value id of a read that saw the initial (null) value. */
export const NIL = -1;

/** Display names for a register history's integer ids. */
export interface RegisterNames extends Pick<Labels, 'txn' | 'key'> {
  /** A value's text (never called with NIL). */
  readonly value: (value: number) => string;
}

/** A register history in columns: the shared ones (see TxnHistory) plus the values. */
export interface RegisterHistory extends HistoryColumns {
  /** The value written (unique per key), or read (NIL for the initial value). */
  readonly opValue: Int32Array;
  /** Number of keys. */
  readonly keyCount: number;
  /** Per key, the values written in the order they were installed; absent: inferred. */
  readonly versionOrder?: readonly (readonly number[])[];
  /** Display names (default: `t<i>`, `k<i>`, the value number). */
  readonly names?: RegisterNames;
}

/** Checks a register history; keeps at most `limit` anomalies in the report. */
export function checkRegister(
  h: RegisterHistory,
  limit = DEFAULT_ANOMALY_LIMIT,
): SerializabilityReport {
  const sink = new AnomalySink(limit);
  return checkTxnHistory(normalizeRegister(h), sink);
}

/**
 * The normalized form of a register history. Throws a RangeError if a value is written twice to
 * one key (the workload's precondition).
 */
export function normalizeRegister(h: RegisterHistory): TxnHistory {
  const { txnCount, status, opStart, opKind, opKey, opValue, keyCount } = h;
  const opCount = opStart[txnCount]!;
  const opTxn = operationOwners(txnCount, opStart);
  const names = h.names ?? defaultNames;

  let writes = 0;
  for (let o = 0; o < opCount; o++) if (opKind[o] === WRITE) writes++;
  const writer = new IntPairMap(writes);
  for (let o = 0; o < opCount; o++) {
    if (opKind[o] !== WRITE) continue;
    if (writer.putIfAbsent(opKey[o]!, opValue[o]!, o) !== o) {
      throw new RangeError(
        `value ${names.value(opValue[o]!)} is written to ${names.key(opKey[o]!)} twice`,
      );
    }
  }

  const readVersion = new Int32Array(opCount);
  for (let o = 0; o < opCount; o++) {
    if (opKind[o] !== READ) continue;
    if (status[opTxn[o]!] !== COMMITTED) readVersion[o] = NO_VERSION;
    else if (opValue[o] === NIL) readVersion[o] = initialVersion(opKey[o]!);
    else {
      const w = writer.get(opKey[o]!, opValue[o]!);
      readVersion[o] = w < 0 ? UNKNOWN_VERSION : w;
    }
  }

  const succFrom = new IntColumn(writes + keyCount);
  const succTo = new IntColumn(writes + keyCount);
  const pair = (from: number, to: number) => {
    succFrom.push(from);
    succTo.push(to);
  };
  if (h.versionOrder !== undefined) {
    h.versionOrder.forEach((values, k) => {
      let prev = initialVersion(k);
      for (const value of values) {
        const o = writer.get(k, value);
        if (o < 0 || !writesCount(status[opTxn[o]!]!)) continue;
        pair(prev, o);
        prev = o;
      }
    });
  } else inferOrder(h, opTxn, readVersion, pair);

  return {
    txnCount,
    status,
    process: h.process,
    opStart,
    opKind,
    opKey,
    opTxn,
    readVersion,
    keyCount,
    succFrom: succFrom.view(),
    succTo: succTo.view(),
    labels: registerLabels(h, names),
    invoke: h.invoke,
    complete: h.complete,
  };
}

/** Elle's inference: initial first, read-then-write and write-then-write within a transaction. */
function inferOrder(
  h: RegisterHistory,
  opTxn: Int32Array,
  readVersion: Int32Array,
  pair: (from: number, to: number) => void,
): void {
  const { txnCount, status, opStart, opKind, opKey } = h;
  const hasPredecessor = new Uint8Array(opStart[txnCount]!);
  // Per key, the transaction (plus one) whose scan last saw it, the version it saw, and the
  // transaction (plus one) that wrote it in this scan.
  const seenBy = new Int32Array(h.keyCount);
  const seen = new Int32Array(h.keyCount);
  const writtenBy = new Int32Array(h.keyCount);
  for (let t = 0; t < txnCount; t++) {
    if (!writesCount(status[t]!)) continue;
    for (let o = opStart[t]!; o < opStart[t + 1]!; o++) {
      const k = opKey[o]!;
      if (opKind[o] === READ) {
        const v = readVersion[o]!;
        const usable = isInitial(v) || (v >= 0 && writesCount(status[opTxn[v]!]!));
        // A read after the transaction's own write says nothing new (or is an internal anomaly).
        if (writtenBy[k] !== t + 1 && usable) {
          seenBy[k] = t + 1;
          seen[k] = v;
        }
        continue;
      }
      if (seenBy[k] === t + 1) {
        pair(seen[k]!, o);
        hasPredecessor[o] = 1;
      }
      seenBy[k] = t + 1;
      seen[k] = o;
      writtenBy[k] = t + 1;
    }
  }
  for (let t = 0; t < txnCount; t++) {
    if (!writesCount(status[t]!)) continue;
    for (let o = opStart[t]!; o < opStart[t + 1]!; o++) {
      if (opKind[o] === WRITE && hasPredecessor[o] === 0) pair(initialVersion(opKey[o]!), o);
    }
  }
}

const defaultNames: RegisterNames = {
  txn: (t) => `t${t}`,
  key: (k) => `k${k}`,
  value: (v) => String(v),
};

function registerLabels(h: RegisterHistory, names: RegisterNames): Labels {
  return {
    txn: names.txn,
    key: names.key,
    op: (o) => {
      const v = h.opValue[o]!;
      const value = v === NIL ? 'null' : names.value(v);
      return `${h.opKind[o] === WRITE ? 'wrote' : 'read'} ${names.key(h.opKey[o]!)} = ${value}`;
    },
  };
}
