/**
 * Replayed traces for the export and viewer tests: a mutant's counterexample (written by `check`
 * in-process), a clean run, and the livelock fixture's two kinds of loop.
 */
import { runRandom } from '../../../checkers/random.ts';
import { replay, type Replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import type { Trace } from '../../../checkers/trace.ts';
import { livelockProtocol, livelockSystem } from '../../fixtures/livelock-protocol.ts';
import { cleanTrace, mutantTrace } from '../helpers.ts';

/** A trace and its replay. */
export interface Replayed {
  readonly trace: Trace;
  readonly run: Replay;
}

/** Replays a trace of a registered protocol; throws if it diverges. */
export function replayed(trace: Trace): Replayed {
  const run = replay(trace, traceSystem(trace));
  if (run.divergence !== null) throw new Error(run.divergence.reason);
  return { trace, run };
}

/** The counterexample `check` finds for a total-order mutant (seed 1), replayed. */
export async function mutantReplay(variant: string, file: string): Promise<Replayed> {
  return replayed(await mutantTrace(variant, file));
}

/** A clean sequencer run, replayed. */
export function cleanReplay(): Replayed {
  return replayed(cleanTrace());
}

/** The random engine's livelock trace of the fixture's `forever` or `counting` variant, replayed. */
export function livelockReplay(variant: 'forever' | 'counting'): Replayed {
  const v = livelockProtocol.variants.find((x) => x.name === variant)!;
  const trace = runRandom(livelockProtocol, v, { runs: 5, seed: 1 }).trace!;
  const run = replay(trace, livelockSystem(variant));
  if (run.divergence !== null) throw new Error(run.divergence.reason);
  return { trace, run };
}
