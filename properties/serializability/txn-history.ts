/**
 * The checker's normalized history: transactions, their operations, which version each read saw,
 * and what is known of each key's version order, all as integer columns. The two front-ends
 * (list-append.ts, register.ts) turn their input into this, so the dependency graph, the cycle
 * search and the direct anomalies are written once.
 *
 * Versions are named by the write that installed them: a write operation's index, or
 * `initialVersion(key)` for a key's initial version. The version order is given as successor
 * pairs: "version `to` was installed right after version `from`" (only versions of committed
 * transactions; intermediate writes of a committed transaction are versions too, as in Adya).
 */

/** Operation kind: a read. */
export const READ = 0;
/** Operation kind: a write (a register write or a list append). */
export const WRITE = 1;

/** Outcome: the transaction aborted. */
export const ABORTED = 0;
/** Outcome: the transaction committed. */
export const COMMITTED = 1;
/** Outcome: not known yet (a model's transaction still running): no edges, and reading its writes is no anomaly yet. */
export const PENDING = 2;

/**
 * Outcome: unknown for good (Jepsen's `:info`: it may or may not have committed). As in Elle, its
 * writes take part in the graph (seen, they show it committed; unseen, they only gain incoming
 * edges), its reads are ignored (their values are not known), reading its writes is no G1a, and it
 * has no per-client order edges (its client gave up on it).
 */
export const UNKNOWN = 3;

/** Whether a transaction's writes take part in the dependency graph (committed or unknown). */
export function writesCount(status: number): boolean {
  return status === COMMITTED || status === UNKNOWN;
}

/** `readVersion` of a read whose value no write produced (a garbage read). */
export const UNKNOWN_VERSION = -2_000_000_000;

/** `readVersion` of a read the front-end could not place (it reported why): no edges, no checks. */
export const NO_VERSION = -2_000_000_001;

/** The version id of `key`'s initial version (negative, so it never clashes with a write). */
export function initialVersion(key: number): number {
  return -1 - key;
}

/** Whether a version id names a key's initial version. */
export function isInitial(version: number): boolean {
  return version < 0 && version > UNKNOWN_VERSION;
}

/** Names and descriptions for reports; only called when something is reported. */
export interface Labels {
  /** A transaction's name, e.g. `t3`. */
  readonly txn: (txn: number) => string;
  /** A key's name, e.g. `x`. */
  readonly key: (key: number) => string;
  /** What an operation did, e.g. `read x = [1, 2]` or `appended 3 to x`. */
  readonly op: (op: number) => string;
}

/** The columns every history format shares, before normalization. */
export type HistoryColumns = Pick<
  TxnHistory,
  'txnCount' | 'status' | 'process' | 'opStart' | 'opKind' | 'opKey' | 'invoke' | 'complete'
>;

/** A normalized transaction history (see the file comment). */
export interface TxnHistory {
  /** Number of transactions. */
  readonly txnCount: number;
  /** Outcome per transaction: ABORTED, COMMITTED, PENDING or UNKNOWN. */
  readonly status: Uint8Array;
  /** Process (client) per transaction, dense from 0, or -1; in a process, index order is its order. */
  readonly process: Int32Array;
  /** The operations of transaction t are `opStart[t]` to `opStart[t + 1] - 1`, in program order. */
  readonly opStart: Int32Array;
  /** Kind per operation: READ or WRITE. */
  readonly opKind: Uint8Array;
  /** Key per operation, dense from 0. */
  readonly opKey: Int32Array;
  /** Transaction per operation. */
  readonly opTxn: Int32Array;
  /** Per read: the version it saw (a write's index, an initial version, UNKNOWN_ or NO_VERSION). */
  readonly readVersion: Int32Array;
  /** Number of keys. */
  readonly keyCount: number;
  /** Version-order successor pairs: `succTo[i]` was installed right after `succFrom[i]`. */
  readonly succFrom: Int32Array;
  /** See `succFrom`. */
  readonly succTo: Int32Array;
  /** Names for reports. */
  readonly labels: Labels;
  /**
   * Per transaction, when its client invoked it and saw it complete (any one unit; NaN: not
   * known). Real-time order is checked (strict serializability) when every committed transaction
   * has both.
   */
  readonly invoke?: Float64Array;
  /** See `invoke`. */
  readonly complete?: Float64Array;
  /** Whether the front-end already reported `internal` and `future-read` (list-append does). */
  readonly internalChecked?: boolean;
}

/** The transaction of every operation, from `opStart`. */
export function operationOwners(txnCount: number, opStart: Int32Array): Int32Array {
  const owners = new Int32Array(opStart[txnCount]!);
  for (let t = 0; t < txnCount; t++) owners.fill(t, opStart[t]!, opStart[t + 1]!);
  return owners;
}
