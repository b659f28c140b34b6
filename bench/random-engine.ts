import { runRandom } from '../checkers/random.ts';
import type { Protocol } from '../models/kernel/protocol.ts';
import { fmt, median, samples } from './stats.ts';

/** One row of the random-engine benchmark. */
export interface RandomBenchRow {
  readonly protocol: string;
  readonly variant: string;
  readonly nodes: number;
  readonly stepsPerSecond: number;
  readonly scenariosPerSecond: number;
  readonly memoShare: number;
  readonly spread: string;
}

/**
 * World steps/s and scenarios/s of the random engine on a correct variant (properties included),
 * each a median over `repeats` explorations of `runs` scenarios with a fresh memo, after a warm-up.
 */
export function benchRandom(
  protocol: Protocol,
  nodes: number,
  runs: number,
  repeats: number,
): RandomBenchRow[] {
  return protocol.variants
    .filter((v) => v.breaks === undefined)
    .map((variant) => {
      const results = samples(repeats, () => {
        const start = performance.now();
        const r = runRandom(protocol, variant, { runs, seed: 1, nodes });
        const seconds = (performance.now() - start) / 1000;
        return {
          steps: r.steps / seconds,
          scenarios: r.runs / seconds,
          memo: r.memo.hits / (r.memo.hits + r.memo.misses),
        };
      });
      const steps = results.map((r) => r.steps);
      return {
        protocol: protocol.name,
        variant: variant.name,
        nodes,
        stepsPerSecond: median(steps),
        scenariosPerSecond: median(results.map((r) => r.scenarios)),
        memoShare: median(results.map((r) => r.memo)),
        spread: `${fmt(Math.min(...steps))}-${fmt(Math.max(...steps))}`,
      };
    });
}

/** One row of the shrinking benchmark. */
export interface ShrinkBenchRow {
  readonly protocol: string;
  readonly variant: string;
  readonly breaks: string;
  readonly medianLength: number;
  readonly lengths: readonly number[];
  readonly medianScenarios: number;
}

/** For each mutant: the median shrunk trace length and scenarios-to-catch over `seeds` seeds. */
export function benchShrink(protocol: Protocol, seeds: readonly number[]): ShrinkBenchRow[] {
  return protocol.variants
    .filter((v) => v.breaks !== undefined)
    .map((variant) => {
      const found = seeds.map((seed) =>
        runRandom(protocol, variant, { runs: protocol.defaultRuns, seed }),
      );
      const lengths = found.map((r) => r.trace?.actions.length ?? Number.NaN);
      return {
        protocol: protocol.name,
        variant: variant.name,
        breaks: variant.breaks!,
        medianLength: median(lengths),
        lengths,
        medianScenarios: median(found.map((r) => r.runs)),
      };
    });
}
