import { expect } from 'vitest';
import { QUIESCENCE } from '../../checkers/evaluate.ts';
import { checkFairCycles } from '../../checkers/exhaustive/fair-cycles.ts';
import { Search, withLiveness } from '../../checkers/exhaustive/search.ts';
import { boundedParams, type Protocol, type Variant } from '../../models/kernel/protocol.ts';
import { System } from '../../models/kernel/system.ts';

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

/**
 * Checks that the liveness verdict on the graph a breadth-first safety search of `variant`'s bounded
 * configuration recorded (`Search.graph`) is the one the pass finds with a search of its own: the
 * same graph counts and the same lasso. False, checking nothing, when the safety search does not
 * complete within `maxStates` or finds a violation (then no liveness verdict follows).
 */
export function sameAsOwnSearch(protocol: Protocol, variant: Variant, maxStates?: number): boolean {
  const params = boundedParams(protocol, variant, protocol.nodes.default);
  const sys = new System(protocol, variant, params);
  const options = maxStates === undefined ? {} : { maxStates };
  const search = new Search(sys, options);
  const safety = search.run();
  if (!safety.complete || safety.trace !== null) return false;
  expect(search.graph).not.toBeNull();
  const recorded = withLiveness(sys, safety, options, search.graph);
  const own = checkFairCycles(new System(protocol, variant, safety.params))!;
  expect(recorded.liveness).toEqual({
    states: own.states,
    edges: own.edges,
    cycles: own.cycles,
    fairCycles: own.fairCycles,
  });
  expect(recorded.trace).toEqual(own.trace);
  return true;
}
