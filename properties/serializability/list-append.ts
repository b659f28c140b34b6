/**
 * The list-append front-end, after Elle's list-append workload (Kingsbury & Alvaro, VLDB 2020):
 * each key holds a list, writes append a unique element, reads return the whole list. A read then
 * reveals the version order up to it, so the order of each key is the longest committed read, and
 * every other committed read must be a prefix of it (else `incompatible-order`). Elle's inference
 * rules then place what no read shows: an append that no read shows came after the last element of
 * that order (after the initial, empty version if no read shows any), so every reader of that
 * version precedes its transaction (rw) and that element's writer too (ww). A transaction's own
 * appends to a key are consecutive and in program order, so a read showing one without its
 * earlier one (or after it) is an `incompatible-order`. Within a transaction, Elle's `internal`
 * (a read that is not the transaction's last read of the key plus its own appends since) and
 * `future-read` (a read showing an element the transaction appends later) are checked here, and
 * `dirty-update` (a committed append right after an aborted one in the order).
 */
import { AnomalySink, type SerializabilityReport } from './anomaly.ts';
import { checkTxnHistory, DEFAULT_ANOMALY_LIMIT } from './check.ts';
import { IntColumn } from './columns.ts';
import { IntPairMap } from './int-pair-map.ts';
import { InternalCheck, isPrefix, touchesTwice } from './list-internal.ts';
import {
  ABORTED,
  COMMITTED,
  initialVersion,
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

/** Display names for a list-append history's integer ids. */
export interface ListAppendNames extends Pick<Labels, 'txn' | 'key'> {
  /** An element's text. */
  readonly element: (element: number) => string;
}

/**
 * A list-append history in columns: the shared ones (see TxnHistory; `opKind` is READ, or WRITE
 * for an append) plus the appended elements and the lists read.
 */
export interface ListAppendHistory extends HistoryColumns {
  /** An append's element (unique per key); a read's start in `readPool`. */
  readonly opArg: Int32Array;
  /** A read's list length. */
  readonly opLen: Int32Array;
  /** The elements of every list read, back to back. */
  readonly readPool: Int32Array;
  /** Number of keys. */
  readonly keyCount: number;
  /** Display names (default: `t<i>`, `k<i>`, the element number). */
  readonly names?: ListAppendNames;
}

/** Checks a list-append history; keeps at most `limit` anomalies in the report. */
export function checkListAppend(
  h: ListAppendHistory,
  limit = DEFAULT_ANOMALY_LIMIT,
): SerializabilityReport {
  const sink = new AnomalySink(limit);
  return checkTxnHistory(normalizeListAppend(h, sink), sink);
}

/**
 * The normalized form of a list-append history; anomalies only the lists show (incompatible
 * orders, duplicate elements, aborted or garbage elements before a read's end) go into `sink`.
 * Throws a RangeError if an element is appended twice to one key (the workload's precondition).
 */
export function normalizeListAppend(h: ListAppendHistory, sink: AnomalySink): TxnHistory {
  const { txnCount, status, opStart, opKind, opKey, opArg, opLen, readPool, keyCount } = h;
  const opCount = opStart[txnCount]!;
  const opTxn = operationOwners(txnCount, opStart);
  const names = h.names ?? defaultNames;
  const labels = listLabels(h, names);
  const appends = new AppendIndex(h, names);

  // The longest committed read of each key fixes its version order.
  const longest = new Int32Array(keyCount).fill(-1);
  let ordered = 0;
  for (let o = 0; o < opCount; o++) {
    if (opKind[o] !== READ || status[opTxn[o]!] !== COMMITTED) continue;
    const k = opKey[o]!;
    const r = longest[k]!;
    if (r < 0 || opLen[o]! > opLen[r]!) {
      ordered += opLen[o]! - (r < 0 ? 0 : opLen[r]!);
      longest[k] = o;
    }
  }

  // Walk each order: the append at each position (-1: garbage), successor pairs over committed
  // appends, and where the first aborted and garbage elements sit.
  const orderStart = new Int32Array(keyCount + 1);
  const orderOps = new Int32Array(ordered);
  const succFrom = new IntColumn(ordered + keyCount);
  const succTo = new IntColumn(ordered + keyCount);
  const firstAborted = new Int32Array(keyCount).fill(-1);
  const firstGarbage = new Int32Array(keyCount).fill(-1);
  // Per append, its position in its key's order plus one (0: no read shows it).
  const position = new Int32Array(opCount);
  // Per key, the version unseen appends come after (NO_VERSION: none usable, the order ends in
  // an aborted or garbage element).
  const tail = new Int32Array(keyCount);
  for (let k = 0, at = 0; k < keyCount; k++) {
    orderStart[k] = at;
    const r = longest[k]!;
    tail[k] = initialVersion(k);
    if (r < 0) continue;
    let prev = initialVersion(k);
    let abortedBefore = -1;
    for (let i = 0, p = opArg[r]!; i < opLen[r]!; i++, p++) {
      const o = appends.find(k, readPool[p]!);
      orderOps[at++] = o;
      tail[k] = NO_VERSION;
      if (o < 0) {
        if (firstGarbage[k]! < 0) firstGarbage[k] = i;
        continue;
      }
      if (position[o] !== 0) {
        sink.add('duplicate-elements', () => ({
          name: 'duplicate-elements',
          txns: [labels.txn(opTxn[r]!)],
          summary: `duplicate-elements: ${labels.txn(opTxn[r]!)} ${labels.op(r)}, which holds ${names.element(opArg[o]!)} twice`,
        }));
        continue;
      }
      position[o] = i + 1;
      const s = status[opTxn[o]!]!;
      if (writesCount(s)) {
        if (abortedBefore >= 0 && s === COMMITTED) dirtyUpdate(abortedBefore, o);
        abortedBefore = -1;
        succFrom.push(prev);
        succTo.push(o);
        prev = o;
        tail[k] = o;
      } else if (s === ABORTED) {
        if (firstAborted[k]! < 0) firstAborted[k] = i;
        abortedBefore = o;
      }
    }
  }
  orderStart[keyCount] = ordered;

  // Appends no read shows come after the order's last version. Transactions with two operations
  // on a key are checked further: own appends in program order, then Elle's internal rules.
  const ownAt = new Int32Array(keyCount);
  const ownLast = new Int32Array(keyCount);
  const internal = new InternalCheck(h, labels, names, sink);
  for (let t = 0; t < txnCount; t++) {
    if (!writesCount(status[t]!)) continue;
    for (let o = opStart[t]!; o < opStart[t + 1]!; o++) {
      if (opKind[o] !== WRITE || position[o] !== 0 || tail[opKey[o]!] === NO_VERSION) continue;
      succFrom.push(tail[opKey[o]!]!);
      succTo.push(o);
    }
    if (!touchesTwice(h, t)) continue;
    for (let o = opStart[t]!; o < opStart[t + 1]!; o++) {
      if (opKind[o] !== WRITE) continue;
      const k = opKey[o]!;
      const p = ownAt[k] === t + 1 ? ownLast[k]! : -1;
      ownAt[k] = t + 1;
      ownLast[k] = o;
      if (p < 0 || position[o] === 0 || (position[p] !== 0 && position[p]! < position[o]!))
        continue;
      const reader = opTxn[longest[k]!]!;
      sink.add('incompatible-order', () => ({
        name: 'incompatible-order',
        txns: [labels.txn(reader), labels.txn(t)],
        summary: `incompatible-order: ${labels.txn(reader)} ${labels.op(longest[k]!)}, showing ${names.element(opArg[o]!)} ${position[p] === 0 ? 'without' : 'before'} ${names.element(opArg[p]!)}, which ${labels.txn(t)} appended first`,
      }));
    }
    if (status[t] === COMMITTED) internal.check(t);
  }

  const readVersion = new Int32Array(opCount);
  for (let o = 0; o < opCount; o++) {
    if (opKind[o] !== READ) continue;
    const t = opTxn[o]!;
    if (status[t] !== COMMITTED) {
      readVersion[o] = NO_VERSION;
      continue;
    }
    const k = opKey[o]!;
    const len = opLen[o]!;
    const r = longest[k]!;
    if (o !== r && !isPrefix(readPool, opArg[o]!, opArg[r]!, len)) {
      sink.add('incompatible-order', () => ({
        name: 'incompatible-order',
        txns: [labels.txn(t), labels.txn(opTxn[r]!)],
        summary: `incompatible-order: ${labels.txn(t)} ${labels.op(o)}, but ${labels.txn(opTxn[r]!)} ${labels.op(r)}: neither is a prefix of the other`,
      }));
      readVersion[o] = NO_VERSION;
      continue;
    }
    // Aborted or garbage elements before the end (the end itself is the shared checks' business).
    const aborted = firstAborted[k]!;
    if (aborted >= 0 && aborted < len - 1) {
      const w = orderOps[orderStart[k]! + aborted]!;
      sink.add('G1a', () => ({
        name: 'G1a',
        txns: [labels.txn(opTxn[w]!), labels.txn(t)],
        summary: `G1a (aborted read): ${labels.txn(t)} ${labels.op(o)}; ${labels.txn(opTxn[w]!)} ${labels.op(w)} and aborted`,
      }));
    }
    const garbage = firstGarbage[k]!;
    if (garbage >= 0 && garbage < len - 1) {
      const element = readPool[opArg[r]! + garbage]!;
      sink.add('garbage-read', () => ({
        name: 'garbage-read',
        txns: [labels.txn(t)],
        summary: `garbage-read: ${labels.txn(t)} ${labels.op(o)}, which holds ${names.element(element)}, never appended`,
      }));
    }
    if (len === 0) readVersion[o] = initialVersion(k);
    else {
      const w = orderOps[orderStart[k]! + len - 1]!;
      readVersion[o] = w < 0 ? UNKNOWN_VERSION : w;
    }
  }

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
    labels,
    invoke: h.invoke,
    complete: h.complete,
    internalChecked: true,
  };

  function dirtyUpdate(abortedOp: number, o: number): void {
    sink.add('dirty-update', () => ({
      name: 'dirty-update',
      txns: [labels.txn(opTxn[abortedOp]!), labels.txn(opTxn[o]!)],
      summary: `dirty-update: ${labels.txn(opTxn[o]!)} ${labels.op(o)} right after ${labels.txn(opTxn[abortedOp]!)} ${labels.op(abortedOp)} and aborted`,
    }));
  }
}

/** Keys with at most this many appends are searched linearly (contiguous, no hashing). */
const SMALL_KEY = 16;

/**
 * Which append wrote element e to key k. Appends are grouped by key with their elements copied
 * alongside, so the usual short key is a scan of a few contiguous integers; long keys use a hash
 * map. Throws a RangeError on an element appended twice to a key.
 */
class AppendIndex {
  private readonly start: Int32Array;
  private readonly ops: Int32Array;
  private readonly elements: Int32Array;
  private readonly big: IntPairMap;

  constructor(h: ListAppendHistory, names: ListAppendNames) {
    const { opStart, opKind, opKey, opArg, keyCount, txnCount } = h;
    const opCount = opStart[txnCount]!;
    const start = new Int32Array(keyCount + 1);
    for (let o = 0; o < opCount; o++) if (opKind[o] === WRITE) start[opKey[o]! + 1]!++;
    for (let k = 1; k <= keyCount; k++) start[k]! += start[k - 1]!;
    const fill = start.slice(0, keyCount);
    const ops = new Int32Array(start[keyCount]!);
    const elements = new Int32Array(start[keyCount]!);
    for (let o = 0; o < opCount; o++) {
      if (opKind[o] !== WRITE) continue;
      const at = fill[opKey[o]!]!++;
      ops[at] = o;
      elements[at] = opArg[o]!;
    }
    let inBig = 0;
    for (let k = 0; k < keyCount; k++)
      if (start[k + 1]! - start[k]! > SMALL_KEY) inBig += start[k + 1]! - start[k]!;
    const big = new IntPairMap(inBig);
    for (let k = 0; k < keyCount; k++) {
      const from = start[k]!;
      const to = start[k + 1]!;
      for (let i = from; i < to; i++) {
        if (
          to - from > SMALL_KEY
            ? big.putIfAbsent(k, elements[i]!, ops[i]!) !== ops[i]
            : repeats(elements, from, i)
        ) {
          throw new RangeError(
            `element ${names.element(elements[i]!)} is appended to ${names.key(k)} twice`,
          );
        }
      }
    }
    this.start = start;
    this.ops = ops;
    this.elements = elements;
    this.big = big;
  }

  /** The append of `element` to `key`, or -1. */
  find(key: number, element: number): number {
    const from = this.start[key]!;
    const to = this.start[key + 1]!;
    if (to - from > SMALL_KEY) return this.big.get(key, element);
    for (let i = from; i < to; i++) if (this.elements[i] === element) return this.ops[i]!;
    return -1;
  }
}

/** Whether `values[i]` occurs in `values[from]` to `values[i - 1]`. */
function repeats(values: Int32Array, from: number, i: number): boolean {
  for (let j = from; j < i; j++) if (values[j] === values[i]) return true;
  return false;
}

const defaultNames: ListAppendNames = {
  txn: (t) => `t${t}`,
  key: (k) => `k${k}`,
  element: (e) => String(e),
};

/** Longest list shown in full in a report. */
const SHOWN = 8;

function listLabels(h: ListAppendHistory, names: ListAppendNames): Labels {
  return {
    txn: names.txn,
    key: names.key,
    op: (o) => {
      const key = names.key(h.opKey[o]!);
      if (h.opKind[o] === WRITE) return `appended ${names.element(h.opArg[o]!)} to ${key}`;
      const len = h.opLen[o]!;
      const start = h.opArg[o]!;
      const shown: string[] = [];
      if (len > SHOWN) shown.push('…');
      for (let i = Math.max(0, len - SHOWN); i < len; i++)
        shown.push(names.element(h.readPool[start + i]!));
      return `read ${key} = [${shown.join(', ')}]`;
    },
  };
}
