/**
 * Anomalies visible without a dependency cycle, found in one pass over the committed readers:
 * G1a (a committed transaction read a version an aborted one wrote), G1b (it read a version that
 * its writer later overwrote in the same transaction, an intermediate one), `garbage-read` (a value
 * that no write produced), and, unless the front-end checked them itself (`internalChecked`),
 * Elle's `internal` (a read inconsistent with the transaction's own most recent read or write of
 * the key: after writing, anything but its own latest write; after reading, anything but the same
 * version, as `r x 1, r x 2`) and `future-read` (a read of a write the transaction makes later).
 * Then `lost-update` (Elle's): two committed transactions read the same version of a key before
 * writing it, and both wrote it.
 */
import type { AnomalySink } from './anomaly.ts';
import { IntColumn } from './columns.ts';
import {
  ABORTED,
  COMMITTED,
  NO_VERSION,
  UNKNOWN_VERSION,
  WRITE,
  writesCount,
  type TxnHistory,
} from './txn-history.ts';

/** Reports every direct anomaly of `h` into `sink`. */
export function findDirectAnomalies(h: TxnHistory, sink: AnomalySink): void {
  const { txnCount, status, opStart, opKind, opKey, opTxn, readVersion, labels } = h;
  const intermediate = intermediateWrites(h);
  const checkInternal = h.internalChecked !== true;
  // Per key: the transaction (plus one) whose scan last touched it and the version it expects
  // there (its own latest write, or the version it last read), the operation that set it, and the
  // transaction (plus one) that wrote the key in this scan.
  const touchedBy = new Int32Array(h.keyCount);
  const expected = new Int32Array(h.keyCount);
  const expectedOp = new Int32Array(h.keyCount);
  const writtenBy = new Int32Array(h.keyCount);
  // Lost updates: per key, the version the transaction's first operation on it read (NO_VERSION
  // if it was a write); per version, the first transaction (plus one) that read it, then wrote
  // its key; and the versions a second one did so too.
  const firstRead = new Int32Array(h.keyCount);
  const opCount = opStart[txnCount]!;
  const claimedBy = new Int32Array(opCount + h.keyCount);
  const lost = new IntColumn();
  for (let t = 0; t < txnCount; t++) {
    if (status[t] !== COMMITTED) continue;
    for (let o = opStart[t]!; o < opStart[t + 1]!; o++) {
      const k = opKey[o]!;
      if (touchedBy[k] !== t + 1) firstRead[k] = opKind[o] === WRITE ? NO_VERSION : readVersion[o]!;
      if (opKind[o] === WRITE) {
        const v = firstRead[k]!;
        if (writtenBy[k] !== t + 1 && v !== NO_VERSION && v !== UNKNOWN_VERSION) {
          const node = v >= 0 ? v : opCount - 1 - v;
          if (claimedBy[node] === 0) claimedBy[node] = t + 1;
          else if (claimedBy[node]! > 0) {
            lost.push(v);
            claimedBy[node] = -1;
          }
        }
        touchedBy[k] = t + 1;
        expected[k] = o;
        expectedOp[k] = o;
        writtenBy[k] = t + 1;
        continue;
      }
      const v = readVersion[o]!;
      if (v === NO_VERSION) continue;
      if (checkInternal) {
        if (touchedBy[k] === t + 1 && v !== expected[k]) {
          const before = expectedOp[k]!;
          sink.add('internal', () => ({
            name: 'internal',
            txns: [labels.txn(t)],
            summary: `internal: ${labels.txn(t)} ${labels.op(o)} after it ${labels.op(before)}`,
          }));
        }
        expected[k] = v;
        expectedOp[k] = o;
      }
      touchedBy[k] = t + 1;
      const ownRead = writtenBy[k] === t + 1;
      if (ownRead) continue;
      if (v === UNKNOWN_VERSION) {
        sink.add('garbage-read', () => ({
          name: 'garbage-read',
          txns: [labels.txn(t)],
          summary: `garbage-read: ${labels.txn(t)} ${labels.op(o)}, a value no transaction wrote`,
        }));
        continue;
      }
      if (v < 0) continue;
      const w = opTxn[v]!;
      if (w === t) {
        if (checkInternal) {
          sink.add('future-read', () => ({
            name: 'future-read',
            txns: [labels.txn(t)],
            summary: `future-read: ${labels.txn(t)} ${labels.op(o)} before it ${labels.op(v)}`,
          }));
        }
      } else if (status[w] === ABORTED) {
        sink.add('G1a', () => ({
          name: 'G1a',
          txns: [labels.txn(w), labels.txn(t)],
          summary: `G1a (aborted read): ${labels.txn(t)} ${labels.op(o)}; ${labels.txn(w)} ${labels.op(v)} and aborted`,
        }));
      } else if (writesCount(status[w]!) && intermediate[v] === 1) {
        sink.add('G1b', () => ({
          name: 'G1b',
          txns: [labels.txn(w), labels.txn(t)],
          summary: `G1b (intermediate read): ${labels.txn(t)} ${labels.op(o)}; ${labels.txn(w)} ${labels.op(v)}, then overwrote it`,
        }));
      }
    }
  }
  if (lost.length > 0) reportLostUpdates(h, lost.view(), sink);
}

/**
 * Elle's lost update: committed transactions that each read the same version of a key (their
 * first operation on it, before any write of theirs to it) and then wrote the key. In any serial
 * order the later of two such transactions would have read the earlier one's write. One anomaly
 * per version in `versions` (found so by the caller), naming every such transaction.
 */
function reportLostUpdates(h: TxnHistory, versions: Int32Array, sink: AnomalySink): void {
  const { txnCount, status, opStart, opKind, opKey, readVersion, labels } = h;
  const opCount = opStart[txnCount]!;
  const node = (v: number) => (v >= 0 ? v : opCount - 1 - v);
  // The transactions of each such version, in one more pass.
  const wanted = new Map<number, number[]>();
  for (const v of versions) wanted.set(node(v), []);
  const seenBy = new Int32Array(h.keyCount);
  const first = new Int32Array(h.keyCount);
  for (let t = 0; t < txnCount; t++) {
    if (status[t] !== COMMITTED) continue;
    for (let o = opStart[t]!; o < opStart[t + 1]!; o++) {
      const k = opKey[o]!;
      if (opKind[o] !== WRITE && readVersion[o] === NO_VERSION) continue; // as the main pass
      if (seenBy[k] !== t + 1) {
        seenBy[k] = t + 1;
        first[k] = opKind[o] === WRITE ? NO_VERSION : readVersion[o]!;
      } else if (opKind[o] === WRITE && first[k] !== NO_VERSION) {
        wanted.get(node(first[k]!))?.push(t);
        first[k] = NO_VERSION;
      }
    }
  }
  for (const v of versions) {
    const txns = wanted.get(node(v))!;
    if (txns.length < 2) continue;
    sink.add('lost-update', () => {
      const names = txns.map((t) => labels.txn(t));
      const read = firstReadOf(h, txns[0]!, v);
      return {
        name: 'lost-update',
        txns: names,
        summary: `lost-update: ${names.join(', ')} each ${labels.op(read)}, then wrote ${labels.key(opKey[read]!)}`,
      };
    });
  }
}

/** The first read of transaction `t` that saw version `v`. */
function firstReadOf(h: TxnHistory, t: number, v: number): number {
  let o = h.opStart[t]!;
  while (h.opKind[o] === WRITE || h.readVersion[o] !== v) o++;
  return o;
}

/** Per operation, 1 for a write its transaction later overwrote (same key). */
export function intermediateWrites(h: TxnHistory): Uint8Array {
  const { txnCount, opStart, opKind, opKey } = h;
  const out = new Uint8Array(opStart[txnCount]!);
  const seen = new Int32Array(h.keyCount);
  for (let t = 0; t < txnCount; t++) {
    for (let o = opStart[t + 1]! - 1; o >= opStart[t]!; o--) {
      if (opKind[o] !== WRITE) continue;
      const k = opKey[o]!;
      if (seen[k] === t + 1) out[o] = 1;
      else seen[k] = t + 1;
    }
  }
  return out;
}
