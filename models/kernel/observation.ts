import type { History, Observation } from './spec.ts';

/** A persistent (shared-tail) list of observations, newest first, so that worlds can share history. */
export interface HistoryList {
  /** The newest observation. */
  readonly last: Observation;
  /** Everything before it. */
  readonly rest: HistoryList | null;
  /** How many observations the list holds. */
  readonly length: number;
  /**
   * The states property monitors end in on this list, once an engine folded them
   * (checkers/exhaustive/monitors.ts), or undefined: a cache that every world sharing the cell
   * shares. Its first element names whose monitors they are (one field, not two: a breadth-first
   * level keeps many cells).
   */
  monitors: readonly unknown[] | undefined;
}

/** Appends observations to a persistent history list. */
export function appendHistory(list: HistoryList | null, observations: History): HistoryList | null {
  let out = list;
  for (const last of observations)
    out = {
      last,
      rest: out,
      length: (out?.length ?? 0) + 1,
      monitors: undefined,
    };
  return out;
}

/** The observations of a history list, oldest first. */
export function historyArray(list: HistoryList | null): Observation[] {
  const out = new Array<Observation>(list?.length ?? 0);
  for (let cur = list, i = out.length - 1; cur !== null; cur = cur.rest, i--) out[i] = cur.last;
  return out;
}
