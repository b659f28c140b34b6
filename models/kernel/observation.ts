import type { Json } from './json.ts';

/**
 * One thing a node was seen to do, in the order the world did it: the history that properties
 * read. Models emit them with the `observe` action (`{ kind: 'deliver', msg: 'm0' }`); the kernel
 * adds `node` and records its own `crash`, `recover`, `join` and `leave`.
 */
export interface Observation {
  /** The node that did it (its index in the configuration). */
  readonly node: number;
  /** What it did: `multicast`, `deliver`, `execute`, `crash`… */
  readonly kind: string;
  /** Anything else the model says about it (message ids, values). */
  readonly [field: string]: Json;
}

/** A history: observations in the order they happened. */
export type History = readonly Observation[];

/** A persistent (shared-tail) list of observations, newest first, so that worlds can share history. */
export interface HistoryList {
  /** The newest observation. */
  readonly last: Observation;
  /** Everything before it. */
  readonly rest: HistoryList | null;
  /** How many observations the list holds. */
  readonly length: number;
}

/** Appends observations to a persistent history list. */
export function appendHistory(list: HistoryList | null, observations: History): HistoryList | null {
  let out = list;
  for (const last of observations) out = { last, rest: out, length: (out?.length ?? 0) + 1 };
  return out;
}

/** The observations of a history list, oldest first. */
export function historyArray(list: HistoryList | null): Observation[] {
  const out = new Array<Observation>(list?.length ?? 0);
  for (let cur = list, i = out.length - 1; cur !== null; cur = cur.rest, i--) out[i] = cur.last;
  return out;
}
