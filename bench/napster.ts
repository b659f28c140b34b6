/**
 * Napster model figures (issue 15): the exhaustive engine's states/s on the fast-tier bounded
 * configuration (one peer, three index servers) for the central and the replicated index, and the
 * random engine's world steps/s over the default 1,000 scenarios, as medians of several runs.
 */
import { runExhaustive } from '../checkers/exhaustive/search.ts';
import { runRandom } from '../checkers/random.ts';
import { napsterProtocol } from '../models/napster/model.ts';
import { fmt, median, samples } from './stats.ts';

/** One variant's figures. */
export interface NapsterBenchRow {
  /** The variant. */
  readonly variant: string;
  /** Distinct states of the bounded configuration at one peer. */
  readonly states: number;
  /** Exhaustive distinct states per second (median). */
  readonly statesPerSecond: number;
  /** Random engine world steps per second over its default runs (median). */
  readonly stepsPerSecond: number;
}

/** The figures for the two correct variants, medians of `repeats` runs (`quick`: 200 scenarios). */
export function napsterBench(repeats: number, quick: boolean): NapsterBenchRow[] {
  const correct = napsterProtocol.variants.filter((v) => v.breaks === undefined);
  return correct.map((variant) => {
    let states = 0;
    const exhaustive = samples(repeats, () => {
      const start = performance.now();
      const r = runExhaustive(napsterProtocol, variant, { nodes: 1 });
      states = r.distinct;
      return r.distinct / ((performance.now() - start) / 1000);
    });
    const runs = quick ? 200 : napsterProtocol.defaultRuns;
    const random = samples(repeats, () => {
      const start = performance.now();
      const r = runRandom(napsterProtocol, variant, { runs, seed: 1 });
      return r.steps / ((performance.now() - start) / 1000);
    });
    return {
      variant: variant.name,
      states,
      statesPerSecond: median(exhaustive),
      stepsPerSecond: median(random),
    };
  });
}

/** Prints the figures (`npm run bench` calls it once the lead wires it into bench/main.ts). */
export function printNapsterBench(repeats: number, quick: boolean): void {
  console.log(
    `\nnapster: exhaustive at one peer and three index servers; random over default runs\n`,
  );
  for (const r of napsterBench(repeats, quick)) {
    console.log(
      `${r.variant}: ${fmt(r.states)} states, ${fmt(r.statesPerSecond)} states/s, ${fmt(r.stepsPerSecond)} random steps/s (medians of ${repeats})`,
    );
  }
}
