import { historyArray } from '../models/kernel/observation.ts';
import type { System } from '../models/kernel/system.ts';
import type { World } from '../models/kernel/world.ts';
import type { InvariantProperty, Violation, WorldView } from '../models/kernel/spec.ts';

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
 * What `firstViolation` reads of a run: its worlds in a list, or a `RunLog` that kept only what is
 * needed of each (a random run that keeps its latest world alone).
 */
export interface RunRecord {
  /** How many worlds: the start and one per step. */
  readonly count: number;
  /** The last world. */
  readonly last: World;
  /** How many observations world `i`'s history holds. */
  historyLength(i: number): number;
  /** The first world before `limit` where invariant `p` fails, with its step; else null. */
  firstBreach(p: InvariantProperty, limit: number): StepViolation | null;
}

/** A run's worlds as a `RunRecord`, each invariant checked on them when asked. */
function recordOf(sys: System, worlds: readonly World[]): RunRecord {
  return {
    count: worlds.length,
    last: worlds[worlds.length - 1]!,
    historyLength: (i) => worlds[i]!.history?.length ?? 0,
    firstBreach: (p, limit) => {
      for (let step = 0; step < limit; step++) {
        const v = p.check(sys.worldView(worlds[step]!));
        if (v !== null) return { ...v, step };
      }
      return null;
    },
  };
}

/**
 * A run's `RunRecord` kept step by step, with no world but the last: each world's history length,
 * and each invariant's first breach, checked as the worlds come (every world is checked once, as
 * `firstViolation` would check the list of them).
 */
export class RunLog implements RunRecord {
  private readonly lengths: number[] = [];
  private readonly invariants: readonly InvariantProperty[];
  private readonly breaches: (StepViolation | null)[];
  private latest: World;

  /** A log of a run of `sys` from `start`. */
  constructor(
    private readonly sys: System,
    start: World,
  ) {
    this.invariants = sys.protocol.properties.filter(
      (p): p is InvariantProperty => p.kind === 'always',
    );
    this.breaches = this.invariants.map(() => null);
    this.latest = start;
    this.add(start);
  }

  /** Records the world after the next step. */
  add(w: World): void {
    const step = this.lengths.length;
    this.lengths.push(w.history?.length ?? 0);
    this.latest = w;
    let view: WorldView | null = null;
    for (let i = 0; i < this.invariants.length; i++) {
      if (this.breaches[i] !== null) continue;
      view ??= this.sys.worldView(w);
      const v = this.invariants[i]!.check(view);
      if (v !== null) this.breaches[i] = { ...v, step };
    }
  }

  /** How many worlds: the start and one per step. */
  get count(): number {
    return this.lengths.length;
  }

  /** The last world. */
  get last(): World {
    return this.latest;
  }

  /** How many observations world `i`'s history holds. */
  historyLength(i: number): number {
    return this.lengths[i]!;
  }

  /** The first world before `limit` where invariant `p` fails, with its step; else null. */
  firstBreach(p: InvariantProperty, limit: number): StepViolation | null {
    const breach = this.breaches[this.invariants.indexOf(p)] ?? null;
    return breach !== null && breach.step < limit ? breach : null;
  }
}

/**
 * The first violation along a run, `worlds[0]` being the initial world and `worlds[i]` the world
 * after step i (or its `RunLog`). Safety properties are checked on the final history; a violated
 * one is then located at the shortest violating prefix (safety violations persist in every
 * extension, so a binary search finds it), and the earliest such step wins; `always` invariants
 * are checked on every world up to there. If all hold and the last world has quiesced, the
 * quiescence properties are checked there.
 */
export function firstViolation(
  sys: System,
  run: readonly World[] | RunRecord,
): StepViolation | null {
  const record = Array.isArray(run) ? recordOf(sys, run) : (run as RunRecord);
  const last = record.last;
  const history = historyArray(last.history);
  const context = sys.propertyContext(last);
  let best: StepViolation | null = null;
  for (const property of sys.protocol.properties) {
    if (property.kind !== 'safety' || property.check(history, context) === null) continue;
    let lo = 1;
    let hi = history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (property.check(history.slice(0, mid), context) === null) lo = mid + 1;
      else hi = mid;
    }
    let step = 0;
    while (step < record.count && record.historyLength(step) < lo) step++;
    if (step === record.count) step = -1;
    if (best === null || step < best.step) {
      best = { ...property.check(history.slice(0, lo), context)!, step };
    }
  }
  for (const property of sys.protocol.properties) {
    if (property.kind !== 'always') continue;
    const breach = record.firstBreach(property, best === null ? record.count : best.step);
    if (breach !== null) best = breach;
  }
  if (best !== null || !sys.quiescent(last)) return best;
  for (const property of sys.protocol.properties) {
    if (property.kind !== 'quiescence') continue;
    const v = property.check(history, context);
    if (v !== null) return { ...v, step: record.count - 1 };
  }
  return null;
}
