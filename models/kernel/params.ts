/**
 * Parameter ranges, declared once per protocol in a table: the random generator draws every
 * numeric parameter (a group size, a fault budget, a list's length) from its range, and the
 * parameters' schema takes its upper bounds from the same table, so every configuration the
 * generator makes validates and its trace replays. A range may depend on the node count the
 * generator picked; the schema then accepts up to the largest value over the protocol's node
 * counts.
 *
 * A range may also name a `limit`: the most the model accepts when that is more than the generator
 * draws (a bounded configuration, a trace edited by hand, the kernel's 30 client inputs). The
 * schema's bound is the larger of the two, so it can never fall below what the generator makes.
 * The schema's lower bounds are the model's structural floors (a count is never negative, a group
 * has a member), given where the schema is built: a smaller configuration than the generator makes
 * (fewer inputs, no fault budget) is still one the model runs.
 */
import * as fc from 'fast-check';
import { z } from 'zod';

/** An inclusive integer range the generator draws from, and what the model accepts beyond it. */
export interface Range {
  /** Smallest value drawn. */
  readonly min: number;
  /** Largest value drawn. */
  readonly max: number;
  /** The most the schema accepts, if more than `max` (`Infinity`: no bound). */
  readonly limit?: number;
}

/** A parameter's range: fixed, or a function of the node count. */
export type Ranged = Range | ((nodes: number) => Range);

/** The range `r` gives at `nodes` nodes; throws if it is not a range of integers. */
export function rangeAt(r: Ranged, nodes: number): Range {
  const range = typeof r === 'function' ? r(nodes) : r;
  if (!Number.isInteger(range.min) || !Number.isInteger(range.max) || range.min > range.max) {
    throw new Error(`not an integer range at ${nodes} nodes: ${range.min}..${range.max}`);
  }
  return range;
}

/** The smallest range that holds the values `r` draws at every node count in `nodes`. */
export function hull(r: Ranged, nodes: Range): Range {
  let min = Infinity;
  let max = -Infinity;
  for (let n = nodes.min; n <= nodes.max; n++) {
    const at = rangeAt(r, n);
    min = Math.min(min, at.min);
    max = Math.max(max, at.max);
  }
  return { min, max };
}

/**
 * The schema's upper bound for `r` over the node counts `nodes`: the largest value drawn or the
 * largest limit, whichever is more (`Infinity`: none).
 */
export function ceiling(r: Ranged, nodes: Range): number {
  let most = hull(r, nodes).max;
  for (let n = nodes.min; n <= nodes.max; n++) most = Math.max(most, rangeAt(r, n).limit ?? most);
  return most;
}

/** The generator's draw: an integer in `r` at `nodes` nodes (`fc.integer`, so `fc.nat(k)` alike). */
export function drawn(r: Ranged, nodes: number): fc.Arbitrary<number> {
  const { min, max } = rangeAt(r, nodes);
  return fc.integer({ min, max });
}

/** The generator's length constraints for a list whose length ranges over `r` at `nodes` nodes. */
export function lengths(r: Ranged, nodes: number): { minLength: number; maxLength: number } {
  const { min, max } = rangeAt(r, nodes);
  return { minLength: min, maxLength: max };
}

/**
 * The schema of an integer parameter: at least `floor` (the model's structural minimum) and at
 * most `r`'s ceiling over the node counts `nodes`.
 */
export function upTo(r: Ranged, nodes: Range, floor = 0): z.ZodNumber {
  const int = z.number().int().min(floor);
  const most = ceiling(r, nodes);
  return most === Infinity ? int : int.max(most);
}

/** The schema of a list of `item`s whose length ranges over `r` (at most its ceiling). */
export function listOf<T extends z.ZodType>(item: T, r: Ranged, nodes: Range): z.ZodArray<T> {
  const list = z.array(item);
  const most = ceiling(r, nodes);
  return most === Infinity ? list : list.max(most);
}
