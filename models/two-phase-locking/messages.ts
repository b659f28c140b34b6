/**
 * Messages and events of the two-phase-locking model. Names follow Bernstein, Hadzilacos and
 * Goodman (1987): a transaction manager (at the client) sends operations to the data managers of
 * the servers holding the items, whose lock managers grant shared (S) or exclusive (X) locks; every
 * message the kernel delivers carries `from`, the sender's index.
 */

/** A lock mode: shared (reads) or exclusive (writes). */
export type Mode = 'S' | 'X';

/** The data items a configuration may use, in order. */
export const ITEMS = ['x', 'y', 'z', 'u'] as const;

/** A transaction as a client submits it. */
export interface TxnSpec {
  /** Its name, `t0`, `t1`… (a restart is attempt `t0#2`, `t0#3`…). */
  readonly txn: string;
  /** Its timestamp: its index; restarts keep it, so that wait-die and wound-wait do not starve it. */
  readonly ts: number;
  /** Its operations in order: `rx` reads x, `wy` writes y. */
  readonly ops: readonly string[];
  /** Whether its client may decide to roll it back (abort at the end instead of committing). */
  readonly mayAbort: boolean;
}

/** Client input: run this transaction after the client's earlier ones. */
export interface Submit extends TxnSpec {
  readonly type: 'submit';
}

/** Client choice: roll the current transaction back once its operations are done. */
export interface ChooseAbort {
  readonly type: 'chooseAbort';
}

/** TM → DM: read `item` for transaction `txn` (an S lock first). */
export interface Read {
  readonly type: 'Read';
  readonly txn: string;
  readonly ts: number;
  readonly item: string;
  readonly from: number;
}

/** TM → DM: write `value` to `item` for `txn` (an X lock first; updated in place, undo kept). */
export interface Write {
  readonly type: 'Write';
  readonly txn: string;
  readonly ts: number;
  readonly item: string;
  readonly value: string;
  readonly from: number;
}

/** TM → DM: `txn` committed: forget its undo records and release its locks. */
export interface Commit {
  readonly type: 'Commit';
  readonly txn: string;
  readonly from: number;
}

/** TM → DM: `txn` aborted: restore its before-images, drop its waiting request, release its locks. */
export interface Abort {
  readonly type: 'Abort';
  readonly txn: string;
  readonly from: number;
}

/** TM → DM, non-strict 2PL only: `txn` reached its lock point: release its locks now. */
export interface Unlock {
  readonly type: 'Unlock';
  readonly txn: string;
  readonly from: number;
}

/** DM → TM: the value read (null: the initial value). */
export interface ReadOk {
  readonly type: 'ReadOk';
  readonly txn: string;
  readonly item: string;
  readonly value: string | null;
  readonly from: number;
}

/** DM → TM: the write is done. */
export interface WriteOk {
  readonly type: 'WriteOk';
  readonly txn: string;
  readonly item: string;
  readonly from: number;
}

/** DM → TM, wait-die: `txn` is younger than a holder of the lock it asked for: it dies (restarts). */
export interface Die {
  readonly type: 'Die';
  readonly txn: string;
  readonly from: number;
}

/** DM → TM, wait-die: the transactions `txn` died for have released the item: restart it now. */
export interface Retry {
  readonly type: 'Retry';
  readonly txn: string;
  readonly from: number;
}

/** DM → TM, wound-wait: an older transaction wants a lock `txn` holds: abort it unless it is done. */
export interface Wound {
  readonly type: 'Wound';
  readonly txn: string;
  readonly from: number;
}

/** DM → detector: `txn` waits for `holders` to release `item`. */
export interface WaitsFor {
  readonly type: 'WaitsFor';
  readonly txn: string;
  readonly ts: number;
  readonly client: number;
  readonly item: string;
  readonly holders: readonly string[];
  readonly from: number;
}

/** DM → detector: `txn` no longer waits for `item` (granted, or gone). */
export interface Unblocked {
  readonly type: 'Unblocked';
  readonly txn: string;
  readonly item: string;
  readonly from: number;
}

/** Detector → TM: `txn` is the victim of a deadlock: abort it (and restart it). */
export interface Victim {
  readonly type: 'Victim';
  readonly txn: string;
  readonly from: number;
}

/** The events a client's transaction manager handles. */
export type ClientEvent = Submit | ChooseAbort | ReadOk | WriteOk | Die | Retry | Wound | Victim;

/** The events a server's data manager handles. */
export type ServerEvent = Read | Write | Commit | Abort | Unlock;

/** The events the deadlock detector handles. */
export type DetectorEvent = WaitsFor | Unblocked;
