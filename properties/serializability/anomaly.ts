/**
 * What the serializability checker reports. Names follow Adya (Weak Consistency, MIT PhD thesis,
 * 1999) as Elle uses them (Kingsbury & Alvaro, VLDB 2020): dependency cycles G0 (write-write only),
 * G1c (write-write and write-read), G-single (exactly one read-write anti-dependency),
 * G-nonadjacent (two or more, never two in a row), G2-item (two or more; Adya's G2 also covers the
 * others, reported separately here by their more specific names: the checker sees items, not
 * predicates), each with a `-process` suffix when the cycle needs a per-client order edge and
 * `-realtime` when it needs a real-time edge; and the anomalies seen without a cycle: G1a (aborted
 * read), G1b (intermediate read), and, as Elle reports them, `internal` (a read that contradicts
 * the transaction's own earlier read or write of the key), `future-read` (a read of a write the
 * transaction makes later), `lost-update` (two committed transactions read the same version of a
 * key and both wrote it), `dirty-update` (a committed append right after an aborted one),
 * `garbage-read` (a value nobody wrote), `incompatible-order` (list-append reads that are not
 * prefixes of one order, or that show a transaction's append without its earlier one), and
 * `duplicate-elements` (a list read holding an element twice).
 */

/** The kinds of dependency edge, as bits. */
export const WW = 1;
/** Write-read: the target read a version the source installed. */
export const WR = 2;
/** Read-write (anti-dependency): the target installed the version after one the source read. */
export const RW = 4;
/** Per-client order: the same process ran the source, then the target. */
export const PROCESS = 8;
/** Real-time order: the source completed before the target was invoked. */
export const REALTIME = 16;

/** An edge kind's name in reports. */
export function edgeKindName(kind: number): EdgeKind {
  return kind === WW
    ? 'ww'
    : kind === WR
      ? 'wr'
      : kind === RW
        ? 'rw'
        : kind === PROCESS
          ? 'process'
          : 'realtime';
}

/** Edge kinds by name. */
export type EdgeKind = 'ww' | 'wr' | 'rw' | 'process' | 'realtime';

/**
 * Elle's ladder of consistency models, strongest first (snapshot isolation and repeatable read are
 * incomparable: each allows an anomaly the other rules out), then `none`.
 */
export const LADDER = [
  'strict-serializable',
  'serializable',
  'snapshot-isolation',
  'repeatable-read',
  'read-committed',
  'read-uncommitted',
  'none',
] as const;

/** A model of the ladder. */
export type ConsistencyModel = (typeof LADDER)[number];

/** One edge of a reported cycle. */
export interface CycleStep {
  /** The transaction the edge leaves. */
  readonly from: string;
  /** The transaction it reaches. */
  readonly to: string;
  /** The dependency. */
  readonly kind: EdgeKind;
  /** The key the two operations touched (null for a process or real-time edge). */
  readonly key: string | null;
  /** The operations that create the edge, in one line. */
  readonly why: string;
}

/** An anomaly, with the transactions involved and, for a cycle, its edges. */
export interface Anomaly {
  /** Adya's (or Elle's) name: G0, G1a, G1b, G1c, G-single, G2, G2-process, internal… */
  readonly name: string;
  /** The transactions involved (for a cycle, in cycle order). */
  readonly txns: readonly string[];
  /** One line a person can read. */
  readonly summary: string;
  /** For a dependency cycle: its edges, in order, the last returning to the first transaction. */
  readonly cycle?: readonly CycleStep[];
}

/** The checker's verdict on a history. */
export interface SerializabilityReport {
  /** Whether no anomaly was found (real-time ones included, when `realtime`). */
  readonly serializable: boolean;
  /**
   * The strongest model of the ladder the history satisfies as far as the anomalies found show
   * (see ladder.ts): `strict-serializable` only when real-time order was checked.
   */
  readonly strongest: ConsistencyModel;
  /** Whether real-time order was checked (every committed transaction has invoke/complete). */
  readonly realtime: boolean;
  /** Transactions in the history. */
  readonly transactions: number;
  /** Of which committed. */
  readonly committed: number;
  /** Of which aborted. */
  readonly aborted: number;
  /** Dependency edges between transactions (ww, wr, rw, process and realtime). */
  readonly edges: number;
  /** The anomalies found, at most `limit` of them (see `counts` for the totals). */
  readonly anomalies: readonly Anomaly[];
  /** How many anomalies of each name were found. */
  readonly counts: Readonly<Record<string, number>>;
}

/** Collects anomalies up to a limit, counting every one. */
export class AnomalySink {
  /** The anomalies kept. */
  readonly kept: Anomaly[] = [];
  /** Counts by name. */
  readonly counts: Record<string, number> = {};
  /** The total found. */
  total = 0;

  /** A sink keeping at most `limit` anomalies. */
  constructor(readonly limit: number) {}

  /** Whether an anomaly would still be kept (so callers can skip building its description). */
  get wantsMore(): boolean {
    return this.kept.length < this.limit;
  }

  /** Counts an anomaly named `name`, building and keeping it while under the limit. */
  add(name: string, build: () => Anomaly): void {
    this.total++;
    this.counts[name] = (this.counts[name] ?? 0) + 1;
    if (this.kept.length < this.limit) this.kept.push(build());
  }
}
