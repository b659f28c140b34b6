import { historyArray } from '../models/kernel/observation.ts';
import type { System } from '../models/kernel/system.ts';
import type { World } from '../models/kernel/world.ts';
import type { Violation } from '../models/kernel/spec.ts';

/**
 * How a livelock trace shows that its run goes on forever without quiescing: the steps after
 * world `from` (`from + 1` up to the violation's step) repeat. `state`: the world after the last
 * step equals, in everything that decides what can happen next, the world after step `from`, so
 * the loop can be taken forever (lasso.ts). `pattern`: the model counts something up (an
 * incarnation, a ballot) so no world comes back, but a fair drain of `drain` more steps from the
 * end neither quiesces nor leaves the loop's pattern of steps (the same kinds of steps between the
 * same nodes).
 */
export type Loop =
  | { readonly from: number; readonly kind: 'state' }
  | { readonly from: number; readonly kind: 'pattern'; readonly drain: number };

/** A violation and the 1-based step (index into the run's actions) where it first shows. */
export type StepViolation = Violation & { readonly step: number; readonly loop?: Loop };

/** The built-in property every protocol promises: once faults stop, the system quiesces. */
export const QUIESCENCE = 'quiescence';

/**
 * The first violation along a run, `worlds[0]` being the initial world and `worlds[i]` the world
 * after step i. Safety properties are checked on the final history; a violated one is then located
 * at the shortest violating prefix (safety violations persist in every extension, so a binary
 * search finds it), and the earliest such step wins; `always` invariants are checked on every
 * world up to there. If all hold and the last world has quiesced, the quiescence properties are
 * checked there.
 */
export function firstViolation(sys: System, worlds: readonly World[]): StepViolation | null {
  return firstViolationIn(sys, {
    last: worlds[worlds.length - 1]!,
    count: worlds.length,
    reached: (n) => worlds.findIndex((w) => (w.history?.length ?? 0) >= n),
    world: (step) => worlds[step]!,
  });
}

/**
 * A run as `firstViolationIn` reads it: its last world, how many worlds it has (the start and one
 * after each step), the first step whose history holds `n` observations, and the world after a
 * step (asked only of a protocol with `always` invariants).
 */
export interface RunView {
  /** The world after the last step. */
  readonly last: World;
  /** The start and one world after each step. */
  readonly count: number;
  /** The first step (world index) whose history holds at least `n` observations. */
  readonly reached: (n: number) => number;
  /** The world after step `step` (0: the start). */
  readonly world: (step: number) => World;
}

/** `firstViolation` of a run that need not keep its worlds (a random scenario's verdict). */
export function firstViolationIn(sys: System, run: RunView): StepViolation | null {
  const last = run.last;
  const history = historyArray(last.history);
  const context = sys.propertyContext(last);
  let best: StepViolation | null = null;
  for (const property of sys.properties) {
    if (property.kind !== 'safety' || property.check(history, context) === null) continue;
    let lo = 1;
    let hi = history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (property.check(history.slice(0, mid), context) === null) lo = mid + 1;
      else hi = mid;
    }
    const step = run.reached(lo);
    if (best === null || step < best.step) {
      best = { ...property.check(history.slice(0, lo), context)!, step };
    }
  }
  for (const property of sys.properties) {
    if (property.kind !== 'always') continue;
    const limit = best === null ? run.count : best.step;
    for (let step = 0; step < limit; step++) {
      const v = property.check(sys.worldView(run.world(step)));
      if (v !== null) {
        best = { ...v, step };
        break;
      }
    }
  }
  if (best !== null || !sys.quiescent(last)) return best;
  for (const property of sys.properties) {
    if (property.kind !== 'quiescence') continue;
    const v = property.check(history, context);
    if (v !== null) return { ...v, step: run.count - 1 };
  }
  return null;
}
