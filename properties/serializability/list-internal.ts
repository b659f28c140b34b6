/**
 * Elle's checks inside one list-append transaction (list-append.ts calls them for transactions
 * with two operations on a key): `internal` (a read inconsistent with the transaction's own last
 * read of the key and its appends since) and `future-read` (a read showing a later own append).
 */
import type { AnomalySink } from './anomaly.ts';
import type { ListAppendHistory, ListAppendNames } from './list-append.ts';
import { WRITE, type Labels } from './txn-history.ts';

/**
 * Elle's `internal` and `future-read` for lists, in a committed transaction that touches a key
 * twice: a read must be the transaction's last read of the key followed by its own appends since
 * (or, before any read, end with its own appends so far); a read must not show an element the
 * transaction appends later. One `internal` per transaction at most, as Elle.
 */
export class InternalCheck {
  // Per key, in the current transaction's scan: the transaction (plus one) that touched it, and
  // its last read of it (-1: none yet).
  private readonly touched: Int32Array;
  private readonly lastRead: Int32Array;

  constructor(
    private readonly h: ListAppendHistory,
    private readonly labels: Labels,
    private readonly names: ListAppendNames,
    private readonly sink: AnomalySink,
  ) {
    this.touched = new Int32Array(h.keyCount);
    this.lastRead = new Int32Array(h.keyCount);
  }

  /** Checks committed transaction `t`. */
  check(t: number): void {
    const { h, labels, names, sink, touched, lastRead } = this;
    const { opStart, opKind, opKey, opArg, opLen, readPool } = h;
    const end = opStart[t + 1]!;
    let internal = false;
    for (let o = opStart[t]!; o < end; o++) {
      const k = opKey[o]!;
      const before = touched[k] === t + 1;
      if (!before) {
        touched[k] = t + 1;
        lastRead[k] = -1;
      }
      if (opKind[o] === WRITE) continue;
      const start = opArg[o]!;
      const len = opLen[o]!;
      for (let a = o + 1; a < end; a++) {
        if (opKind[a] !== WRITE || opKey[a] !== k) continue;
        for (let i = 0; i < len; i++) {
          if (readPool[start + i] !== opArg[a]) continue;
          sink.add('future-read', () => ({
            name: 'future-read',
            txns: [labels.txn(t)],
            summary: `future-read: ${labels.txn(t)} ${labels.op(o)}, showing ${names.element(opArg[a]!)} before it ${labels.op(a)}`,
          }));
        }
      }
      const read = lastRead[k]!;
      lastRead[k] = o;
      if (!before || internal) continue;
      const from = read < 0 ? opStart[t]! : read + 1;
      if (fitsState(h, read, from, o)) continue;
      internal = true;
      let last = read;
      for (let a = from; a < o; a++) if (opKind[a] === WRITE && opKey[a] === k) last = a;
      sink.add('internal', () => ({
        name: 'internal',
        txns: [labels.txn(t)],
        summary: `internal: ${labels.txn(t)} ${labels.op(o)} after it ${labels.op(last)}`,
      }));
    }
  }
}

/** Whether transaction `t` has two operations on one key (else nothing here can be wrong). */
export function touchesTwice(h: ListAppendHistory, t: number): boolean {
  const { opStart, opKey } = h;
  const end = opStart[t + 1]!;
  if (end - opStart[t]! > 16) return true;
  for (let a = opStart[t]!; a < end; a++)
    for (let b = a + 1; b < end; b++) if (opKey[a] === opKey[b]) return true;
  return false;
}

/**
 * Whether read `o` shows read `read` (-1: an unknown prefix) followed by the transaction's appends
 * to the key in operations `from` to `o - 1`.
 */
function fitsState(h: ListAppendHistory, read: number, from: number, o: number): boolean {
  const { opKind, opKey, opArg, opLen, readPool } = h;
  const k = opKey[o]!;
  let since = 0;
  for (let a = from; a < o; a++) if (opKind[a] === WRITE && opKey[a] === k) since++;
  const len = opLen[o]!;
  const start = opArg[o]!;
  const prefix = read < 0 ? len - since : opLen[read]!;
  if (prefix < 0 || (read >= 0 && prefix + since !== len)) return false;
  if (read >= 0 && !isPrefix(readPool, opArg[read]!, start, prefix)) return false;
  for (let a = from, i = prefix; a < o; a++) {
    if (opKind[a] === WRITE && opKey[a] === k && readPool[start + i++] !== opArg[a]) return false;
  }
  return true;
}

/** Whether `len` elements at `a` equal those at `b`. */
export function isPrefix(pool: Int32Array, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (pool[a + i] !== pool[b + i]) return false;
  return true;
}
