/**
 * The serializability checker over a normalized history: direct anomalies, then the dependency
 * graph, its strongly connected components (Tarjan), and one named cycle per non-trivial component.
 * A history is serializable (here: in a serial order that also respects each client's order of
 * transactions, and real-time order when every committed transaction has times) exactly when none
 * is found, given what its reads reveal of the version order. The report also names the strongest
 * model of Elle's ladder the anomalies found leave standing (ladder.ts).
 */
import {
  AnomalySink,
  edgeKindName,
  PROCESS,
  REALTIME,
  WR,
  type Anomaly,
  type CycleStep,
  type SerializabilityReport,
} from './anomaly.ts';
import { CycleSearch, cycleName, type FoundCycle } from './cycles.ts';
import { buildDependencyGraph, type DependencyGraph } from './dependency-graph.ts';
import { findDirectAnomalies } from './direct-anomalies.ts';
import { strongestModel } from './ladder.ts';
import { stronglyConnectedComponents } from './tarjan.ts';
import { ABORTED, COMMITTED, type TxnHistory } from './txn-history.ts';

/** How many anomalies a report keeps by default (all are counted). */
export const DEFAULT_ANOMALY_LIMIT = 100;

/**
 * Checks `h`. Front-ends pass the `sink` they already reported their own anomalies into
 * (incompatible orders, garbage reads); by default a fresh one keeping 100 anomalies.
 */
export function checkTxnHistory(
  h: TxnHistory,
  sink: AnomalySink = new AnomalySink(DEFAULT_ANOMALY_LIMIT),
): SerializabilityReport {
  findDirectAnomalies(h, sink);
  const g = buildDependencyGraph(h);
  const components = stronglyConnectedComponents(g);
  const search = new CycleSearch(g, components);
  for (let c = 0; c < components.count; c++) {
    if (components.start[c + 1]! - components.start[c]! < 2) continue;
    const cycle = search.mostSevere(c);
    const name = cycleName(cycle.edges.map((e) => g.kind[e]!));
    sink.add(name, () => describeCycle(h, g, cycle, name));
  }
  let committed = 0;
  let aborted = 0;
  for (let t = 0; t < h.txnCount; t++) {
    if (h.status[t] === COMMITTED) committed++;
    else if (h.status[t] === ABORTED) aborted++;
  }
  return {
    serializable: sink.total === 0,
    strongest: strongestModel(Object.keys(sink.counts), g.realtime),
    realtime: g.realtime,
    transactions: h.txnCount,
    committed,
    aborted,
    edges: g.target.length,
    anomalies: sink.kept,
    counts: sink.counts,
  };
}

/** A found cycle as a reported anomaly: `t1 -rw(x)-> t2 -wr(y)-> t1`, and why each edge exists. */
function describeCycle(
  h: TxnHistory,
  g: DependencyGraph,
  cycle: FoundCycle,
  name: string,
): Anomaly {
  const { labels } = h;
  const steps: CycleStep[] = cycle.edges.map((e, i) => {
    const from = labels.txn(cycle.sources[i]!);
    const to = labels.txn(g.target[e]!);
    const kind = g.kind[e]!;
    const a = g.causeFrom[e]!;
    const b = g.causeTo[e]!;
    // ww and rw edges say the target installed the version right after the source's.
    const why =
      kind === PROCESS
        ? `the same client ran ${from}, then ${to}`
        : kind === REALTIME
          ? `${from} completed before ${to} was invoked`
          : `${from} ${labels.op(a)}; ${to} ${labels.op(b)}${kind === WR ? '' : ', the next version'}`;
    return {
      from,
      to,
      kind: edgeKindName(kind),
      key: kind === PROCESS || kind === REALTIME ? null : labels.key(h.opKey[a]!),
      why,
    };
  });
  const chain = steps
    .map((s) => `${s.from} -${s.kind}${s.key === null ? '' : `(${s.key})`}->`)
    .join(' ');
  return {
    name,
    txns: steps.map((s) => s.from),
    summary: `${name}: ${chain} ${steps[0]!.from}`,
    cycle: steps,
  };
}
