import { createActor, type AnyActorScope, type AnyStateMachine, type EventObject } from 'xstate';
import type { Json } from './json.ts';

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

/**
 * Drives one machine purely, like xstate's `initialTransition`/`transition`, but with one inert
 * actor scope built once and reused. xstate's own functions build a fresh actor (which computes an
 * initial snapshot) on every call; that allocation dominated the cost of a local step. Reuse is
 * sound here because models may not spawn, invoke or schedule: the scope's system stays empty, and
 * the only thing a call leaves behind, the collected actions, is reset before each call.
 */
export class PureDriver {
  private static count = 0;
  /** A number unique to this driver (so snapshots of different machines never share an id). */
  readonly id = PureDriver.count++;
  private readonly collected: CollectedAction[] = [];
  private readonly scope: AnyActorScope;

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
  }

  /** The machine's initial snapshot for `input`, and the actions its entry produced. */
  initial(input: Json): [Snapshot, CollectedAction[]] {
    this.collected.length = 0;
    const outer = effectSink.current;
    effectSink.current = this.collected;
    try {
      const snapshot = this.machine.getInitialSnapshot(this.scope, input) as Snapshot;
      return [snapshot, this.collected.slice()];
    } finally {
      effectSink.current = outer;
    }
  }

  /** The snapshot after `event`, and the actions the transition produced. */
  transition(snapshot: Snapshot, event: EventObject): [Snapshot, CollectedAction[]] {
    this.collected.length = 0;
    const outer = effectSink.current;
    effectSink.current = this.collected;
    try {
      const next = this.machine.transition(snapshot, event, this.scope) as Snapshot;
      return [next, this.collected.slice()];
    } finally {
      effectSink.current = outer;
    }
  }
}
