import type {
  History,
  Monitor,
  Observation,
  PropertyContext,
  Verdict,
  Violation,
} from '../models/kernel/spec.ts';

/** A monitor with its state's type spelled out (see `Monitor` in models/kernel/spec.ts). */
export interface TypedMonitor<S, A> {
  /** The state on the empty history. */
  readonly start: S;
  /** The state after one more observation; must not change `state`. */
  readonly step: (state: S, observation: Observation) => S;
  /** The property's answer on the history folded into `state`. */
  readonly answer: (state: S, context: PropertyContext) => A;
}

/** A property's monitor, its state type checked here and erased for the property's field. */
export function monitor<S, A>(m: TypedMonitor<S, A>): Monitor<A> {
  return m as unknown as Monitor<A>;
}

/** The context a property that reads none is answered in (by `answerOn` without one). */
const NO_CONTEXT: PropertyContext = { nodes: 0, up: [] };

/**
 * The answer of `m` on a whole history: what the property's `check` says, by the same code. The
 * context may be left out for a monitor whose `answer` reads none.
 */
export function answerOn<A>(
  m: Monitor<A>,
  history: History,
  context: PropertyContext = NO_CONTEXT,
): A {
  let state = m.start;
  for (const o of history) state = m.step(state, o);
  return m.answer(state, context);
}

/** The state of a safety monitor once it saw a violation: it keeps it, whatever follows. */
class Violated {
  constructor(readonly violation: Violation) {}
}

/**
 * A safety monitor that stops at the first violation, the shape of most safety checks: `next`
 * returns the memory after one observation, or the violation that observation shows (`violated`).
 */
export function untilViolation<S>(
  start: S,
  next: (memory: S, o: Observation) => S | Violated,
): Monitor<Verdict> {
  return monitor<S | Violated, Verdict>({
    start,
    step: (state, o) => (state instanceof Violated ? state : next(state, o)),
    answer: (state) => (state instanceof Violated ? state.violation : null),
  });
}

/** What `next` returns (in `untilViolation`) for an observation that violates the property. */
export function violated(violation: Violation): Violated {
  return new Violated(violation);
}

/** A `sometimes` monitor reached at the first observation `reached` accepts, and for good. */
export function reachedOnce(reached: (o: Observation) => boolean): Monitor<boolean> {
  return monitor<boolean, boolean>({
    start: false,
    step: (state, o) => state || reached(o),
    answer: (state) => state,
  });
}

/**
 * `set` with `x` added, as a monitor's state needs it: a new set, or `set` itself when `x` is in
 * it already (so the state stays shared).
 */
export function setWith<T>(set: ReadonlySet<T>, x: T): ReadonlySet<T> {
  return set.has(x) ? set : new Set(set).add(x);
}
