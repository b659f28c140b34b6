/**
 * The direct serialization graph (Adya's DSG) over committed transactions, plus per-client order:
 * - ww: Ti installed a version of x and Tj installed the next one;
 * - wr: Tj read a version of x that Ti installed;
 * - rw: Ti read a version of x and Tj installed the next one (an anti-dependency);
 * - process: the same client ran Ti, then Tj;
 * - realtime: Ti completed before Tj was invoked (when every committed transaction has times).
 * Transactions of unknown outcome take part through their writes (txn-history.ts, UNKNOWN).
 * Stored as compressed adjacency (CSR) over typed arrays, each edge with the two operations that
 * create it, so that a cycle can be explained.
 */
import { ByteColumn, IntColumn } from './columns.ts';
import { PROCESS, REALTIME, RW, WR, WW } from './anomaly.ts';
import {
  COMMITTED,
  NO_VERSION,
  READ,
  UNKNOWN,
  UNKNOWN_VERSION,
  writesCount,
  type TxnHistory,
} from './txn-history.ts';

/** A dependency graph in CSR form: the edges of node v are `offsets[v]` to `offsets[v + 1] - 1`. */
export interface DependencyGraph {
  /** Nodes: one per transaction (aborted and pending ones have no edges). */
  readonly nodeCount: number;
  /** Edge ranges per source node (length nodeCount + 1). */
  readonly offsets: Int32Array;
  /** Target node per edge. */
  readonly target: Int32Array;
  /** Kind per edge: WW, WR, RW, PROCESS or REALTIME. */
  readonly kind: Uint8Array;
  /** The source transaction's operation creating the edge (-1 for process and realtime edges). */
  readonly causeFrom: Int32Array;
  /** The target transaction's operation creating the edge (-1 for process and realtime edges). */
  readonly causeTo: Int32Array;
  /** Whether real-time edges were added (every committed transaction has invoke/complete). */
  readonly realtime: boolean;
}

/** Collects edges in columns before they are sorted by source. */
class EdgeList {
  readonly src: IntColumn;
  readonly dst: IntColumn;
  readonly kind: ByteColumn;
  readonly a: IntColumn;
  readonly b: IntColumn;

  constructor(capacity: number) {
    this.src = new IntColumn(capacity);
    this.dst = new IntColumn(capacity);
    this.kind = new ByteColumn(capacity);
    this.a = new IntColumn(capacity);
    this.b = new IntColumn(capacity);
  }

  add(src: number, dst: number, kind: number, a: number, b: number): void {
    this.src.push(src);
    this.dst.push(dst);
    this.kind.push(kind);
    this.a.push(a);
    this.b.push(b);
  }
}

/**
 * Builds the dependency graph of `h` (edges only between distinct transactions that committed, or
 * whose outcome is unknown).
 */
export function buildDependencyGraph(h: TxnHistory): DependencyGraph {
  const { txnCount, status, opStart, opKind, opTxn, readVersion } = h;
  const opCount = opStart[txnCount]!;
  const succ = successorIndex(h);
  const edges = new EdgeList(opCount * 2 + txnCount + 16);

  for (let i = 0; i < h.succFrom.length; i++) {
    const from = h.succFrom[i]!;
    if (from < 0) continue;
    const to = h.succTo[i]!;
    const a = opTxn[from]!;
    const b = opTxn[to]!;
    if (a !== b && writesCount(status[a]!) && writesCount(status[b]!))
      edges.add(a, b, WW, from, to);
  }

  const stack = new IntColumn();
  for (let t = 0; t < txnCount; t++) {
    if (status[t] !== COMMITTED) continue;
    for (let o = opStart[t]!; o < opStart[t + 1]!; o++) {
      if (opKind[o] !== READ) continue;
      const v = readVersion[o]!;
      if (v === UNKNOWN_VERSION || v === NO_VERSION) continue;
      const writer = v >= 0 ? opTxn[v]! : -1;
      if (writer === t) continue;
      if (writer >= 0) {
        if (!writesCount(status[writer]!)) continue;
        edges.add(writer, t, WR, v, o);
      }
      // The next versions by another transaction: later versions by the same writer are its own
      // intermediate steps (a G1b if read), so look past them.
      // (Bounded by the writer's operation count, so a malformed order cannot loop.)
      let budget = writer >= 0 ? opStart[writer + 1]! - opStart[writer]! : 0;
      stack.length = 0;
      stack.push(v);
      while (stack.length > 0) {
        const node = versionNode(stack.get(--stack.length), opCount);
        for (let e = succ.offsets[node]!; e < succ.offsets[node + 1]!; e++) {
          const s = succ.targets[e]!;
          const c = opTxn[s]!;
          if (c === writer) {
            if (budget-- > 0) stack.push(s);
          } else if (c !== t && writesCount(status[c]!)) edges.add(t, c, RW, o, s);
        }
      }
    }
  }

  let processes = 0;
  for (let t = 0; t < txnCount; t++) processes = Math.max(processes, h.process[t]! + 1);
  const last = new Int32Array(processes).fill(-1);
  for (let t = 0; t < txnCount; t++) {
    const p = h.process[t]!;
    if (p < 0 || status[t] !== COMMITTED) continue;
    if (last[p]! >= 0) edges.add(last[p]!, t, PROCESS, -1, -1);
    last[p] = t;
  }
  const realtime = hasRealTime(h);
  if (realtime) addRealTimeEdges(h, edges);
  return toCsr(txnCount, edges, realtime);
}

/** Whether every committed transaction has invoke and complete times (and there is one). */
export function hasRealTime(h: TxnHistory): boolean {
  const { invoke, complete, status } = h;
  if (invoke === undefined || complete === undefined) return false;
  let any = false;
  for (let t = 0; t < h.txnCount; t++) {
    if (status[t] !== COMMITTED) continue;
    if (Number.isNaN(invoke[t]!) || Number.isNaN(complete[t]!)) return false;
    any = true;
  }
  return any;
}

/**
 * Real-time edges, Elle's way: a sweep over invocations and completions in time order keeps the
 * frontier of completed committed transactions no later completion follows (a transaction leaves
 * it when one that was invoked after it completed: edges through that one imply its own). Each
 * invocation of a committed or unknown transaction gets an edge from every frontier member. Ties
 * make no edge (an edge needs `complete < invoke`). O(n log n + edges); the frontier is at most
 * the number of transactions running at once.
 */
function addRealTimeEdges(h: TxnHistory, edges: EdgeList): void {
  const { status, txnCount } = h;
  const invoke = h.invoke!;
  const complete = h.complete!;
  const invoked: number[] = [];
  const completed: number[] = [];
  for (let t = 0; t < txnCount; t++) {
    if ((status[t] === COMMITTED || status[t] === UNKNOWN) && !Number.isNaN(invoke[t]!))
      invoked.push(t);
    if (status[t] === COMMITTED) completed.push(t);
  }
  invoked.sort((a, b) => invoke[a]! - invoke[b]! || a - b);
  completed.sort((a, b) => complete[a]! - complete[b]! || a - b);
  let frontier: number[] = [];
  let c = 0;
  for (const t of invoked) {
    while (c < completed.length && complete[completed[c]!]! < invoke[t]!) {
      const done = completed[c++]!;
      frontier = frontier.filter((f) => !(complete[f]! < invoke[done]!));
      frontier.push(done);
    }
    for (const f of frontier) if (f !== t) edges.add(f, t, REALTIME, -1, -1);
  }
}

/** Version node ids: writes are themselves, initial versions come after the last operation. */
function versionNode(version: number, opCount: number): number {
  return version >= 0 ? version : opCount - 1 - version;
}

/** The successor pairs grouped by their first version. */
function successorIndex(h: TxnHistory): { offsets: Int32Array; targets: Int32Array } {
  const opCount = h.opStart[h.txnCount]!;
  const offsets = new Int32Array(opCount + h.keyCount + 1);
  const n = h.succFrom.length;
  for (let i = 0; i < n; i++) offsets[versionNode(h.succFrom[i]!, opCount) + 1]!++;
  for (let v = 1; v < offsets.length; v++) offsets[v]! += offsets[v - 1]!;
  const fill = offsets.slice(0, offsets.length - 1);
  const targets = new Int32Array(n);
  for (let i = 0; i < n; i++) targets[fill[versionNode(h.succFrom[i]!, opCount)]!++] = h.succTo[i]!;
  return { offsets, targets };
}

/** Sorts the collected edges by source (a counting sort). */
function toCsr(nodeCount: number, edges: EdgeList, realtime: boolean): DependencyGraph {
  const m = edges.src.length;
  const src = edges.src.view();
  const offsets = new Int32Array(nodeCount + 1);
  for (let e = 0; e < m; e++) offsets[src[e]! + 1]!++;
  for (let v = 1; v <= nodeCount; v++) offsets[v]! += offsets[v - 1]!;
  const fill = offsets.slice(0, nodeCount);
  const target = new Int32Array(m);
  const kind = new Uint8Array(m);
  const causeFrom = new Int32Array(m);
  const causeTo = new Int32Array(m);
  const dst = edges.dst.view();
  const kinds = edges.kind.view();
  const a = edges.a.view();
  const b = edges.b.view();
  for (let e = 0; e < m; e++) {
    const at = fill[src[e]!]!++;
    target[at] = dst[e]!;
    kind[at] = kinds[e]!;
    causeFrom[at] = a[e]!;
    causeTo[at] = b[e]!;
  }
  return { nodeCount, offsets, target, kind, causeFrom, causeTo, realtime };
}
