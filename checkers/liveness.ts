import type { Action } from '../models/kernel/action.ts';
import { System } from '../models/kernel/system.ts';
import type { World } from '../models/kernel/world.ts';
import { firstViolation, QUIESCENCE, type Loop, type StepViolation } from './evaluate.ts';
import { findLasso, livelockProblem } from './lasso.ts';
import { findPattern, stepShape } from './pattern.ts';
import { execute } from './replay.ts';
import { dropWhile } from './minimize.ts';
import { fairDrain } from './scenario.ts';

/** How many turns past the first the cut of a `pattern` livelock may be placed at. */
const MAX_CUT_TURNS = 4;

/** A run that did not quiesce: its actions, and how many of them came before the fair drain. */
export interface StuckRun {
  /** Every action, the schedule's then the drain's. */
  readonly actions: readonly Action[];
  /** Where the drain started (the schedule's length). */
  readonly drainStart: number;
}

/** What a shrunk livelock is: the actions to record and the violation they show. */
export interface Livelock {
  /** The prefix that leads into the loop, then the loop's steps. */
  readonly actions: readonly Action[];
  /** The worlds along `actions` (`worlds[0]` initial). */
  readonly worlds: readonly World[];
  /** The quiescence violation, with its loop when one was found. */
  readonly violation: StepViolation;
}

/**
 * Shrinks a quiescence failure to the shortest prefix plus the steps that repeat:
 * 1. the schedule (the part before the drain) loses every action it can lose while a fair drain of
 *    `drainSteps` from its end still does not quiesce;
 * 2. the run of that schedule and its drain is searched for a lasso (a world that comes back: a
 *    `state` loop), or, when the model counts something up, for the point from which its steps
 *    repeat in shape (a `pattern` loop), and cut after one turn of the loop;
 * 3. the steps before the loop lose every action they can lose while the loop still shows.
 * When no loop is found the whole drain is kept and the violation says so.
 */
export function shrinkLivelock(sys: System, run: StuckRun, drainSteps: number): Livelock {
  const quick = new System(sys.protocol, sys.variant, sys.params, sys.table, false);
  const prefix = shrinkPrefix(quick, run.actions.slice(0, run.drainStart), drainSteps);
  const start = execute(quick, prefix).worlds;
  const drain = fairDrain(quick, start[start.length - 1]!, drainSteps);
  const actions = [...prefix, ...drain.moves.map((m) => quick.toAction(m))];
  const worlds = [...start, ...drain.worlds];
  const found = findLoop(quick, actions, worlds, prefix.length, drainSteps);
  if (found === null) {
    const message = `did not quiesce within ${drainSteps} fault-free drain steps, and no step pattern repeats`;
    return { actions, worlds: execute(sys, actions).worlds, violation: stuck(actions, message) };
  }
  const { loop, end } = found;
  const turn = actions.slice(loop.from, end);
  const shows = (before: readonly Action[]) => {
    const all = [...before, ...turn];
    const r = execute(quick, all);
    if (r.divergence !== null || firstViolation(quick, r.worlds) !== null) return false;
    return livelockProblem(quick, r.worlds, all, { ...loop, from: before.length }) === null;
  };
  const before = dropWhile(actions.slice(0, loop.from), (kept) => (shows(kept) ? kept : null));
  const shrunk = [...before, ...turn];
  const shown: Loop = { ...loop, from: before.length };
  const message =
    loop.kind === 'state'
      ? `livelock: the state after step ${shrunk.length} is the state after step ${shown.from}, ` +
        `so steps ${shown.from + 1}-${shrunk.length} repeat forever and the system never quiesces`
      : `livelock: steps ${shown.from + 1}-${shrunk.length} repeat (the same steps between the ` +
        `same nodes, ${found.turns} times in a ${drainSteps}-step fault-free drain, and on for ` +
        `${drainSteps} more) and the system never quiesces`;
  return {
    actions: shrunk,
    worlds: execute(sys, shrunk).worlds,
    violation: { ...stuck(shrunk, message), loop: shown },
  };
}

/** A quiescence violation at the end of `actions`. */
function stuck(actions: readonly Action[], message: string): StepViolation {
  return { property: QUIESCENCE, message, nodes: [], messages: [], step: actions.length };
}

/** A loop found in a run: where it starts, where the run is cut, how often it turned. */
interface FoundLoop {
  readonly loop: Loop;
  readonly end: number;
  readonly turns: number;
}

/** The first fair lasso of the run, or else its pattern cut where the loop still shows. */
function findLoop(
  sys: System,
  actions: readonly Action[],
  worlds: readonly World[],
  from: number,
  drainSteps: number,
): FoundLoop | null {
  const lasso = findLasso(sys, worlds, actions);
  if (lasso !== null) {
    return { loop: { from: lasso.start, kind: 'state' }, end: lasso.end, turns: 1 };
  }
  const pattern = findPattern(actions.map(stepShape), from);
  if (pattern === null) return null;
  const turns = Math.floor((actions.length - pattern.start) / pattern.period);
  for (let k = 1; k <= MAX_CUT_TURNS; k++) {
    const end = pattern.start + k * pattern.period;
    if (end > actions.length) break;
    const loop: Loop = { from: end - pattern.period, kind: 'pattern', drain: drainSteps };
    const cut = actions.slice(0, end);
    if (livelockProblem(sys, worlds.slice(0, end + 1), cut, loop) === null) {
      return { loop, end, turns };
    }
  }
  return null;
}

/**
 * Drops actions from the schedule `prefix` while the rest still replays, breaks no safety
 * property, and a fair drain of `drainSteps` from its end still does not quiesce.
 */
export function shrinkPrefix(
  sys: System,
  prefix: readonly Action[],
  drainSteps: number,
): readonly Action[] {
  return dropWhile(prefix, (actions) => {
    const run = execute(sys, actions);
    if (run.divergence !== null) return null;
    const drain = fairDrain(sys, run.worlds[run.worlds.length - 1]!, drainSteps);
    if (drain.quiesced) return null;
    return firstViolation(sys, [...run.worlds, ...drain.worlds]) === null ? actions : null;
  });
}
