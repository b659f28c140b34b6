import { createActor, type AnyActorScope, type AnyStateMachine, type EventObject } from 'xstate';
import { compileMachine, type CompiledMachine } from './compiled-machine.ts';
import { truncate } from './lists.ts';
import { canonicalJson, type Json } from './json.ts';

/** A machine snapshot, as xstate returns it. */
export type Snapshot = ReturnType<AnyStateMachine['transition']>;

/** An action xstate hands back instead of executing it. */
export interface CollectedAction {
  /** The action's name (`send`, `observe`, or a built-in `xstate.*`). */
  readonly type: string;
  /** Its resolved params. */
  readonly params?: unknown;
}

/**
 * Where the step adapter (step.ts) may hand its `send` and `observe` actions straight to the
 * driver running the transition, instead of enqueueing them in xstate (which resolves and executes
 * each enqueued action only for the driver to collect it). Set by a `PureDriver` for the duration
 * of a transition, in the same order xstate would have executed them; null otherwise (an actor
 * run by xstate itself, a test), when the adapter enqueues them as usual.
 */
export const effectSink: { current: CollectedAction[] | null } = { current: null };

/** The ways a driver may run transitions (see `driverMode`). */
export const DRIVER_MODES = ['compiled', 'xstate', 'checked'] as const;

/** The driver mode `text` names, or undefined. */
export function driverModeNamed(
  text: string | undefined,
): (typeof DRIVER_MODES)[number] | undefined {
  return DRIVER_MODES.find((mode) => mode === text);
}

/** The environment's `GROUPCHECK_DRIVER`, where there is an environment (not in a browser). */
const fromEnv = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
  ?.env?.['GROUPCHECK_DRIVER'];

/**
 * How drivers run transitions: `compiled` (the default) runs a machine's transitions without
 * xstate's interpreter where compiled-machine.ts covers everything the machine uses, and with
 * xstate otherwise; `xstate` always asks xstate; `checked` runs both on every transition and throws
 * when they disagree (the differential test runs every protocol so). Results are the same in every
 * mode: only the speed differs. The environment variable `GROUPCHECK_DRIVER` sets it for a run and
 * its worker threads (the command line refuses any other value).
 */
export const driverMode: { current: (typeof DRIVER_MODES)[number] } = {
  current: driverModeNamed(fromEnv) ?? 'compiled',
};

/**
 * Drives one machine purely, like xstate's `initialTransition`/`transition`, but with one inert
 * actor scope built once and reused. xstate's own functions build a fresh actor (which computes an
 * initial snapshot) on every call; that allocation dominated the cost of a local step. Reuse is
 * sound here because models may not spawn, invoke or schedule: the scope's system stays empty, and
 * the only thing a call leaves behind, the collected actions, is reset before each call. Where the
 * machine compiles (compiled-machine.ts), its transitions run without xstate's interpreter at all
 * (see `driverMode`); its initial snapshot is always xstate's.
 */
export class PureDriver {
  private static count = 0;
  /** A number unique to this driver (so snapshots of different machines never share an id). */
  readonly id = PureDriver.count++;
  private readonly collected: CollectedAction[] = [];
  private readonly scope: AnyActorScope;
  /** The machine compiled, or why it is not (compiled-machine.ts). */
  readonly compiled: CompiledMachine | string;

  /** @param input any valid input of the machine (the throwaway actor needs one to start). */
  constructor(
    /** The machine driven. */
    readonly machine: AnyStateMachine,
    input: Json,
  ) {
    const self = createActor(machine, { input });
    const scope: AnyActorScope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      actionExecutor: (action) => {
        this.collected.push(action);
      },
    };
    this.scope = scope;
    this.compiled = compileMachine(machine);
  }

  /** The machine's initial snapshot for `input`, and the actions its entry produced. */
  initial(input: Json): [Snapshot, CollectedAction[]] {
    return this.collect(() => this.machine.getInitialSnapshot(this.scope, input) as Snapshot);
  }

  /** The snapshot after `event`, and the actions the transition produced. */
  transition(snapshot: Snapshot, event: EventObject): [Snapshot, CollectedAction[]] {
    const mode = driverMode.current;
    if (mode !== 'xstate' && typeof this.compiled !== 'string') {
      const fast = this.fast(this.compiled, snapshot, event);
      if (fast !== null) {
        if (mode === 'checked') this.compare(snapshot, event, fast);
        return fast;
      }
    }
    return this.interpret(asXstate(snapshot), event);
  }

  /** The compiled transition, or null where it defers to xstate (a guard or step that threw). */
  private fast(
    compiled: CompiledMachine,
    snapshot: Snapshot,
    event: EventObject,
  ): [Snapshot, CollectedAction[]] | null {
    const sink: CollectedAction[] = [];
    try {
      return [compiled.transition(snapshot, event, sink) as Snapshot, sink];
    } catch {
      return null;
    }
  }

  /** `checked` mode: throws unless xstate agrees with the compiled transition. */
  private compare(
    snapshot: Snapshot,
    event: EventObject,
    [next, actions]: [Snapshot, CollectedAction[]],
  ): void {
    const [want, wanted] = this.interpret(asXstate(snapshot), event);
    const state = (s: Snapshot) => canonicalJson([s.value, s.context, s.status]);
    const acts = (list: CollectedAction[]) =>
      canonicalJson(list.map((a) => [a.type, (a.params ?? null) as Json]));
    if (state(next) !== state(want) || acts(actions) !== acts(wanted)) {
      throw new Error(
        `compiled machine '${this.machine.id}' disagrees with xstate on '${event.type}' from ${state(snapshot)}: ${state(next)} ${acts(actions)} against ${state(want)} ${acts(wanted)}`,
      );
    }
  }

  /** The transition as xstate computes it. */
  private interpret(snapshot: Snapshot, event: EventObject): [Snapshot, CollectedAction[]] {
    return this.collect(() => this.machine.transition(snapshot, event, this.scope) as Snapshot);
  }

  /** Runs xstate with the effect sink pointed at this driver; its snapshot and the actions. */
  private collect(run: () => Snapshot): [Snapshot, CollectedAction[]] {
    truncate(this.collected);
    const outer = effectSink.current;
    effectSink.current = this.collected;
    try {
      return [run(), this.collected.slice()];
    } finally {
      effectSink.current = outer;
    }
  }
}

/** An xstate snapshot for a compiled one (the same state value and context), or `snapshot`. */
function asXstate(snapshot: Snapshot): Snapshot {
  const own = snapshot as unknown as { leaf?: unknown; machine: AnyStateMachine };
  if (own.leaf === undefined) return snapshot;
  const resolved = own.machine.resolveState({ value: snapshot.value, context: snapshot.context });
  if (snapshot.status === 'active') return resolved as Snapshot;
  return Object.assign(
    Object.create(Object.getPrototypeOf(resolved) as object) as object,
    resolved,
    {
      status: snapshot.status,
    },
  ) as Snapshot;
}
