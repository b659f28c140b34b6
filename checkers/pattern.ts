import type { Action } from '../models/kernel/action.ts';

/**
 * Repeating patterns of steps, for livelocks in models that count something up (a restarted
 * transaction's incarnation, a ballot), where no world ever comes back but the run clearly goes
 * round: the same kinds of steps between the same nodes, over and over.
 */

/** A step's shape: its type, its nodes, and its message's or event's type (not their fields). */
export function stepShape(action: Action): string {
  switch (action.type) {
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return `${action.type} ${action.from}>${action.to} ${action.msg.type}`;
    case 'timeout':
    case 'choose':
    case 'input':
      return `${action.type} ${action.node} ${action.event.type}`;
    case 'partition':
      return `partition ${action.side.join(',')}`;
    case 'heal':
    case 'expire':
      return action.type;
    default:
      return `${action.type} ${action.node}`;
  }
}

/** Where a run's steps start repeating, and how many steps one turn takes. */
export interface Pattern {
  /** Index of the first step of the first turn. */
  readonly start: number;
  /** Steps per turn. */
  readonly period: number;
}

/** Fewest turns a pattern must show before it counts. */
export const MIN_TURNS = 3;

/**
 * The pattern in which `shapes` end: from `start` (at least `from`) to the last step, every step
 * has the shape of the step `period` before it, over at least `MIN_TURNS` turns. Of all such, the
 * one whose first turn ends earliest (the shortest trace that shows a whole turn), then the
 * shortest turn; null when the shapes do not end in a repetition.
 */
export function findPattern(shapes: readonly string[], from: number): Pattern | null {
  const ids = new Map<string, number>();
  const code = shapes.map((s) => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size));
    return id;
  });
  const n = code.length;
  let best: Pattern | null = null;
  for (let period = 1; MIN_TURNS * period <= n - from; period++) {
    if (best !== null && from + period >= best.start + best.period) break;
    let start = n - period;
    while (start > from && code[start - 1] === code[start - 1 + period]) start--;
    if (n - start < MIN_TURNS * period) continue;
    if (best === null || start + period < best.start + best.period) best = { start, period };
  }
  return best;
}

/** Whether `tail` goes on in the shapes of `turn`, turn after turn. */
export function patternHolds(turn: readonly string[], tail: readonly string[]): boolean {
  return tail.every((shape, i) => shape === turn[i % turn.length]);
}
