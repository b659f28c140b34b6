import { runExhaustiveParallel } from '../checkers/exhaustive/parallel.ts';
import { runExhaustive } from '../checkers/exhaustive/search.ts';
import { runRandom } from '../checkers/random.ts';
import type { Protocol } from '../models/kernel/protocol.ts';
import { median } from './stats.ts';

/** One row of the exhaustive benchmark. */
export interface ExhaustiveBenchRow {
  readonly variant: string;
  readonly nodes: number;
  readonly workers: number;
  readonly distinct: number;
  readonly statesPerSecond: number;
  readonly transitionsPerSecond: number;
  readonly bytesPerState: number;
  readonly traceBytesPerState: number;
  readonly spread: string;
}

/** Distinct states/s and transitions/s of a full search, median of `repeats` runs. */
export async function benchExhaustive(
  protocol: Protocol,
  variantName: string,
  nodes: number,
  workers: number,
  repeats: number,
): Promise<ExhaustiveBenchRow> {
  const variant = protocol.variants.find((v) => v.name === variantName)!;
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    // A state bound sizes the shared store of a parallel run (it is not reached here).
    const r = await runExhaustiveParallel(protocol, variant, {
      nodes,
      workers,
      maxStates: 2_500_000,
    });
    runs.push({ r, seconds: (performance.now() - start) / 1000 });
  }
  const rates = runs.map(({ r, seconds }) => r.distinct / seconds);
  const first = runs[0]!.r;
  return {
    variant: variantName,
    nodes,
    workers,
    distinct: first.distinct,
    statesPerSecond: median(rates),
    transitionsPerSecond: median(runs.map(({ r, seconds }) => r.transitions / seconds)),
    bytesPerState: first.bytesPerState,
    traceBytesPerState: first.traceBytesPerState,
    spread: `${Math.round(Math.min(...rates))}-${Math.round(Math.max(...rates))}`,
  };
}

/** One row of the shrink-ratio comparison. */
export interface ShrinkRatioRow {
  readonly variant: string;
  readonly shortest: number;
  readonly randomMedian: number;
  readonly ratio: number;
}

/**
 * For each mutant: the exhaustive engine's shortest counterexample on the bounded configuration
 * against the random engine's shrunk trace on the same configuration (median over `seeds`).
 */
export function benchShrinkRatio(
  protocol: Protocol,
  nodes: number,
  seeds: readonly number[],
): ShrinkRatioRow[] {
  const params = protocol.bounded(nodes);
  return protocol.variants
    .filter((v) => v.breaks !== undefined)
    .map((variant) => {
      const shortest =
        runExhaustive(protocol, variant, { params }).trace?.actions.length ?? Number.NaN;
      const lengths = seeds.map(
        (seed) =>
          runRandom(protocol, variant, { runs: protocol.defaultRuns, seed, params }).trace?.actions
            .length ?? Number.NaN,
      );
      const randomMedian = median(lengths);
      return { variant: variant.name, shortest, randomMedian, ratio: randomMedian / shortest };
    });
}
