/**
 * `gnutellaReport(options)`: the Gnutella simulator's experiments (what `groupcheck experiment
 * gnutella` writes), reproducing Lv, Cao, Cohen, Li and Shenker (ICS 2002) — flooding, expanding
 * ring and k random walkers on random, power-law, small-world and grid overlays, with uniform,
 * proportional and square-root replication — and the seed's claims: flooding traffic against TTL,
 * slow participants with and without reflectors, Napster's index load against the number of peers;
 * and flow control over the degree-biased walk (the seed's "flow control refines walk to prevent
 * hot-spots"): the busiest servent's load and queue, with and without it, and against its queue
 * bound. With `out`, `gnutellaExperiments` writes every series (CSV, JSON, SVG) and the tables there.
 */
import type { Experiment, Series } from '../experiment.ts';
import { writeExperiment, writeText } from '../output.ts';
import { degreeStats, type DegreeStats, type Topology } from './graph.ts';
import {
  METHODS,
  overlay,
  perObject,
  runMethod,
  workload,
  type FlowPoint,
  type MethodStats,
  type PerObject,
} from './measure.ts';
import { napsterPoint, type NapsterPoint } from './napster.ts';
import type { Replication } from './objects.ts';
import { settingsOf, type GnutellaOptions, type Settings } from './options.ts';
import { reflectorPoint, type ReflectorPoint } from './reflectors.ts';
import { markdown, rowsCsv, type Row } from './tables.ts';

export { gnutellaOptionsSchema, type GnutellaOptions } from './options.ts';

/** Network sizes of the sweeps (those up to `nodes`, and `nodes` itself). */
export const SIZES = [1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000] as const;

/** TTLs of the flooding sweep. */
export const TTLS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** Walker counts of the walkers sweep. */
export const WALKERS = [1, 2, 4, 8, 16, 32, 64] as const;

/** Queue bounds of the flow-control sweep (power-law overlay). */
export const QUEUE_BOUNDS = [1, 2, 4, 8, 16] as const;

/** Object-rank bins of the replication plots: ranks 1, 2–3, 4–7, … (x is the bin's first rank). */
const rankBins = (m: number) => {
  const bins: [number, number][] = [];
  for (let lo = 1; lo <= m; lo *= 2) bins.push([lo, Math.min(m, lo * 2 - 1)]);
  return bins;
};

/** What the experiments give: the plotted experiments, the tables' rows and their text forms. */
export interface GnutellaReport {
  readonly experiments: readonly Experiment[];
  /** The search-method table's rows (one per topology, replication and method). */
  readonly rows: readonly Row[];
  readonly topologies: readonly (DegreeStats & { topology: Topology })[];
  readonly reflectors: readonly ReflectorPoint[];
  readonly napster: readonly NapsterPoint[];
  /** The flow-control sweep on the power-law overlay (empty without it). */
  readonly flowControl: readonly FlowPoint[];
  /** Every table as markdown (for the docs and the console). */
  readonly table: string;
  /** The search-method table as CSV and JSON. */
  readonly csv: string;
  readonly json: string;
}

const round = (x: number, digits = 3) => Number(x.toPrecision(digits));

/** The experiments for `options` (defaults: 10,000 nodes, every topology and replication). */
export function gnutellaReport(
  options: { seed: number } & Partial<GnutellaOptions>,
): GnutellaReport {
  const s = settingsOf(options);
  const sizes = [...new Set([...SIZES.filter((n) => n < s.nodes), s.nodes])];
  const sweepQueries = Math.min(s.queries, 200);
  const first: Replication = s.replications.includes('uniform') ? 'uniform' : s.replications[0]!;
  const experiments: Experiment[] = [];
  const rows: Row[] = [];
  const topologies: (DegreeStats & { topology: Topology })[] = [];
  const ttlMessages: Series[] = [];
  const ttlSuccess: Series[] = [];
  const walkerMessages: Series[] = [];
  const walkerHops: Series[] = [];
  const flowControl: FlowPoint[] = [];

  for (const topology of s.topologies) {
    const graph = overlay(s, topology, s.nodes);
    topologies.push({ topology, ...degreeStats(graph) });
    // The paper's comparison: every method over the same queries, for each replication.
    const ranks = new Map<Replication, PerObject>();
    for (const replication of s.replications) {
      const w = workload(s, graph, replication, s.queries);
      for (const method of METHODS) {
        const tally = method === 'random walk' ? perObject(s.objects) : undefined;
        rows.push(rowOf(topology, replication, runMethod(s, w, method, tally)));
        if (tally !== undefined) ranks.set(replication, tally);
      }
    }
    if (s.replications.length > 1) experiments.push(replicationPlot(s, topology, ranks));
    // Flooding against TTL, and walkers against k, on the first replication's workload.
    const w = workload(s, graph, first, sweepQueries);
    const byTtl = TTLS.map((ttl) => ({ ttl, r: runMethod(s, w, 'flooding', undefined, { ttl }) }));
    ttlMessages.push({
      name: topology,
      rows: byTtl.map(({ ttl, r }) => ({ x: ttl, y: round(r.messages) })),
    });
    ttlSuccess.push({
      name: topology,
      rows: byTtl.map(({ ttl, r }) => ({ x: ttl, y: round(r.success) })),
    });
    const byK = WALKERS.map((k) => ({
      k,
      r: runMethod(s, w, 'random walk', undefined, { walkers: k }),
    }));
    walkerMessages.push({
      name: topology,
      rows: byK.map(({ k, r }) => ({ x: k, y: round(r.messages) })),
    });
    walkerHops.push({ name: topology, rows: byK.map(({ k, r }) => ({ x: k, y: round(r.hops) })) });
    // Flow control against its queue bound, where the hubs are: the power-law overlay.
    if (topology === 'power-law') {
      flowControl.push({ queue: null, stats: runMethod(s, w, 'queued degree-biased walk') });
      for (const queue of QUEUE_BOUNDS) {
        flowControl.push({
          queue,
          stats: runMethod(s, w, 'flow-controlled walk', undefined, { queue }),
        });
      }
    }
    experiments.push(...sizeSweep(s, topology, first, sizes, sweepQueries));
  }
  const setting = `${s.nodes} nodes, degree ${s.degree}, ${first} replication`;
  experiments.unshift(
    {
      name: 'gnutella-ttl-messages',
      title: `Flooding: query messages against TTL (${setting})`,
      xLabel: 'TTL',
      yLabel: 'query messages per query',
      logY: true,
      series: ttlMessages,
    },
    {
      name: 'gnutella-ttl-success',
      title: `Flooding: Pr(success) against TTL (${setting})`,
      xLabel: 'TTL',
      yLabel: 'Pr(success)',
      series: ttlSuccess,
    },
    {
      name: 'gnutella-walkers-messages',
      title: `Random walkers: messages against walkers (${setting})`,
      xLabel: 'walkers k',
      yLabel: 'query messages per query',
      logY: true,
      series: walkerMessages,
    },
    {
      name: 'gnutella-walkers-hops',
      title: `Random walkers: hops to the first hit against walkers (${setting})`,
      xLabel: 'walkers k',
      yLabel: 'hops to the first hit',
      logY: true,
      series: walkerHops,
    },
  );
  const reflectors = sizes.map((n) => reflectorPoint(s, n, first, sweepQueries));
  // Napster's index is cheap to simulate: every size up to 100,000 peers, whatever `nodes` says.
  const napster = SIZES.map((n) => napsterPoint(n, s.seed));
  experiments.push(reflectorPlot(s, reflectors), napsterPlot(s, napster, reflectors));
  return {
    experiments,
    rows,
    topologies,
    reflectors,
    napster,
    flowControl,
    table: markdown(s, rows, topologies, experiments, reflectors, napster, flowControl),
    csv: rowsCsv(rows),
    json: `${JSON.stringify(rows, null, 2)}\n`,
  };
}

/** A table row from a method's figures. */
function rowOf(topology: Topology, replication: Replication, m: MethodStats): Row {
  return {
    topology,
    replication,
    method: m.method,
    success: round(m.success),
    messages: round(m.messages),
    duplicates: round(m.duplicates),
    hitMessages: round(m.hitMessages),
    checks: round(m.checks),
    reached: round(m.reached),
    avgLoad: round(m.avgLoad),
    maxLoad: round(m.maxLoad),
    hops: round(m.hops),
    time: round(m.time),
    maxQueue: m.maxQueue,
    drops: round(m.drops),
    credits: round(m.credits),
  };
}

/** Every method against network size on `topology`: messages, Pr(success), hops to the first hit. */
function sizeSweep(
  s: Settings,
  topology: Topology,
  replication: Replication,
  sizes: readonly number[],
  queries: number,
): Experiment[] {
  const stats = sizes.map((n) => {
    const w = workload(s, overlay(s, topology, n), replication, queries);
    return METHODS.map((method) => runMethod(s, w, method));
  });
  const series = (y: (m: MethodStats) => number): Series[] =>
    METHODS.map((method, i) => ({
      name:
        method === 'flooding' || method === 'expanding ring'
          ? `${method} (TTL ${s.ttl})`
          : method === 'flow-controlled walk'
            ? `${method} (k=${s.walkers}, credit ${s.credit}, queue ${s.queue})`
            : `${method} (k=${s.walkers})`,
      rows: sizes.map((n, j) => ({ x: n, y: round(y(stats[j]![i]!)) })),
    }));
  const setting = `${topology}, degree ${s.degree}, ${replication} replication`;
  return [
    {
      name: `gnutella-${topology}-messages`,
      title: `Query messages per query against network size (${setting})`,
      xLabel: 'nodes',
      yLabel: 'query messages per query',
      logY: true,
      series: series((m) => m.messages),
    },
    {
      name: `gnutella-${topology}-success`,
      title: `Pr(success) against network size (${setting})`,
      xLabel: 'nodes',
      yLabel: 'Pr(success)',
      series: series((m) => m.success),
    },
    {
      name: `gnutella-${topology}-hops`,
      title: `Hops to the first hit against network size (${setting})`,
      xLabel: 'nodes',
      yLabel: 'hops to the first hit',
      series: series((m) => m.hops),
    },
    {
      name: `gnutella-${topology}-busiest`,
      title: `The busiest servent's messages per query against network size (${setting})`,
      xLabel: 'nodes',
      yLabel: 'messages per query at the busiest servent',
      logY: true,
      series: series((m) => m.maxLoad),
    },
  ];
}

/** Random-walk messages per query against the object's popularity rank, per replication. */
function replicationPlot(
  s: Settings,
  topology: Topology,
  ranks: ReadonlyMap<Replication, PerObject>,
): Experiment {
  const bins = rankBins(s.objects);
  return {
    name: `gnutella-replication-${topology}`,
    title: `Random walk (k=${s.walkers}): messages by object popularity (${topology}, ${s.nodes} nodes)`,
    xLabel: 'object popularity rank (bins 1, 2-3, 4-7, …)',
    yLabel: 'query messages per query',
    logY: true,
    series: [...ranks].map(([replication, t]) => ({
      name: replication,
      rows: bins.flatMap(([lo, hi]) => {
        let q = 0;
        let m = 0;
        for (let o = lo - 1; o < hi; o++) {
          q += t.queries[o]!;
          m += t.messages[o]!;
        }
        return q === 0 ? [] : [{ x: lo, y: round(m / q) }];
      }),
    })),
  };
}

/** Slow participants' load, flat and behind reflectors, against network size. */
function reflectorPlot(s: Settings, points: readonly ReflectorPoint[]): Experiment {
  const line = (name: string, y: (p: ReflectorPoint) => number): Series => ({
    name,
    rows: points.map((p) => ({ x: p.nodes, y: y(p) })),
  });
  return {
    name: 'gnutella-reflectors',
    title: `Slow peers' load, one query per peer per 5 min (power-law, flooding TTL ${s.ttl})`,
    xLabel: 'peers',
    yLabel: 'messages per minute at a slow peer',
    logY: true,
    series: [
      line('flat network: slow peer (mean)', (p) => p.flatSlowMean),
      line('flat network: busiest slow peer', (p) => p.flatSlowMax),
      line('behind reflectors: leaf (mean)', (p) => p.leafMean),
      line('behind reflectors: busiest leaf', (p) => p.leafMax),
    ],
  };
}

/** Napster's index load against the number of peers, beside a Gnutella peer's. */
function napsterPlot(
  s: Settings,
  points: readonly NapsterPoint[],
  reflectors: readonly ReflectorPoint[],
): Experiment {
  return {
    name: 'gnutella-napster',
    title: 'Napster: operations per second at the central index (one query per peer per 5 min)',
    xLabel: 'peers',
    yLabel: 'per second (index operations; a Gnutella peer’s messages)',
    logY: true,
    series: [
      {
        name: 'Napster index: operations/s (mean)',
        rows: points.map((p) => ({ x: p.peers, y: p.mean })),
      },
      {
        name: 'Napster index: busiest second',
        rows: points.map((p) => ({ x: p.peers, y: p.peak })),
      },
      {
        name: `Gnutella peer: messages/s (flooding TTL ${s.ttl}, power-law)`,
        rows: reflectors.map((p) => ({
          x: p.nodes,
          y: Math.round((p.flatSlowMean / 60) * 100) / 100,
        })),
      },
    ],
  };
}

/** The experiments for `options`; written, with the tables, into `options.out` when it is given. */
export function gnutellaExperiments(
  options: { seed: number; out?: string } & Partial<GnutellaOptions>,
): Experiment[] {
  const { out, ...rest } = options;
  const report = gnutellaReport(rest);
  if (out !== undefined) {
    for (const e of report.experiments) writeExperiment(out, e);
    writeText(out, 'gnutella-table.md', report.table);
    writeText(out, 'gnutella-table.csv', report.csv);
    writeText(out, 'gnutella-table.json', report.json);
  }
  return [...report.experiments];
}
