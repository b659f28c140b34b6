import { QUIESCENCE } from '../../checkers/evaluate.ts';
import type { Protocol, Variant } from '../../models/kernel/protocol.ts';

/**
 * The property the random engine reports for a mutant: its declared `breaks`, except that a mutant
 * breaking a liveness property (a livelock, which the exhaustive engine reports as that property's
 * lasso) is found by the random engine as a run that never quiesces: a `quiescence` violation
 * with a loop.
 */
export function randomBreaks(protocol: Protocol, variant: Variant): string | undefined {
  const p = protocol.properties.find((q) => q.name === variant.breaks);
  return p?.kind === 'quiescence' && p.liveness === true ? QUIESCENCE : variant.breaks;
}
