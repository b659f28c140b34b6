import type { System } from '../models/kernel/system.ts';
import { MODEL_ERROR } from '../models/kernel/model-error.ts';
import type { HistoryList } from '../models/kernel/observation.ts';
import {
  isBenign,
  MoveKind,
  Reuse,
  Status,
  type Move,
  type World,
} from '../models/kernel/world.ts';
import { firstViolation, firstViolationIn, QUIESCENCE, type StepViolation } from './evaluate.ts';
import { Pct, retain, swarmFilter, type Steering } from './schedulers.ts';

/**
 * One step of a generated schedule, `mode * 65536 + pick` (`scheduleStep`): `mode` (0-99) picks
 * benign moves or faults (values at or above `100 - faultPercent` pick a fault when one is
 * enabled), `pick` (0-65535) chooses among them by index. One number, not a pair: fast-check
 * generates a pair as three values and a tuple (about 390 bytes a step, a sixth of everything
 * the random engine allocated, measured with the sampling heap profiler), one number as one.
 * It shrinks towards 0, i.e. towards the first benign move, mode first (its high bits), so
 * shrinking removes faults as a pair's did.
 */
export type ScheduleStep = number;

/** The schedule step that takes mode `mode` (0-99) and pick `pick` (0-65535). */
export function scheduleStep(mode: number, pick: number): ScheduleStep {
  return mode * 0x10000 + (pick & 0xffff);
}

/** The largest schedule step: mode 99, pick 65535. */
export const MAX_SCHEDULE_STEP = scheduleStep(99, 0xffff);

/** Knobs of a scenario run. */
export interface ScenarioOptions {
  /** Percentage of schedule steps that inject a fault when one is enabled. */
  readonly faultPercent: number;
  /** Bound on the fair drain's steps. */
  readonly drainSteps: number;
  /**
   * The world the schedule starts from (default: the system's initial world). An experiment runs
   * in phases with it: the end of one run, of a system whose client inputs are a prefix of this
   * one's (same nodes, budgets and memo table), is where the next phase starts.
   */
  readonly start?: World;
  /**
   * Keep only the newest world, changed in place step after step (`Reuse.InPlace`): the verdict
   * alone, the result's `worlds` empty. For a system without fingerprints whose protocol has no
   * `always` invariant (which reads every world; with one the worlds are kept anyway). A random
   * exploration's scenarios run lean, its counterexample again in full.
   */
  readonly lean?: boolean;
}

/** A finished scenario: the moves taken, every world along the way, and the first violation. */
export interface ScenarioRun {
  /** Moves taken, schedule then drain. */
  readonly moves: readonly Move[];
  /** How many of `moves` the schedule took (the drain's start). */
  readonly drainStart: number;
  /** `worlds[0]` the start, `worlds[i]` after move i (none for a `lean` run). */
  readonly worlds: readonly World[];
  /** The first violation, or null. */
  readonly violation: StepViolation | null;
}

/**
 * Runs a schedule from `options.start` (default: the initial world), then a fair drain, then the
 * properties. `steering` (PCT priorities, swarm-disabled features) bends the schedule's choices.
 * The drain injects no faults: it heals a partition, hands over waiting client inputs and delivers
 * in rounds (every message deliverable at a round's start is delivered in that round, so nothing
 * starves); when nothing is deliverable time passes (`expire`: every timer that would do something
 * fires; protocols that retry need them). If the drain bound is reached first, the run violates
 * `quiescence`.
 */
export function runScenario(
  sys: System,
  schedule: readonly ScheduleStep[],
  options: ScenarioOptions,
  steering: Steering = {},
): ScenarioRun {
  let w = options.start ?? sys.initial();
  const moves: Move[] = [];
  const lean = options.lean === true && !sys.hasInvariants;
  const worlds: World[] = lean ? [] : [w];
  // A lean run keeps how many observations each world's history holds instead of the worlds.
  const reached: number[] = lean ? [w.history?.length ?? 0] : [];
  const reuse = lean ? Reuse.InPlace : Reuse.None;
  // A failed step (model-error.ts) is a violation already: the run stops there.
  let failed = false;
  const take = (m: Move) => {
    const before = w.history;
    w = sys.apply(w, m, reuse);
    moves.push(m);
    if (lean) reached.push(w.history?.length ?? 0);
    else worlds.push(w);
    if (w.history !== before && failedSince(w.history, before)) failed = true;
  };
  const benign: Move[] = [];
  const faults: Move[] = [];
  const threshold = 100 - options.faultPercent;
  const keep = steering.disabled === undefined ? null : swarmFilter(sys, steering.disabled);
  /** The enabled moves of `w` the swarm keeps: the benign ones, and the faults if asked. */
  const listMoves = (withFaults: boolean) => {
    sys.enabled(w, benign, withFaults ? faults : null);
    if (keep === null) return;
    retain(benign, keep);
    if (withFaults) retain(faults, keep);
  };
  const pct =
    steering.priorities === undefined
      ? null
      : new Pct(sys.n, steering.priorities, steering.changePoints ?? []);
  for (let step = 0; step < schedule.length && !failed; step++) {
    const mode = schedule[step]! >>> 16;
    const pick = schedule[step]! & 0xffff;
    // The faults are listed only for a step that may take one: a faulty step, or any step when
    // no benign move is left.
    let faulty = mode >= threshold;
    listMoves(faulty);
    if (!faulty && benign.length === 0) {
      faulty = true;
      listMoves(true);
    }
    const list = faulty && (faults.length > 0 || benign.length === 0) ? faults : benign;
    if (list.length === 0) break;
    take(
      pct !== null && list === benign ? pct.choose(list, pick, step) : list[pick % list.length]!,
    );
  }
  const drainStart = moves.length;
  const drained = drain(
    sys,
    () => w,
    take,
    options.drainSteps,
    () => failed,
  );
  const violation = lean
    ? firstViolationIn(sys, {
        last: w,
        count: moves.length + 1,
        reached: (n) => reached.findIndex((length) => length >= n),
        world: () => {
          throw new Error('a lean run keeps no worlds');
        },
      })
    : firstViolation(sys, worlds);
  if (violation !== null || drained) return { moves, drainStart, worlds, violation };
  const stuck: StepViolation = {
    property: QUIESCENCE,
    message: `did not quiesce within ${options.drainSteps} fault-free drain steps`,
    nodes: [],
    messages: [],
    step: moves.length,
  };
  return { moves, drainStart, worlds, violation: stuck };
}

/** A fair drain from a world: its moves, the worlds after each, and whether it quiesced. */
export interface Drain {
  /** The moves taken. */
  readonly moves: readonly Move[];
  /** The world after each move (not the start). */
  readonly worlds: readonly World[];
  /** Whether it quiesced within its bound. */
  readonly quiesced: boolean;
}

/** The fair drain of `runScenario` on its own, from `start`, for at most `bound` steps. */
export function fairDrain(sys: System, start: World, bound: number): Drain {
  let w = start;
  const moves: Move[] = [];
  const worlds: World[] = [];
  const quiesced = drain(
    sys,
    () => w,
    (m) => {
      w = sys.apply(w, m);
      moves.push(m);
      worlds.push(w);
    },
    bound,
  );
  return { moves, worlds, quiesced };
}

/**
 * The fair drain; returns whether the world quiesced within `bound` steps, or `failed` said a step
 * failed (the run is a violation already).
 */
function drain(
  sys: System,
  world: () => World,
  take: (m: Move) => void,
  bound: number,
  failed: () => boolean = () => false,
): boolean {
  const benign: Move[] = [];
  let steps = 0;
  while (steps < bound) {
    if (failed()) return true;
    const w = world();
    if (sys.quiescent(w)) return true;
    sys.enabled(w, benign, null);
    const round = benign.filter(
      (m) => isBenign(m.kind) && m.kind !== MoveKind.Choose && useful(sys, w, m),
    );
    if (round.length === 0) return false;
    for (const m of round) {
      if (steps >= bound || failed()) break;
      if (m !== round[0] && !stillEnabled(sys, world(), m)) continue;
      take(m);
      steps++;
    }
  }
  return failed() || sys.quiescent(world());
}

/** Whether the history cells from `after` back to `before` record a failed step. */
function failedSince(after: HistoryList | null, before: HistoryList | null): boolean {
  for (let cur = after; cur !== null && cur !== before; cur = cur.rest) {
    if (cur.last.kind === MODEL_ERROR) return true;
  }
  return false;
}

/** In a duplicating network a delivery that changes nothing is not progress (nor owed to anyone). */
export function useful(sys: System, w: World, m: Move): boolean {
  return !sys.selfLoop(w, m);
}

/** Whether a move of a drain round is still enabled after the round's earlier moves (cheaply). */
function stillEnabled(sys: System, w: World, m: Move): boolean {
  switch (m.kind) {
    case MoveKind.Deliver:
      return sys.canDeliver(w, m.a, m.b, m.c);
    case MoveKind.Input:
      return (w.inputs & (1 << m.c)) === 0 && w.status[m.a] === Status.Up;
    case MoveKind.Heal:
      return w.partition !== 0;
    case MoveKind.Timeout:
      return w.status[m.a] === Status.Up && sys.table.step(w.locals[m.a]!, m.c).effective;
    default:
      return sys.isEnabled(w, m);
  }
}
