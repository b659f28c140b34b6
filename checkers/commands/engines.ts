import type { Protocol, Variant } from '../../models/kernel/protocol.ts';
import { coverageLines } from '../exhaustive/coverage.ts';
import { runExhaustiveParallel } from '../exhaustive/parallel.ts';
import { INTERRUPTED } from '../exhaustive/search.ts';
import { runRandomAsync } from '../random.ts';
import type { SchedulerName } from '../schedulers.ts';
import { randomShare, swarmOrder, type Shard } from '../shard.ts';
import type { Trace } from '../trace.ts';
import { progressLine, progressReporter, type ProgressOptions } from './progress.ts';

/** The engine knobs `check` accepts. */
export interface EngineOptions {
  readonly engine: 'random' | 'exhaustive';
  readonly seed: number;
  readonly runs?: number;
  readonly nodes?: number;
  readonly strategy?: 'bfs' | 'dfs';
  readonly maxDepth?: number;
  readonly maxStates?: number;
  readonly maxSeconds?: number;
  readonly maxMemoryMb?: number;
  readonly symmetry?: boolean;
  readonly exact?: boolean;
  readonly workers?: number;
  /** Random: how a schedule picks its next benign move (default `uniform`). */
  readonly scheduler?: SchedulerName;
  /** Random, PCT: the bug depth d (d-1 priority change points). */
  readonly depth?: number;
  /** Random: swarm testing (each scenario disables some fault and action kinds). */
  readonly swarm?: boolean;
  /** This run is one shard of a run split over machines (`--shard i/n`). */
  readonly shard?: Shard;
  /** Exhaustive: a bitstate table of 2^bitstate bits instead of fingerprints. */
  readonly bitstate?: number;
  /** Exhaustive: partial-order reduction (checkers/exhaustive/por.ts). */
  readonly por?: boolean;
}

/** How an engine run reports progress and learns it should stop. */
export interface EngineIo {
  /** Aborting it (Ctrl-C) stops the search, which then reports `interrupted`. */
  readonly signal?: AbortSignal;
  /** Where progress goes (default: stderr, a bar on a terminal, else a line every few seconds). */
  readonly progress?: ProgressOptions;
}

/** Exhaustive-search figures, as `check --json` reports them. */
export interface ExhaustiveFigures {
  readonly distinct: number;
  readonly transitions: number;
  readonly depth: number;
  readonly statesPerSecond: number;
  readonly bytesPerState: number;
  readonly traceBytesPerState: number;
  readonly collisionProbability: number;
  /**
   * The liveness pass (properties marked `liveness`): the state graph's worlds and edges, its
   * cycles (strongly connected components with one) and how many of them are fair.
   */
  readonly liveness?: {
    readonly states: number;
    readonly edges: number;
    readonly cycles: number;
    readonly fairCycles: number;
  };
  /**
   * With `--por`: worlds expanded through a persistent set and fully, or why the reduction did not
   * apply.
   */
  readonly por?: { readonly reduced: number; readonly full: number; readonly off: string | null };
  /** How states were stored: 64-bit fingerprints, whole (exact), or bits of a bitstate table. */
  readonly storage: 'fingerprints' | 'exact' | 'bitstate';
  readonly coverage: readonly string[];
  readonly witnesses: readonly { readonly property: string; readonly depth: number | null }[];
}

/** What one engine run on one variant produced. */
export interface EngineOutcome {
  /** The counterexample, if a property failed. */
  readonly trace: Trace | null;
  /** `sometimes` properties a complete search never reached. */
  readonly unreached: readonly { readonly property: string; readonly statement: string }[];
  /** Whether the whole budget or state space was covered. */
  readonly complete: boolean;
  /** Why not, if not. */
  readonly stopped: string | null;
  /** Scenarios (random) or distinct states (exhaustive). */
  readonly runs: number;
  /** World steps (random) or transitions (exhaustive). */
  readonly steps: number;
  /** Share of local transitions answered from the memo (random). */
  readonly memoHitRate: number;
  /** Exhaustive figures. */
  readonly exhaustive?: ExhaustiveFigures;
}

/** Runs the chosen engine on one variant; `io.signal` stops it early. */
export async function runEngine(
  protocol: Protocol,
  variant: Variant,
  o: EngineOptions,
  io: EngineIo = {},
): Promise<EngineOutcome> {
  const label = `${protocol.name}/${variant.name}`;
  const signal = io.signal === undefined ? {} : { signal: io.signal };
  if (o.engine === 'random') {
    const share =
      o.shard === undefined
        ? { seed: o.seed, runs: o.runs ?? protocol.defaultRuns }
        : randomShare(o.seed, o.runs ?? protocol.defaultRuns, o.shard);
    const runs = share.runs;
    const progress = progressReporter(label, runs, io.progress);
    let found;
    try {
      found = await runRandomAsync(protocol, variant, {
        runs,
        seed: share.seed,
        ...(o.nodes === undefined ? {} : { nodes: o.nodes }),
        ...(o.scheduler === undefined ? {} : { scheduler: o.scheduler }),
        ...(o.depth === undefined ? {} : { depth: o.depth }),
        ...(o.swarm === true ? { swarm: true } : {}),
        onProgress: progress.update,
        ...signal,
      });
    } finally {
      progress.stop();
    }
    const { hits, misses } = found.memo;
    return {
      trace: found.trace,
      unreached: [],
      complete: !found.interrupted,
      stopped: found.interrupted ? INTERRUPTED : null,
      runs: found.runs,
      steps: found.steps,
      memoHitRate: hits + misses === 0 ? 0 : hits / (hits + misses),
    };
  }
  const progress = progressLine(label, io.progress);
  const start = performance.now();
  let r;
  try {
    const { shard, ...rest } = o;
    const swarm = shard === undefined ? {} : { order: swarmOrder(o.seed, shard) };
    r = await runExhaustiveParallel(protocol, variant, {
      ...rest,
      ...swarm,
      onProgress: progress,
      ...signal,
    });
  } finally {
    progress(null);
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    trace: r.trace,
    unreached: r.complete ? r.witnesses.filter((w) => w.depth === null) : [],
    complete: r.complete,
    stopped: r.stopped,
    runs: r.distinct,
    steps: r.transitions,
    memoHitRate: 0,
    exhaustive: {
      distinct: r.distinct,
      transitions: r.transitions,
      depth: r.depth,
      statesPerSecond: seconds === 0 ? 0 : r.distinct / seconds,
      bytesPerState: r.bytesPerState,
      traceBytesPerState: r.traceBytesPerState,
      collisionProbability: r.collisionProbability,
      storage: o.exact === true ? 'exact' : o.bitstate !== undefined ? 'bitstate' : 'fingerprints',
      coverage: coverageLines(r.coverage),
      ...(r.liveness === undefined ? {} : { liveness: r.liveness }),
      ...(r.por === undefined ? {} : { por: r.por }),
      witnesses: r.witnesses.map((w) => ({ property: w.property, depth: w.depth })),
    },
  };
}
