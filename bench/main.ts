/**
 * `npm run bench`: the figures the issues ask for, as medians over several runs (the machine is
 * noisy; the spread is printed too). Never asserted in tests.
 */
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { findProtocol } from '../models/index.ts';
import {
  BENCH_SECTIONS,
  benchOptions,
  SECTION_CHILD,
  sectionArgs,
  type BenchSection,
} from './cli.ts';
import { LOSSY_SEQUENCER } from './configurations.ts';
import { benchExhaustive, benchShrinkRatio } from './exhaustive-engine.ts';
import { benchRandom, benchShrink } from './random-engine.ts';
import { fmt } from './stats.ts';

const options = benchOptions(process.argv.slice(2));
if (typeof options === 'string') {
  console.error(`groupcheck bench: ${options}`);
  process.exit(2);
}
const quick = options.quick;
/** The protocols the per-protocol sections cover (`--protocols`, default all). */
const protocols = options.protocols;
/** The sections asked for (`--only`, default all). */
const sections = BENCH_SECTIONS.filter((s) => options.only === null || options.only.has(s));
/**
 * With more than one, each runs in a fresh process of its own (`sectionArgs`), so that none is
 * measured on the heap and the memo tables the sections before it left (at the end of one long
 * process the liveness pass once measured 2.05x the safety search, 1.09-1.39x alone), and a
 * section's figures mean the same in a whole bench as alone.
 */
const split = sections.length > 1;
/** Whether the section `name` runs in this process. */
const wanted = (name: BenchSection): boolean => !split && sections.includes(name);
const repeats = quick ? 3 : 5;
/**
 * Runs the bench script `script` (next to this one) in a fresh process, its output inline, with
 * `args` and the extra environment `env`; a failure there fails the bench.
 */
function inFreshProcess(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const child = spawnSync(process.execPath, [...process.execArgv, path, ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (child.status !== 0) process.exitCode = child.status ?? 1;
}
/** How many runs each ratio (liveness, monitors, por) is the median of. */
const ratioRuns = quick ? 1 : 3;

const runs = quick ? 1000 : 3000;
const compact = {
  chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  style: { head: [], border: [] },
};

if (process.env[SECTION_CHILD] === undefined) {
  console.log(
    `groupcheck bench: node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})`,
  );
}
if (split) {
  for (const section of sections) {
    inFreshProcess('./main.ts', sectionArgs(options, section), { [SECTION_CHILD]: '1' });
  }
}
if (wanted('random')) {
  console.log(
    `random engine: median of ${repeats} explorations of ${runs} scenarios each, fresh memo, after a warm-up\n`,
  );

  const speed = new Table({
    head: [
      'protocol',
      'variant',
      'nodes',
      'world steps/s',
      '(min-max)',
      'scenarios/s',
      'memo hits',
    ],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ...compact,
  });
  for (const protocol of protocols) {
    // Its default size, and 3 and 5 nodes where it has them.
    const sizes = [...new Set([protocol.nodes.default, 3, 5])].sort((a, b) => a - b);
    for (const nodes of sizes.filter((n) => n >= protocol.nodes.min && n <= protocol.nodes.max)) {
      for (const row of benchRandom(protocol, nodes, runs, repeats)) {
        speed.push([
          row.protocol,
          row.variant,
          row.nodes,
          fmt(row.stepsPerSecond),
          row.spread,
          fmt(row.scenariosPerSecond),
          `${(row.memoShare * 100).toFixed(1)}%`,
        ]);
      }
    }
  }
  console.log(speed.toString());
}
const seeds = Array.from({ length: quick ? 5 : 9 }, (_, i) => i + 1);
if (wanted('shrink')) {
  console.log(
    `\nmutants: shrunk trace length over seeds ${seeds[0]}..${seeds[seeds.length - 1]} (default budget)\n`,
  );
  const shrink = new Table({
    head: ['protocol', 'mutant', 'breaks', 'median length', 'lengths', 'median scenarios to catch'],
    colAligns: ['left', 'left', 'left', 'right', 'left', 'right'],
    ...compact,
  });
  for (const protocol of protocols) {
    for (const row of benchShrink(protocol, seeds)) {
      shrink.push([
        row.protocol,
        row.variant,
        row.breaks,
        row.medianLength,
        row.lengths.join(' '),
        row.medianScenarios,
      ]);
    }
  }
  console.log(shrink.toString());
}
if (wanted('exhaustive')) {
  // The exhaustive engine on a configuration of about a million distinct states: total-order's
  // sequencer at 4 members over lossy channels (two multicasts, one loss, one duplication): 938,057.
  const big = findProtocol('total-order')!;
  const exRepeats = quick ? 1 : 5;
  console.log(
    `\nexhaustive engine: total-order sequencer, 4 members, one loss, one duplication, median of ${exRepeats} full safety searches (no liveness pass) after one uncounted, the setups taking turns, wall clock\n`,
  );
  const ex = new Table({
    head: [
      'variant',
      'nodes',
      'workers',
      'strategy',
      'distinct states',
      'states/s',
      '(min-max)',
      'transitions/s',
      'store B/state',
      'parents B/state',
    ],
    colAligns: [
      'left',
      'right',
      'right',
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
    ],
    ...compact,
  });
  // One worker breadth-first (the default, shortest counterexamples) and depth-first (no frontier,
  // faster), then two workers: each warmed up once, then taking turns.
  const rows = await benchExhaustive(
    big,
    'sequencer',
    4,
    [
      { workers: 1, strategy: 'bfs' },
      { workers: 1, strategy: 'dfs' },
      { workers: 2, strategy: 'bfs' },
    ],
    exRepeats,
    LOSSY_SEQUENCER,
  );
  for (const row of rows) {
    ex.push([
      row.variant,
      row.nodes,
      row.workers,
      row.workers === 1 ? row.strategy : 'dfs from a bfs prefix',
      fmt(row.distinct),
      fmt(row.statesPerSecond),
      row.spread,
      fmt(row.transitionsPerSecond),
      row.bytesPerState.toFixed(1),
      row.traceBytesPerState.toFixed(1),
    ]);
  }
  console.log(ex.toString());
  // Workers search depth-first below a breadth-first prefix: against both one-worker searches.
  const over = (row: number) => (rows[2]!.statesPerSecond / rows[row]!.statesPerSecond).toFixed(2);
  console.log(
    `speed-up with 2 workers: ${over(0)}x over one breadth-first worker, ${over(1)}x over one depth-first (each worker starts cold: modules, JIT, memo)`,
  );
}
if (wanted('protocols')) {
  // Every protocol's exhaustive speed on its fast-tier bounded configuration (the one its manifest
  // pins for CI), first correct variant, one worker.
  const protocolRepeats = quick ? 1 : 3;
  console.log(
    `\nexhaustive engine per protocol: its fast-tier bounded configuration, first correct variant, safety search, median of ${protocolRepeats} after one uncounted\n`,
  );
  const perProtocol = new Table({
    head: [
      'protocol',
      'variant',
      'nodes',
      'distinct states',
      'states/s',
      '(min-max)',
      'transitions/s',
    ],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ...compact,
  });
  for (const protocol of protocols) {
    const fast = protocol.manifest?.configurations.find((c) => c.tier === 'fast');
    const variant = protocol.variants.find((v) => v.breaks === undefined);
    if (fast === undefined || variant === undefined) continue;
    const [row] = await benchExhaustive(
      protocol,
      variant.name,
      fast.nodes,
      [{ workers: 1, strategy: 'bfs' }],
      protocolRepeats,
    );
    perProtocol.push([
      protocol.name,
      row!.variant,
      row!.nodes,
      fmt(row!.distinct),
      fmt(row!.statesPerSecond),
      row!.spread,
      fmt(row!.transitionsPerSecond),
    ]);
  }
  console.log(perProtocol.toString());
}
if (wanted('ratio')) {
  console.log(
    `\nshrink ratio: random engine's shrunk trace (median over the seeds that found it) / exhaustive shortest, on each protocol's bounded config\n`,
  );
  const ratio = new Table({
    head: [
      'protocol',
      'mutant',
      'nodes',
      'exhaustive shortest',
      'random median',
      'seeds found',
      'ratio',
    ],
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ...compact,
  });
  for (const protocol of protocols) {
    for (const row of benchShrinkRatio(protocol, seeds)) {
      ratio.push([
        protocol.name,
        row.variant,
        row.nodes,
        row.shortest,
        row.randomMedian,
        `${row.found}/${seeds.length}`,
        row.ratio.toFixed(2),
      ]);
    }
  }
  console.log(ratio.toString());
}
if (wanted('serializability')) {
  // The serializability checker (issue 5): a million-transaction list-append history.
  const { printSerializabilityBench } = await import('./serializability.ts');
  printSerializabilityBench(repeats, quick);
}
if (wanted('napster')) {
  // Napster's two indexes (issue 15): exhaustive and random speed on the model.
  const { printNapsterBench } = await import('./napster.ts');
  printNapsterBench(repeats, quick);
}
if (wanted('liveness')) {
  // Liveness under weak fairness (issue 16): the CPU time of a check with it against the safety
  // search's, on every protocol with a liveness property.
  const { livenessCosts, livenessTable } = await import('./liveness.ts');
  console.log(
    '\nliveness: the whole check (the search recording its graph, then the fair-cycle analysis) against the safety search alone, and the pass with a search of its own (CPU ms, medians)\n',
  );
  console.log(livenessTable(livenessCosts([], ratioRuns)));
}
if (wanted('monitors')) {
  // Property monitors (issue 16): searches that fold monitors against ones that read histories.
  const { monitorCosts, monitorTable } = await import('./monitors.ts');
  console.log('\nproperty monitors against reading every history (CPU ms, medians)\n');
  console.log(monitorTable(monitorCosts([], ratioRuns)));
}
if (wanted('symmetry')) {
  // Symmetry reduction (issue 16): states and time with and without it, per declaring protocol.
  const { printSymmetryBench } = await import('./symmetry.ts');
  printSymmetryBench(repeats, quick);
}
if (wanted('por')) {
  // Partial-order reduction (issue 16): states and CPU time saved on every correct variant.
  const { porRows, porTable } = await import('./por.ts');
  console.log(
    '\npartial-order reduction: unreduced BFS against --por --strategy dfs (CPU ms, medians)\n',
  );
  console.log(porTable(porRows([], ratioRuns)));
}
if (wanted('multicast')) {
  // The multicast experiment (issue 14): simulated packet copies forwarded per second at 1,000 routers.
  const { printMulticastBench } = await import('./multicast.ts');
  printMulticastBench(repeats, quick);
}
if (wanted('freenet')) {
  // The Freenet simulator (issue 6): message hops/s and a 100,000-node network.
  const { printFreenetBench } = await import('./freenet.ts');
  printFreenetBench(repeats, quick);
}
if (wanted('commit')) {
  // The duplicating-network yardstick (issue 16): two-phase commit, a million states. Its script
  // runs each search in a process of its own, since a peak is a high-water mark.
  for (const strategy of ['bfs', 'dfs']) {
    inFreshProcess('./commit-main.ts', ['--strategy', strategy, ...(quick ? ['--quick'] : [])]);
  }
}
if (wanted('gnutella')) {
  // The Gnutella simulator (issue 15): message hops/s at 10,000 and 100,000 nodes, and a
  // 100,000-node flooding experiment at TTL 7.
  const { printGnutellaBench } = await import('./gnutella.ts');
  printGnutellaBench(repeats, quick);
}
