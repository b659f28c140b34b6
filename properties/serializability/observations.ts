/**
 * The transactions a history of observations records, as a register history for the checker. The
 * kinds read are the two-phase-locking model's, and any system that logs the same can be checked:
 * a client (the observing node, one process per node) records `begin {txn}`, `read {txn, item,
 * value}` (null: the initial value), `write {txn, item, value}` (values unique per item), `commit
 * {txn}` and `abort {txn}`; a data manager records `install {txn, item, value}` as it applies a write,
 * which gives each item's version order (the installs of committed transactions, in order) and
 * lets a read of a write whose client has not heard back yet find its writer.
 * A transaction with neither commit nor abort yet is pending: it makes no edge, and reading its
 * writes is no anomaly yet (it may still commit).
 */
import type { History } from '../../models/kernel/spec.ts';
import { NIL, type RegisterHistory } from './register.ts';
import { ABORTED, COMMITTED, PENDING, READ, WRITE } from './txn-history.ts';

/** A register history rebuilt from observations, and the node that ran each transaction. */
export interface ObservedTransactions {
  /** The history, for checkRegister. */
  readonly history: RegisterHistory;
  /** The client node of each transaction, by name. */
  readonly nodeOf: ReadonlyMap<string, number>;
  /** Whether any transaction committed (else there is nothing to check). */
  readonly anyCommitted: boolean;
}

interface Txn {
  readonly name: string;
  readonly node: number;
  status: number;
  readonly ops: { kind: number; item: string; value: string | null }[];
}

/** The transactions `history` records (see the file comment). */
export function observedTransactions(history: History): ObservedTransactions {
  const txns: Txn[] = [];
  const byName = new Map<string, Txn>();
  const installs = new Map<string, string[]>();
  let anyCommitted = false;
  for (const o of history) {
    const name = o['txn'];
    if (typeof name !== 'string') continue;
    switch (o.kind) {
      case 'begin': {
        const txn: Txn = { name, node: o.node, status: PENDING, ops: [] };
        txns.push(txn);
        byName.set(name, txn);
        break;
      }
      case 'read':
      case 'write': {
        const value = o['value'];
        const item = o['item'];
        if (typeof item !== 'string' || (typeof value !== 'string' && value !== null)) break;
        const txn = byName.get(name);
        if (o.kind === 'read') txn?.ops.push({ kind: READ, item, value });
        else if (
          txn !== undefined &&
          !txn.ops.some((op) => op.kind === WRITE && op.value === value)
        )
          txn.ops.push({ kind: WRITE, item, value });
        break;
      }
      case 'commit':
      case 'abort': {
        const txn = byName.get(name);
        if (txn === undefined) break;
        txn.status = o.kind === 'commit' ? COMMITTED : ABORTED;
        anyCommitted ||= o.kind === 'commit';
        break;
      }
      case 'install': {
        const item = o['item'];
        const value = o['value'];
        if (typeof item !== 'string' || typeof value !== 'string') break;
        const list = installs.get(item) ?? [];
        list.push(value);
        installs.set(item, list);
        // Installed before its client hears of it, and visible to others at once: the write is the
        // transaction's latest operation (it has one at a time), so it goes last.
        const txn = byName.get(name);
        if (txn !== undefined && !txn.ops.some((op) => op.kind === WRITE && op.value === value))
          txn.ops.push({ kind: WRITE, item, value });
        break;
      }
    }
  }

  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  const keyId = (item: string) => keys.get(item) ?? keys.set(item, keys.size).get(item)!;
  const valueId = (v: string) => values.get(v) ?? values.set(v, values.size).get(v)!;
  const processes = new Map<number, number>();
  const opStart = new Int32Array(txns.length + 1);
  txns.forEach((t, i) => (opStart[i + 1] = opStart[i]! + t.ops.length));
  const opCount = opStart[txns.length]!;
  const opKind = new Uint8Array(opCount);
  const opKey = new Int32Array(opCount);
  const opValue = new Int32Array(opCount);
  let o = 0;
  for (const t of txns) {
    for (const op of t.ops) {
      opKind[o] = op.kind;
      opKey[o] = keyId(op.item);
      opValue[o] = op.value === null ? NIL : valueId(op.value);
      o++;
    }
  }
  const versionOrder: number[][] = Array.from({ length: keys.size }, () => []);
  for (const [item, list] of installs) {
    const k = keys.get(item);
    if (k !== undefined) versionOrder[k] = list.map(valueId);
  }
  const keyNames = [...keys.keys()];
  const valueNames = [...values.keys()];
  return {
    history: {
      txnCount: txns.length,
      status: Uint8Array.from(txns, (t) => t.status),
      process: Int32Array.from(txns, (t) =>
        processes.has(t.node)
          ? processes.get(t.node)!
          : processes.set(t.node, processes.size).get(t.node)!,
      ),
      opStart,
      opKind,
      opKey,
      opValue,
      keyCount: keys.size,
      versionOrder,
      names: {
        txn: (t) => txns[t]!.name,
        key: (k) => keyNames[k]!,
        value: (v) => valueNames[v]!,
      },
    },
    nodeOf: new Map(txns.map((t) => [t.name, t.node])),
    anyCommitted,
  };
}
