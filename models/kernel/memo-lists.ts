/**
 * The lists the memo keeps, pooled (lists.ts `ListPool`): a step's sends (`[to, messageId, …]`)
 * and its observations with their hashes and digest step, each distinct content kept once.
 */
import { canonicalEqual } from './canonical-hash.ts';
import { finish, mix } from './hash.ts';
import type { Observation } from './spec.ts';

/** The empty list outcomes share (frozen: nothing may add to it). */
export const NONE: readonly never[] = Object.freeze([]);

/** A step's observations as the memo keeps them, once per content (`ListPool`). */
export interface ObservedList {
  /** The observations, `node` filled in. */
  readonly observations: readonly Observation[];
  /** Their content hashes. */
  readonly hashes: readonly number[];
  /** The digest update they make (`digestStep`). */
  readonly mul: number;
  /** See `mul`. */
  readonly add: number;
}

/** What a step that observes nothing observed (shared, frozen). */
export const NOTHING_OBSERVED: ObservedList = Object.freeze({
  observations: NONE,
  hashes: NONE,
  mul: 1,
  add: 0,
});

/** A content hash of a list of integers (for `ListPool`). */
export function intsHash(list: readonly number[]): number {
  let h = list.length;
  for (let i = 0; i < list.length; i++) h = mix(h, list[i]!);
  return finish(h);
}

/** Whether two observation lists hold the same observations (each with its observer). */
export function sameObserved(a: ObservedList, b: ObservedList): boolean {
  const x = a.observations;
  const y = b.observations;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!canonicalEqual(x[i], y[i])) return false;
  return true;
}

/** A copy of a scratch list to keep, at its exact length. */
export const copy = (list: readonly number[]): readonly number[] => list.slice();
