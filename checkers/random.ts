import * as fc from 'fast-check';
import type { Protocol, Variant } from '../models/kernel/protocol.ts';
import type { JsonObject } from '../models/kernel/json.ts';
import { LocalTable } from '../models/kernel/local-table.ts';
import { System } from '../models/kernel/system.ts';
import { QUIESCENCE } from './evaluate.ts';
import { shrinkLivelock } from './liveness.ts';
import { minimize } from './minimize.ts';
import {
  MAX_SCHEDULE_STEP,
  runScenario,
  type ScenarioOptions,
  type ScheduleStep,
} from './scenario.ts';
import type { SchedulerName, Steering } from './schedulers.ts';
import { buildTrace, type Trace } from './trace.ts';
import { modelCall } from '../models/kernel/model-error.ts';
import { MAX_NODES } from '../models/kernel/config-schema.ts';
import { guardedArbitrary } from './guarded-arbitrary.ts';

/** Options of the random engine. */
export interface RandomOptions {
  /** Scenarios to run. */
  readonly runs: number;
  /** fast-check seed: the same seed and options give the same scenarios and the same trace. */
  readonly seed: number;
  /** Fix the node count (default: the protocol's range). */
  readonly nodes?: number;
  /** Fix the parameters (only the schedule is generated), e.g. to compare with the exhaustive engine. */
  readonly params?: JsonObject;
  /** Longest generated schedule before the drain. */
  readonly maxSteps?: number;
  /** Percentage of schedule steps that inject a fault when one is enabled. */
  readonly faultPercent?: number;
  /** Bound on the fair drain. */
  readonly drainSteps?: number;
  /** How a schedule picks its next benign move (default `uniform`). */
  readonly scheduler?: SchedulerName;
  /** PCT: the bug depth d it targets, i.e. d-1 priority change points (default 3). */
  readonly depth?: number;
  /** Swarm testing: each scenario disables a random subset of fault kinds and action kinds. */
  readonly swarm?: boolean;
  /** Called every few scenarios with the scenarios and world steps so far. */
  readonly onProgress?: (runs: number, steps: number) => void;
  /**
   * Stops the exploration (checked before each scenario): no new scenario starts, a shrink under
   * way keeps what it has, and the result says `interrupted`.
   */
  readonly signal?: AbortSignal;
}

/** What a random exploration found. */
export interface RandomResult {
  /** Whether every property held in every scenario. */
  readonly ok: boolean;
  /** Scenarios run before a failure (or all of them). */
  readonly runs: number;
  /** World steps taken while exploring (shrinking excluded). */
  readonly steps: number;
  /** World steps taken while shrinking and minimizing. */
  readonly shrinkSteps: number;
  /** Successful shrinks fast-check made. */
  readonly shrinks: number;
  /** The minimized counterexample, if a property failed. */
  readonly trace: Trace | null;
  /** Local transitions answered from the memo, and computed by xstate. */
  readonly memo: { readonly hits: number; readonly misses: number };
  /** Whether `signal` stopped the exploration before its budget was spent. */
  readonly interrupted: boolean;
}

/** A generated scenario: protocol parameters and the schedule of choices. */
export interface Scenario {
  /** Parameters for `Protocol.configure`. */
  readonly params: JsonObject;
  /** Choices among enabled moves. */
  readonly schedule: readonly ScheduleStep[];
  /** PCT priorities and change points, swarm's disabled features (none: uniform, nothing off). */
  readonly steering: Steering;
}

/** Most actors a system has: its nodes and the environment. */
const ACTORS = MAX_NODES + 1;

/** PCT priorities for every actor, a fixed function of one generated number. */
export function pctPriorities(seed: number): number[] {
  return Array.from({ length: ACTORS }, (_, a) => {
    let h = Math.imul(seed ^ Math.imul(a + 1, 0x9e3779b9), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 1;
  });
}

/** The steering arbitrary the options ask for: PCT's priorities and change points, swarm's mask. */
function steeringArbitrary(options: RandomOptions): fc.Arbitrary<Steering> {
  const maxSteps = options.maxSteps ?? 60;
  const depth = options.depth ?? 3;
  const pct = options.scheduler === 'pct';
  const swarm = options.swarm === true;
  if (!pct && !swarm) return fc.constant({});
  return fc
    .tuple(
      pct ? fc.nat() : fc.constant(0),
      pct
        ? fc.array(fc.nat({ max: Math.max(0, maxSteps - 1) }), {
            minLength: depth - 1,
            maxLength: depth - 1,
          })
        : fc.constant([]),
      swarm ? fc.nat({ max: 0x7fffffff }) : fc.constant(0),
    )
    .map(([seed, changePoints, disabled]): Steering => ({
      ...(pct ? { priorities: pctPriorities(seed), changePoints } : {}),
      ...(swarm ? { disabled } : {}),
    }));
}

/** The fast-check arbitrary of scenarios for a protocol. */
export function scenarioArbitrary(
  protocol: Protocol,
  options: RandomOptions,
): fc.Arbitrary<Scenario> {
  const minNodes = options.nodes ?? protocol.nodes.min;
  const maxNodes = options.nodes ?? protocol.nodes.max;
  const step = fc.nat({ max: MAX_SCHEDULE_STEP });
  // The model's arbitrary: building it, generating and shrinking with it are the model's calls.
  const scenarios = `${protocol.name}: scenarios`;
  return fc.record({
    params:
      options.params === undefined
        ? guardedArbitrary(
            scenarios,
            modelCall(scenarios, () => protocol.scenarios({ minNodes, maxNodes })),
          )
        : fc.constant(options.params),
    schedule: fc.array(step, { maxLength: options.maxSteps ?? 60, size: 'max' }),
    steering: steeringArbitrary(options),
  });
}

/**
 * The random engine. fast-check generates scenarios (group size, client inputs, fault budgets and
 * a schedule of choices), each runs to quiescence and is checked; the first failure is shrunk by
 * fast-check (keeping the same violated property), then minimized action by action (a run that
 * does not quiesce: to its shortest prefix and the steps that repeat, `liveness.ts`), and returned
 * as a trace that replays.
 */
export function runRandom(
  protocol: Protocol,
  variant: Variant,
  options: RandomOptions,
): RandomResult {
  const { arbitrary, predicate, parameters, finish } = exploration(protocol, variant, options);
  return finish(fc.check(fc.property(arbitrary, predicate), parameters));
}

/**
 * `runRandom`, giving the event loop a turn every 50 ms so that a signal (Ctrl-C) can stop it. The
 * same seed and options give the same result as `runRandom`.
 */
export async function runRandomAsync(
  protocol: Protocol,
  variant: Variant,
  options: RandomOptions,
): Promise<RandomResult> {
  const { arbitrary, predicate, parameters, finish } = exploration(protocol, variant, options);
  let last = performance.now();
  const property = fc.asyncProperty(arbitrary, async (scenario) => {
    if (performance.now() - last > 50) {
      await new Promise((resolve) => setImmediate(resolve));
      last = performance.now();
    }
    return predicate(scenario);
  });
  return finish(await fc.check(property, parameters));
}

/** The property, its parameters and the post-processing shared by both ways to run it. */
function exploration(protocol: Protocol, variant: Variant, options: RandomOptions) {
  const scenarioOptions: ScenarioOptions = {
    faultPercent: options.faultPercent ?? 15,
    drainSteps: options.drainSteps ?? 5000,
  };
  const table = new LocalTable();
  let steps = 0;
  let shrinkSteps = 0;
  let runs = 0;
  let target: string | undefined;
  // Scenarios are judged lean (their verdict alone); the counterexample runs again in full.
  const lean = { ...scenarioOptions, lean: true };
  const run = (scenario: Scenario, hashing = false) =>
    runScenario(
      new System(protocol, variant, scenario.params, table, hashing),
      scenario.schedule,
      hashing ? scenarioOptions : lean,
      scenario.steering,
    );
  const predicate = (scenario: Scenario): boolean => {
    // Interrupting execution ends the run; a failure found so far is kept, shrunk as far as it got.
    if (options.signal?.aborted === true) throw new fc.PreconditionFailure(true);
    const result = run(scenario);
    if (target === undefined) {
      steps += result.moves.length;
      runs++;
      if (runs % 50 === 0) options.onProgress?.(runs, steps);
    } else shrinkSteps += result.moves.length;
    if (result.violation === null) return true;
    // While shrinking, only the first failure's property counts, so the shrunk trace still shows it.
    target ??= result.violation.property;
    return result.violation.property !== target;
  };
  const parameters = { seed: options.seed, numRuns: options.runs };
  const finish = (details: fc.RunDetails<[Scenario]>): RandomResult => {
    const interrupted = details.interrupted;
    const memo = () => ({ hits: table.hits, misses: table.misses });
    if (!details.failed || details.counterexample === null) {
      const none = { ok: true, shrinkSteps, shrinks: 0, trace: null, memo: memo() };
      return { ...none, runs, steps, interrupted };
    }
    const [scenario] = details.counterexample;
    const trace = counterexample(scenario);
    return {
      ok: false,
      runs,
      steps,
      shrinkSteps,
      shrinks: details.numShrinks,
      trace,
      memo: memo(),
      interrupted,
    };
  };
  const counterexample = (scenario: Scenario): Trace => {
    const sys = new System(protocol, variant, scenario.params, table);
    const found = run(scenario, true);
    const actions = found.moves.map((m) => sys.toAction(m));
    let trace: Trace;
    if (found.violation?.property === QUIESCENCE) {
      const stuck = { actions, drainStart: found.drainStart };
      const livelock = shrinkLivelock(sys, stuck, scenarioOptions.drainSteps);
      const { worlds, violation } = livelock;
      trace = buildTrace(sys, 'random', options.seed, livelock.actions, worlds, violation);
    } else {
      const raw = buildTrace(sys, 'random', options.seed, actions, found.worlds, found.violation);
      trace = minimize(protocol, variant, raw, table);
    }
    return trace;
  };
  return { arbitrary: scenarioArbitrary(protocol, options), predicate, parameters, finish };
}
