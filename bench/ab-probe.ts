/**
 * One process of `npm run bench:ab`: loads the engines from a built copy (`DIST/index.js`), runs
 * one workload `RUNS` times and prints one line of JSON, `{ "rates": [...] }`, the rate of every
 * run (the first is the warm-up: compiling, taking memory from the system).
 *
 * Usage: `tsx bench/ab-probe.ts DIST WORKLOAD RUNS`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Engines from '../index.ts';
import type * as FairCycles from '../checkers/exhaustive/fair-cycles.ts';
import type * as Kernel from '../models/kernel/system.ts';
import { AB_WORKLOADS, type AbWorkload } from './ab-stats.ts';
import { LOSSY_SEQUENCER } from './configurations.ts';

const [dist, workload, runs] = process.argv.slice(2);
if (dist === undefined || !(AB_WORKLOADS as readonly string[]).includes(workload ?? '')) {
  console.error(`ab-probe: usage: DIST ${AB_WORKLOADS.join('|')} RUNS`);
  process.exit(2);
}
const load = async (file: string): Promise<unknown> =>
  import(pathToFileURL(path.join(dist, file)).href);
const engines = (await load('index.js')) as typeof Engines;
// The liveness pass and the system it runs on, which the package does not export.
const { checkFairCycles } = (await load('checkers/exhaustive/fair-cycles.js')) as typeof FairCycles;
const { System } = (await load('models/kernel/system.js')) as typeof Kernel;
const protocol = engines.findProtocol('total-order')!;
const sequencer = protocol.variants.find((v) => v.name === 'sequencer')!;

/** A full safety search of the bench's configuration: its distinct states. */
const search = (strategy: 'dfs' | 'bfs') => () =>
  engines.runExhaustive(protocol, sequencer, { strategy, params: LOSSY_SEQUENCER, liveness: false })
    .distinct;
/** One run of the workload: how much it did (distinct states or world steps). */
const once: Record<AbWorkload, () => number> = {
  dfs: search('dfs'),
  bfs: search('bfs'),
  liveness: () => checkFairCycles(new System(protocol, sequencer, LOSSY_SEQUENCER))!.states,
  random: () => engines.runRandom(protocol, sequencer, { runs: 3000, seed: 1, nodes: 5 }).steps,
};
const rates: number[] = [];
for (let i = 0; i < Number(runs); i++) {
  const start = performance.now();
  const done = once[workload as AbWorkload]();
  rates.push(done / ((performance.now() - start) / 1000));
}
console.log(JSON.stringify({ rates }));
