import { runExhaustiveParallel } from '../checkers/exhaustive/parallel.ts';
import { runExhaustive } from '../checkers/exhaustive/search.ts';
import { runRandom } from '../checkers/random.ts';
import type { JsonObject } from '../models/kernel/json.ts';
import { boundedParams, type Protocol } from '../models/kernel/protocol.ts';
import { median } from './stats.ts';

/** One row of the exhaustive benchmark. */
export interface ExhaustiveBenchRow {
  readonly variant: string;
  readonly nodes: number;
  readonly workers: number;
  readonly strategy: 'bfs' | 'dfs';
  readonly distinct: number;
  readonly statesPerSecond: number;
  readonly transitionsPerSecond: number;
  readonly bytesPerState: number;
  readonly traceBytesPerState: number;
  readonly spread: string;
}

/** How a benchmarked search runs: on how many workers, in which order. */
export interface SearchSetup {
  readonly workers: number;
  readonly strategy: 'bfs' | 'dfs';
}

/**
 * Distinct states/s and transitions/s (wall clock) of a full safety search, for each setup
 * (breadth-first or depth-first, on one worker or more: parallel workers search depth-first from a
 * breadth-first prefix whatever it says), each the median of `repeats` runs. Every setup runs once
 * first, uncounted (compiling the code and taking the memory from the system are not what is
 * measured), and then the setups take turns, so that a machine whose load comes and goes slows
 * them alike. The liveness pass is left out: its cost against the safety search is measured on its
 * own (bench/liveness.ts), and with it in, a parallel run's speed-up would be diluted by a pass
 * that runs on one thread.
 */
export async function benchExhaustive(
  protocol: Protocol,
  variantName: string,
  nodes: number,
  setups: readonly SearchSetup[],
  repeats: number,
  params?: JsonObject,
): Promise<ExhaustiveBenchRow[]> {
  const variant = protocol.variants.find((v) => v.name === variantName)!;
  const search = async ({ workers, strategy }: SearchSetup) => {
    const start = performance.now();
    // A state bound sizes the shared store of a parallel run (it is not reached here).
    const r = await runExhaustiveParallel(protocol, variant, {
      nodes,
      ...(params === undefined ? {} : { params }),
      workers,
      strategy,
      maxStates: 2_500_000,
      liveness: false,
    });
    return { r, seconds: (performance.now() - start) / 1000 };
  };
  for (const setup of setups) await search(setup);
  const runs = setups.map(() => [] as Awaited<ReturnType<typeof search>>[]);
  for (let i = 0; i < repeats; i++) {
    for (let k = 0; k < setups.length; k++) runs[k]!.push(await search(setups[k]!));
  }
  return setups.map(({ workers, strategy }, k) => {
    const done = runs[k]!;
    const rates = done.map(({ r, seconds }) => r.distinct / seconds);
    const first = done[0]!.r;
    return {
      variant: variantName,
      nodes,
      workers,
      strategy,
      distinct: first.distinct,
      statesPerSecond: median(rates),
      transitionsPerSecond: median(done.map(({ r, seconds }) => r.transitions / seconds)),
      bytesPerState: first.bytesPerState,
      traceBytesPerState: first.traceBytesPerState,
      spread: `${Math.round(Math.min(...rates))}-${Math.round(Math.max(...rates))}`,
    };
  });
}

/** One row of the shrink-ratio comparison. */
export interface ShrinkRatioRow {
  readonly variant: string;
  readonly nodes: number;
  readonly shortest: number;
  /** Median shrunk length over the seeds whose exploration found the bug. */
  readonly randomMedian: number;
  /** How many of the seeds found it. */
  readonly found: number;
  readonly ratio: number;
}

/**
 * For each mutant: the exhaustive engine's shortest counterexample on the protocol's bounded
 * configuration (default node count; as its manifest pins it) against the random engine's shrunk trace on the same
 * configuration, over `seeds`, with ten times the default budget (only the schedule varies).
 */
export function benchShrinkRatio(protocol: Protocol, seeds: readonly number[]): ShrinkRatioRow[] {
  const nodes = protocol.nodes.default;
  return protocol.variants
    .filter((v) => v.breaks !== undefined)
    .map((variant) => {
      // The variant's own bounded configuration where it has one, as the engines search it.
      const params = boundedParams(protocol, variant, nodes);
      // The manifest pins the shortest counterexample; a protocol without one is searched here.
      const pinned = protocol.manifest?.configurations
        .find((c) => c.nodes === nodes)
        ?.counterexamples.find((c) => c.variant === variant.name)?.actions.length;
      const shortest =
        pinned ?? runExhaustive(protocol, variant, { params }).trace?.actions.length ?? Number.NaN;
      const runs = protocol.defaultRuns * 10;
      const lengths = seeds
        .map((seed) => runRandom(protocol, variant, { runs, seed, params }).trace?.actions.length)
        .filter((n): n is number => n !== undefined);
      const randomMedian = lengths.length === 0 ? Number.NaN : median(lengths);
      return {
        variant: variant.name,
        nodes,
        shortest,
        randomMedian,
        found: lengths.length,
        ratio: randomMedian / shortest,
      };
    });
}
