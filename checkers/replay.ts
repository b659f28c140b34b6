import { describeAction, type Action } from '../models/kernel/action.ts';
import { fingerprint } from '../models/kernel/fingerprint.ts';
import { historyArray } from '../models/kernel/observation.ts';
import { System } from '../models/kernel/system.ts';
import type { World } from '../models/kernel/world.ts';
import { firstViolation, QUIESCENCE, type Loop, type StepViolation } from './evaluate.ts';
import { livelockProblem } from './lasso.ts';
import type { ChartStep } from './report/chart.ts';
import type { Trace } from './trace.ts';

/** Where a replay stopped matching its trace. */
export interface Divergence {
  /** 1-based step; the number of actions plus one when the ending differs. */
  readonly step: number;
  /** One line: what did not match. */
  readonly reason: string;
}

/** The outcome of re-executing a trace. */
export interface Replay {
  /** The system the trace runs on. */
  readonly system: System;
  /** The steps replayed, with what each observed. */
  readonly steps: readonly ChartStep[];
  /** Every world: `worlds[0]` initial, `worlds[i]` after step i. */
  readonly worlds: readonly World[];
  /** The violation found while replaying, if any. */
  readonly violation: StepViolation | null;
  /** Where the trace stopped matching, or null if it reproduces exactly. */
  readonly divergence: Divergence | null;
}

/** The result of executing actions: the steps and worlds, and where execution stopped matching. */
export interface Execution {
  /** The steps executed, with what each observed. */
  readonly steps: readonly ChartStep[];
  /** Every world: `worlds[0]` initial, `worlds[i]` after step i. */
  readonly worlds: readonly World[];
  /** The first action that could not be taken or led elsewhere than recorded, or null. */
  readonly divergence: Divergence | null;
}

/**
 * Executes actions one by one. Each must be enabled where it is taken and, when `states` is given,
 * lead to a world with the recorded fingerprint; execution stops at the first that does not.
 */
export function execute(
  system: System,
  actions: readonly Action[],
  states?: readonly string[],
): Execution {
  let w = system.initial();
  const worlds: World[] = [w];
  const steps: ChartStep[] = [];
  const name = (i: number) => system.name(i);
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i]!;
    const move = system.resolve(w, action);
    if (typeof move === 'string') {
      return {
        steps,
        worlds,
        divergence: {
          step: i + 1,
          reason: `step ${i + 1} (${describeAction(action, name)}): ${move}`,
        },
      };
    }
    const before = w.history?.length ?? 0;
    w = system.apply(w, move);
    worlds.push(w);
    steps.push({ action, observations: historyArray(w.history).slice(before) });
    const expected = states?.[i];
    if (expected !== undefined && fingerprint(w) !== expected) {
      const reason = `step ${i + 1} (${describeAction(action, name)}): the state differs from the recorded one`;
      return { steps, worlds, divergence: { step: i + 1, reason } };
    }
  }
  return { steps, worlds, divergence: null };
}

/**
 * Re-executes a trace (see `execute`) and checks that it ends in the recorded violation at the
 * recorded step; the first mismatch is the divergence.
 */
export function replay(trace: Trace, system: System): Replay {
  const run = execute(system, trace.actions, trace.states);
  const result = (divergence: Divergence | null, violation: StepViolation | null): Replay => ({
    system,
    ...run,
    divergence,
    violation,
  });
  if (run.divergence !== null) return result(run.divergence, null);
  const found =
    trace.violation?.property === QUIESCENCE
      ? stuck(system, run.worlds, trace.actions, trace.violation.loop)
      : trace.violation?.loop !== undefined
        ? owedForever(
            system,
            run.worlds,
            trace.actions,
            trace.violation.property,
            trace.violation.loop,
          )
        : firstViolation(system, run.worlds);
  const want = trace.violation;
  if (want === null && found === null) return result(null, null);
  if (
    want !== null &&
    found !== null &&
    found.property === want.property &&
    found.step === want.step &&
    sameLoop(found.loop, want.loop)
  ) {
    return result(null, found);
  }
  if (want?.loop !== undefined && found?.property === QUIESCENCE && found.loop === undefined) {
    const reason = `the trace ends without its livelock: ${found.message}`;
    return result({ step: trace.actions.length + 1, reason }, found);
  }
  const got = found === null ? 'no violation' : `${found.property} at step ${found.step}`;
  const wanted = want === null ? 'no violation' : `${want.property} at step ${want.step}`;
  return result(
    { step: trace.actions.length + 1, reason: `the trace ends in ${got}, not ${wanted}` },
    found,
  );
}

/**
 * A `quiescence` violation reproduces when no safety property fails and the end has not quiesced;
 * one with a loop also needs the loop to hold (`livelockProblem`).
 */
function stuck(
  system: System,
  worlds: readonly World[],
  actions: readonly Action[],
  loop: Loop | undefined,
): StepViolation | null {
  const safety = firstViolation(system, worlds);
  if (safety !== null) return safety;
  const last = worlds.length - 1;
  if (system.quiescent(worlds[last]!)) return null;
  const violation = (message: string, shown?: Loop): StepViolation => ({
    property: QUIESCENCE,
    message,
    nodes: [],
    messages: [],
    step: last,
    ...(shown === undefined ? {} : { loop: shown }),
  });
  if (loop === undefined) return violation('the system has not quiesced');
  const problem = livelockProblem(system, worlds, actions, loop);
  return problem === null
    ? violation(`livelock: steps ${loop.from + 1}-${last} repeat forever`, loop)
    : violation(`the system has not quiesced, but ${problem}`);
}

/**
 * A liveness property's lasso (fair-cycles.ts) reproduces when no safety property fails on the
 * way, the loop holds (`livelockProblem`: it closes, is fair, takes no fault) and the property's
 * check still finds something owed at its end, where the history no longer changes.
 */
function owedForever(
  system: System,
  worlds: readonly World[],
  actions: readonly Action[],
  property: string,
  loop: Loop,
): StepViolation | null {
  const safety = firstViolation(system, worlds);
  if (safety !== null) return safety;
  const p = system.properties.find((q) => q.name === property);
  if (p === undefined || p.kind !== 'quiescence' || p.liveness !== true) return null;
  const last = worlds.length - 1;
  if (livelockProblem(system, worlds, actions, loop) !== null) return null;
  const v = p.check(historyArray(worlds[last]!.history), system.propertyContext(worlds[last]!));
  return v === null ? null : { ...v, step: last, loop };
}

/** Whether two loops (either possibly absent) are the same. */
function sameLoop(a: Loop | undefined, b: Loop | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
