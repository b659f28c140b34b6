/**
 * Anomalies visible without a dependency cycle, found in one pass over the committed readers:
 * G1a (a committed transaction read a version an aborted one wrote), G1b (it read a version that
 * its writer later overwrote in the same transaction, an intermediate one), `internal` (after
 * writing a key, it read something other than its own latest write, or it read a write of its own
 * that comes later in its program) and `garbage-read` (a value that no write produced).
 */
import type { AnomalySink } from './anomaly.ts';
import {
  ABORTED,
  COMMITTED,
  NO_VERSION,
  UNKNOWN_VERSION,
  WRITE,
  type TxnHistory,
} from './txn-history.ts';

/** Reports every direct anomaly of `h` into `sink`. */
export function findDirectAnomalies(h: TxnHistory, sink: AnomalySink): void {
  const { txnCount, status, opStart, opKind, opKey, opTxn, readVersion, labels } = h;
  const intermediate = intermediateWrites(h);
  // Per key, the transaction (plus one) that last wrote it in the current scan, and that write.
  const writtenBy = new Int32Array(h.keyCount);
  const ownWrite = new Int32Array(h.keyCount);
  for (let t = 0; t < txnCount; t++) {
    if (status[t] !== COMMITTED) continue;
    for (let o = opStart[t]!; o < opStart[t + 1]!; o++) {
      const k = opKey[o]!;
      if (opKind[o] === WRITE) {
        writtenBy[k] = t + 1;
        ownWrite[k] = o;
        continue;
      }
      const v = readVersion[o]!;
      if (v === NO_VERSION) continue;
      if (writtenBy[k] === t + 1) {
        if (v !== ownWrite[k]) {
          const mine = ownWrite[k]!;
          sink.add('internal', () => ({
            name: 'internal',
            txns: [labels.txn(t)],
            summary: `internal: ${labels.txn(t)} ${labels.op(o)} after it ${labels.op(mine)}`,
          }));
        }
        continue;
      }
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
        sink.add('internal', () => ({
          name: 'internal',
          txns: [labels.txn(t)],
          summary: `internal: ${labels.txn(t)} ${labels.op(o)} before it ${labels.op(v)}`,
        }));
      } else if (status[w] === ABORTED) {
        sink.add('G1a', () => ({
          name: 'G1a',
          txns: [labels.txn(w), labels.txn(t)],
          summary: `G1a (aborted read): ${labels.txn(t)} ${labels.op(o)}; ${labels.txn(w)} ${labels.op(v)} and aborted`,
        }));
      } else if (status[w] === COMMITTED && intermediate[v] === 1) {
        sink.add('G1b', () => ({
          name: 'G1b',
          txns: [labels.txn(w), labels.txn(t)],
          summary: `G1b (intermediate read): ${labels.txn(t)} ${labels.op(o)}; ${labels.txn(w)} ${labels.op(v)}, then overwrote it`,
        }));
      }
    }
  }
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
