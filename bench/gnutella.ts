/**
 * Gnutella simulator figures (issue 15): simulated message hops/s (Query descriptors delivered by
 * flooding at TTL 7) at 10,000 and 100,000 nodes, as medians of several runs, and the time of a
 * 100,000-node flooding experiment at TTL 7 (build the power-law overlay, place the objects, run
 * the queries). Targets: 5,000,000 hops/s on one core; the 100,000-node experiment within a minute.
 */
import { makeGraph, type Topology } from '../experiments/gnutella/graph.ts';
import { runMethod, workload } from '../experiments/gnutella/measure.ts';
import { settingsOf } from '../experiments/gnutella/options.ts';
import { Simulator } from '../experiments/gnutella/sim.ts';
import { Rng } from '../experiments/rng.ts';
import { fmt, median } from './stats.ts';

/** Seconds of wall-clock time and of this process's CPU time (user + system) since `start`. */
function elapsed(start: { wall: number; cpu: NodeJS.CpuUsage }): { wall: number; cpu: number } {
  const cpu = process.cpuUsage(start.cpu);
  return { wall: (performance.now() - start.wall) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

const now = () => ({ wall: performance.now(), cpu: process.cpuUsage() });

/** A rate per wall-clock second and per CPU second (the second is what one core gives). */
interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

/** The figures `gnutellaBench` measures. */
export interface GnutellaBenchFigures {
  /** Median hops/s per network size and topology, with the slowest and fastest run. */
  readonly rates: readonly {
    nodes: number;
    topology: Topology;
    median: Rate;
    min: Rate;
    max: Rate;
  }[];
  /** The 100,000-node flooding experiment: seconds to build and to run, queries and messages. */
  readonly flood100k: {
    build: Rate;
    run: Rate;
    queries: number;
    messages: number;
  };
}

/** Hops/s of `queries` floods at TTL 7 from random servents of a fresh overlay. */
function rate(topology: Topology, nodes: number, queries: number, seed: number): Rate {
  const sim = new Simulator(makeGraph(topology, nodes, 4, new Rng(seed)));
  const holders = Uint32Array.from({ length: nodes / 100 }, (_, i) => i * 100);
  sim.setTarget(holders, 0, holders.length);
  const rng = new Rng(seed + 1);
  const start = now();
  for (let q = 0; q < queries; q++) sim.flood(rng.int(nodes), 7);
  const t = elapsed(start);
  return { wall: sim.delivered / t.wall, cpu: sim.delivered / t.cpu };
}

/** The median, smallest and largest of `runs`, wall-clock and CPU each. */
function spread(runs: readonly Rate[]): { median: Rate; min: Rate; max: Rate } {
  const of = (f: (xs: number[]) => number) => ({
    wall: f(runs.map((r) => r.wall)),
    cpu: f(runs.map((r) => r.cpu)),
  });
  return { median: of(median), min: of((xs) => Math.min(...xs)), max: of((xs) => Math.max(...xs)) };
}

/** Measures the figures: `repeats` runs per point after a warm-up (fewer queries when `quick`). */
export function gnutellaBench(repeats: number, quick: boolean): GnutellaBenchFigures {
  const rates: GnutellaBenchFigures['rates'][number][] = [];
  for (const nodes of [10_000, 100_000]) {
    for (const topology of ['random', 'power-law'] as const) {
      const queries = (quick ? 50 : 200) * (nodes === 10_000 ? 4 : 1);
      rate(topology, nodes, 20, 99); // warm-up
      const runs = Array.from({ length: repeats }, (_, r) => rate(topology, nodes, queries, r + 1));
      rates.push({ nodes, topology, ...spread(runs) });
    }
  }
  const queries = quick ? 100 : 500;
  const s = settingsOf({ seed: 1, nodes: 100_000, queries, ttl: 7 });
  const t0 = now();
  const graph = makeGraph('power-law', 100_000, 4, new Rng(1));
  const w = workload(s, graph, 'uniform', queries);
  const build = elapsed(t0);
  const t1 = now();
  const stats = runMethod(s, w, 'flooding');
  const run = elapsed(t1);
  return { rates, flood100k: { build, run, queries, messages: stats.messages * queries } };
}

/** Prints the figures. */
export function printGnutellaBench(repeats: number, quick: boolean): void {
  const f = gnutellaBench(repeats, quick);
  console.log(`\ngnutella simulator: flooding at TTL 7, average degree 4 (median of ${repeats})\n`);
  console.log('hops/s per CPU second (one core), and per wall-clock second on this machine:');
  for (const r of f.rates) {
    console.log(
      `${fmt(r.nodes)} nodes, ${r.topology}: ${fmt(r.median.cpu)} hops/s ` +
        `(min-max ${fmt(r.min.cpu)}-${fmt(r.max.cpu)}); wall clock ${fmt(r.median.wall)}`,
    );
  }
  const { build, run, queries, messages } = f.flood100k;
  console.log(
    `100,000-node flooding experiment (power-law, TTL 7, ${queries} queries, ${fmt(messages)} Query messages): ` +
      `built in ${build.cpu.toFixed(2)} s, run in ${run.cpu.toFixed(2)} s of CPU ` +
      `(${build.wall.toFixed(2)} s and ${run.wall.toFixed(2)} s wall clock)`,
  );
}
