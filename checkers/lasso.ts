import { describeAction, type Action } from '../models/kernel/action.ts';
import { FAULT_KINDS } from '../models/kernel/protocol.ts';
import type { System } from '../models/kernel/system.ts';
import { MoveKind, type Move, type World } from '../models/kernel/world.ts';
import type { Loop } from './evaluate.ts';
import { patternHolds, stepShape } from './pattern.ts';
import { fairDrain, useful } from './scenario.ts';

/**
 * Livelocks as lassos. A run that never quiesces in a finite system ends up repeating itself: some
 * world comes back. Only the part of a world that decides what can happen next counts (each node's
 * state and status, the messages in flight, the partition, fault budgets used, client inputs handed
 * over), not the observations made so far, which only grow: from two worlds equal in that part the
 * same steps lead to equal worlds again, so the steps between them can be taken forever.
 *
 * A loop only counts when it is fair (weak fairness on the network and the clients): a message
 * that could be delivered in every world of the loop, and a client input that could be handed over
 * in every one, must be among the loop's steps. Timers are not held to this: as in the fair drain,
 * time passes only when no message can be delivered, so a loop of deliveries may keep a timer from
 * firing. A loop made of such steps is a livelock no scheduler can blame on starvation.
 */

/** A world's part that decides its future (see the file comment), as a string key for one run. */
export function controlKey(w: World): string {
  return JSON.stringify([w.locals, w.status, w.channels, w.partition, w.used, w.inputs]);
}

/** A lasso in a run: `worlds[start]` and `worlds[end]` are equal in control, `start < end`. */
export interface Lasso {
  /** The world (index into the run's worlds) where the loop starts: steps `start + 1..end` repeat. */
  readonly start: number;
  /** The world where the loop closes (the run's last, for a trace that shows a lasso). */
  readonly end: number;
}

/**
 * The first lasso along `worlds` (the earliest world to come back, at its first return) whose loop
 * is fair (see `unfairStep`), or null when no world comes back.
 */
export function findLasso(
  sys: System,
  worlds: readonly World[],
  actions: readonly Action[],
): Lasso | null {
  const seen = new Map<string, number>();
  for (let end = 0; end < worlds.length; end++) {
    const key = controlKey(worlds[end]!);
    const start = seen.get(key);
    if (start === undefined) {
      seen.set(key, end);
      continue;
    }
    const loop = { start, end };
    if (loopProblem(sys, worlds, actions, loop) === null) return loop;
    // An unfair loop: later returns of this world may still close a fair one.
    seen.set(key, end);
  }
  return null;
}

/**
 * Why `worlds[start..end]` is not a livelock loop, or null when it is one: its ends must be equal
 * in control, no world of it may have quiesced, no step of it may be a fault, and it must be fair.
 */
export function loopProblem(
  sys: System,
  worlds: readonly World[],
  actions: readonly Action[],
  { start, end }: Lasso,
): string | null {
  if (start >= end) return 'the loop is empty';
  if (controlKey(worlds[start]!) !== controlKey(worlds[end]!)) {
    return `the state after step ${end} is not the state after step ${start}`;
  }
  for (let i = start; i <= end; i++) {
    if (sys.quiescent(worlds[i]!)) return `the system has quiesced after step ${i}`;
  }
  const taken = new Set<string>();
  for (let i = start; i < end; i++) {
    const action = actions[i]!;
    if (FAULTS.has(action.type)) return `step ${i + 1} is a fault (${action.type})`;
    taken.add(actionKey(action));
  }
  const starved = unfairStep(sys, worlds.slice(start, end), taken);
  if (starved === null) return null;
  return `the loop is unfair: ${describeAction(starved, (n) => sys.name(n))} is possible throughout and never taken`;
}

/**
 * Action types that are faults (an early `timeout` among them): a livelock must not need the
 * environment to keep misbehaving.
 */
const FAULTS: ReadonlySet<string> = new Set(FAULT_KINDS);

/** An action's identity across worlds (its type, nodes and payload). */
function actionKey(action: Action): string {
  return JSON.stringify(action);
}

/**
 * A delivery or client input enabled in every one of `worlds` (and, in a duplicating network, one
 * that would change something) that is not among `taken`, or null when there is none.
 */
function unfairStep(
  sys: System,
  worlds: readonly World[],
  taken: ReadonlySet<string>,
): Action | null {
  const benign: Move[] = [];
  const faults: Move[] = [];
  let always: Map<string, Action> | null = null;
  for (const w of worlds) {
    sys.enabled(w, benign, faults);
    const here = new Map<string, Action>();
    for (const m of benign) {
      if (m.kind !== MoveKind.Deliver && m.kind !== MoveKind.Input) continue;
      if (!useful(sys, w, m)) continue;
      const action = sys.toAction(m);
      const key = actionKey(action);
      if (always === null || always.has(key)) here.set(key, action);
    }
    always = here;
    if (always.size === 0) return null;
  }
  for (const [key, action] of always ?? []) if (!taken.has(key)) return action;
  return null;
}

/**
 * Why `actions` (with `worlds[i]` the world after action i) do not show the livelock `loop` (see
 * `Loop`), or null when they do: for a `state` loop, the loop from `loop.from` to the last world
 * must close and be fair (`loopProblem`); for a `pattern` loop, a fair drain of `loop.drain` steps
 * from the last world must neither quiesce nor leave the shapes of the loop's steps.
 */
export function livelockProblem(
  sys: System,
  worlds: readonly World[],
  actions: readonly Action[],
  loop: Loop,
): string | null {
  const end = worlds.length - 1;
  if (loop.kind === 'state') return loopProblem(sys, worlds, actions, { start: loop.from, end });
  if (loop.from >= end) return 'the loop is empty';
  const more = fairDrain(sys, worlds[end]!, loop.drain);
  if (more.quiesced) return `a fair drain from the end quiesces after ${more.moves.length} steps`;
  const turn = actions.slice(loop.from, end).map(stepShape);
  const tail = more.moves.map((m) => stepShape(sys.toAction(m)));
  return patternHolds(turn, tail) ? null : 'a fair drain from the end leaves the loop’s pattern';
}
