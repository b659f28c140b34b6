import type { Protocol, Variant } from '../models/kernel/protocol.ts';
import type { EngineOptions } from './commands/engines.ts';

/** What an exhaustive run found, next to what the protocol's manifest pins for it. */
export interface PinComparison {
  /** What the manifest pins, e.g. `104285 states, 467768 transitions, depth 20` or `6 actions`. */
  readonly pinned: string;
  /** What this run found, in the same words. */
  readonly found: string;
  /** Whether they agree. */
  readonly matches: boolean;
}

/** The figures of an exhaustive run that a manifest pins. */
export interface PinnedFigures {
  readonly complete: boolean;
  readonly distinct: number;
  readonly transitions: number;
  readonly depth: number;
  /** The counterexample's length, if one was found. */
  readonly traceLength: number | null;
}

/**
 * Compares an exhaustive run with the manifest's pin for the same variant and node count, or
 * null when there is nothing to compare: another engine, no manifest entry, or options that change
 * the figures (symmetry or partial-order reduction, depth-first order or a shard's swarm order, a bitstate table
 * that may omit states, a bound that stopped the search).
 */
export function comparePin(
  protocol: Protocol,
  variant: Variant,
  options: EngineOptions,
  found: PinnedFigures,
): PinComparison | null {
  if (
    options.engine !== 'exhaustive' ||
    options.symmetry === true ||
    options.por === true ||
    options.strategy === 'dfs' ||
    options.shard !== undefined ||
    options.bitstate !== undefined
  ) {
    return null;
  }
  const nodes = options.nodes ?? protocol.nodes.default;
  const config = protocol.manifest?.configurations.find((c) => c.nodes === nodes);
  if (config === undefined) return null;
  if (variant.breaks === undefined) {
    const pin = config.pins.find((p) => p.variant === variant.name);
    if (pin === undefined || !found.complete) return null;
    // Parallel workers search depth-first below the first levels: their depth is not the
    // breadth-first depth the manifest pins, so only states and transitions are compared.
    const parallel = (options.workers ?? 1) > 1;
    const words = (distinct: number, transitions: number, depth: number) =>
      `${distinct} states, ${transitions} transitions${parallel ? '' : `, depth ${depth}`}`;
    const pinned = words(pin.distinct, pin.transitions, pin.depth);
    const seen = words(found.distinct, found.transitions, found.depth);
    return { pinned, found: seen, matches: pinned === seen };
  }
  const shortest = config.counterexamples.find((c) => c.variant === variant.name);
  if (shortest === undefined || found.traceLength === null) return null;
  const pinned = `${shortest.actions.length} actions`;
  const seen = `${found.traceLength} actions`;
  return { pinned, found: seen, matches: pinned === seen };
}
