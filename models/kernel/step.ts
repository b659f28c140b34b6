/**
 * The protocol kit's effect adapter: the one way a role's step sends messages, records
 * observations, asks a named guard and changes its context.
 *
 * A step is a pure function of the node's context and the event. It gets an `Effects` object to
 * send and observe through, and returns the context fields it changes (or nothing). `roleKit`
 * turns such functions into xstate actions (the kernel then harvests the sends and observations
 * from the transition), and the same functions run unchanged outside xstate (a simulator passes
 * its own `Effects`), so a model's logic is written once.
 *
 * ```ts
 * const kit = roleKit<{ context: Ctx; events: Event; sends: Message; guards: 'isNextInOrder' }>();
 * setup({
 *   types: kit.types,
 *   actions: {
 *     ...kit.effects,
 *     broadcastData: kit.on('multicast', ({ context, event, out }) => {
 *       out.send(everyone(context.n), { type: 'Data', id: event.id });
 *     }),
 *   },
 * });
 * ```
 */
import { enqueueActions, type ActionFunction, type EventObject, type MachineContext } from 'xstate';
import { effects } from './effects.ts';
import { effectSink } from './pure-driver.ts';
import { hasKeys, type Json } from './json.ts';

/** A message a role sends: a `type` and plain-JSON fields (declared as an interface or a type). */
export interface Message {
  /** The message kind, named after the paper (`Data`, `Order`, `FlushAck`…). */
  readonly type: string;
}

/** A received message as its sender writes it: without the `from` the kernel adds on delivery. */
export type Outgoing<E> = E extends unknown ? Omit<E, 'from'> : never;

/** The fields of an observation besides its kind; `node` is the kernel's and may not be used. */
export type ObservationFields = Readonly<Record<string, Json>>;

/** Whatever params a named guard takes (plain data; the guard's own signature narrows it). */
export type GuardParams = object;

/**
 * What one step may do besides changing its context. Implemented by the xstate adapter (the
 * effects become kernel actions) and by anything else that runs the same logic (a simulator).
 * `M` is the union of the messages the role sends; `G` the names of the guards it asks by name.
 */
export interface Effects<M extends Message = Message, G extends string = string> {
  /** Sends `msg` to one node or to each node of a list (an empty list sends nothing). */
  send(to: number | readonly number[], msg: M): void;
  /** Records what the node did, for the history that properties read. */
  observe(kind: string, fields?: ObservationFields): void;
  /**
   * Asks the named guard (the machine's own implementation, so a mutant's `provide({ guards })`
   * reaches decisions taken inside a step).
   */
  check(guard: G, params?: GuardParams): boolean;
}

/** What a step function receives. */
export interface StepArgs<C, E, M extends Message, G extends string> {
  /** The node's context before the step (never mutate it: snapshots are shared). */
  readonly context: C;
  /** The event being handled, with `from` (the sender's index, -1 for the environment). */
  readonly event: E;
  /** Where the step's sends and observations go, and how it asks named guards. */
  readonly out: Effects<M, G>;
}

/** A step: the context fields it changes, or nothing. */
export type StepFn<C, E, M extends Message, G extends string> = (
  args: StepArgs<C, E, M, G>,
) => Partial<C> | void;

/** The xstate action a step becomes (typed to fit any `setup` of the role's context and events). */
export type StepAction<C extends MachineContext, E extends EventObject> = ActionFunction<
  C,
  E,
  E,
  undefined,
  never,
  never,
  never,
  never,
  never
>;

/** A guard over one kind of event, typed for `setup({ guards })`. */
export type KindGuard<C, E> = (args: { context: C; event: E }) => boolean;

/** The types a role declares once: its context, the events it takes, what it sends, its guards. */
export interface RoleTypes {
  /** The machine's context (plain JSON). */
  readonly context: MachineContext;
  /** Every event the machine handles (messages, client inputs, timers). */
  readonly events: EventObject;
  /** The messages it sends. */
  readonly sends: Message;
  /** The guards it asks by name from inside steps (default: none). */
  readonly guards?: string;
  /** Its input (default: none). */
  readonly input?: unknown;
}

/** The kit for one role: typed step and guard builders bound to the role's types. */
export interface RoleKit<T extends RoleTypes> {
  /** The `types` of `setup` (context, events, input), so they are declared once. */
  readonly types: {
    context: T['context'];
    events: T['events'];
    input: T['input'];
  };
  /** The kernel's `send` and `observe` actions: spread them into `setup({ actions })`. */
  readonly effects: typeof effects;
  /** An action running `body` on any event the role takes. */
  step(
    body: StepFn<T['context'], T['events'], T['sends'], Guards<T>>,
  ): StepAction<T['context'], T['events']>;
  /**
   * An action for one kind of event (or a list of kinds), with `event` narrowed to it. Attached
   * to a transition of another kind, it throws when run: a wiring mistake never passes silently.
   */
  on<K extends T['events']['type']>(
    kinds: K | readonly K[],
    body: StepFn<T['context'], Extract<T['events'], { type: K }>, T['sends'], Guards<T>>,
  ): StepAction<T['context'], T['events']>;
  /** A guard for one kind of event (or a list of kinds), with `event` narrowed to it. */
  when<K extends T['events']['type']>(
    kinds: K | readonly K[],
    test: (args: { context: T['context']; event: Extract<T['events'], { type: K }> }) => boolean,
  ): KindGuard<T['context'], T['events']>;
}

/** The guard names of a role's types (`never` when it asks none). */
type Guards<T extends RoleTypes> = T['guards'] extends string ? T['guards'] : never;

/** The action objects the adapter enqueues (the kernel harvests them by name). */
type KernelAction =
  | { readonly type: 'send'; readonly params: { to: number | readonly number[]; msg: Message } }
  | { readonly type: 'observe'; readonly params: { kind: string } & ObservationFields };

/**
 * What the adapter uses of xstate's `enqueueActions` arguments besides context and event. xstate
 * types `enqueue` and `check` from the `setup` an action is written in; an action built here, for
 * any role, cannot name that setup's actions and guards, so these two are read through this
 * interface: the single type bridge between the kit and xstate (the kernel checks the harvested
 * actions at run time, and an unknown guard name makes xstate throw).
 */
interface Collect {
  readonly check: (guard: { type: string; params?: GuardParams }) => boolean;
  readonly enqueue: ((action: KernelAction) => void) & { assign: (fields: object) => void };
}

/**
 * The adapter itself: one xstate action that runs `body` on the events `accepts` admits (narrowed
 * to `N`) and enqueues what it did; any other event is a wiring mistake and throws.
 */
function adapt<
  C extends MachineContext,
  E extends EventObject,
  N extends E,
  M extends Message,
  G extends string,
>(accepts: (event: E) => event is N, body: StepFn<C, N, M, G>): StepAction<C, E> {
  const action = enqueueActions<C, E, undefined, E, never, never, never, never, never>((args) => {
    const { context, event } = args;
    const { check, enqueue }: Collect = args as unknown as Collect;
    if (!accepts(event)) {
      throw new Error(`a step for other events ran on '${event.type}': check the machine's wiring`);
    }
    // Under a PureDriver the effects go straight to the driver's collected actions, in the order
    // xstate would have executed them; elsewhere they are enqueued as xstate actions.
    const sink = effectSink.current;
    const emit = sink === null ? enqueue : (action: KernelAction) => void sink.push(action);
    const out: Effects<M, G> = {
      send(to, msg) {
        if (typeof to === 'number' || to.length > 0) emit({ type: 'send', params: { to, msg } });
      },
      observe(kind, fields = {}) {
        emit({ type: 'observe', params: { kind, ...fields } });
      },
      check: (type, params) => check({ type, params }),
    };
    const changed = body({ context, event, out });
    if (changed !== undefined && hasKeys(changed)) enqueue.assign(changed);
  });
  Object.defineProperty(action, KIT_STEP, { value: { accepts, body } });
  return action;
}

/**
 * What a kit action runs, for a driver that runs it without xstate (compiled-machine.ts): the
 * test of the events it takes and the step itself. Its semantics are the adapter's above: a step
 * of other events throws, sends and observations go out in order, a non-empty change is assigned.
 */
export interface KitStep {
  /** Whether the action takes this event. */
  readonly accepts: (event: EventObject) => boolean;
  /** The step. */
  readonly body: (args: {
    context: MachineContext;
    event: EventObject;
    out: Effects;
  }) => Record<string, unknown> | void;
}

/**
 * Where a kit action keeps what it runs: a registered symbol, so that a kit action built by
 * another copy of this module (a user's protocol loaded through tsx's loader gets its own module
 * instances) is known as one too.
 */
const KIT_STEP = Symbol.for('groupcheck.kit-step');

/** The step a kit action runs, or undefined for any other action. */
export function kitStepOf(action: unknown): KitStep | undefined {
  return typeof action === 'function'
    ? (action as unknown as Record<symbol, KitStep | undefined>)[KIT_STEP]
    : undefined;
}

/** A test that an event is of one of `kinds`, narrowing it. */
function ofKinds<E extends EventObject, K extends E['type']>(
  kinds: K | readonly K[],
): (event: E) => event is Extract<E, { type: K }> {
  const accepted: readonly string[] = typeof kinds === 'string' ? [kinds] : kinds;
  return (event): event is Extract<E, { type: K }> => accepted.includes(event.type);
}

/**
 * The kit for a role with the given types (a type-level call: nothing is stored). Every role of
 * every protocol collects its effects through it.
 */
export function roleKit<T extends RoleTypes>(): RoleKit<T> {
  type E = T['events'];
  const any = (_: E): _ is E => true;
  return {
    types: {} as RoleKit<T>['types'],
    effects,
    step: (body) => adapt(any, body),
    on: <K extends E['type']>(
      kinds: K | readonly K[],
      body: StepFn<T['context'], Extract<E, { type: K }>, T['sends'], Guards<T>>,
    ) => adapt(ofKinds<E, K>(kinds), body),
    when: <K extends E['type']>(
      kinds: K | readonly K[],
      test: (args: { context: T['context']; event: Extract<E, { type: K }> }) => boolean,
    ) => {
      const admits = ofKinds<E, K>(kinds);
      return ({ context, event }) => admits(event) && test({ context, event });
    },
  };
}

/**
 * An `Effects` that records into arrays, for running step logic outside xstate (tests, a
 * simulator) and for reading back what a step did. `decide` answers named guards (default: throw,
 * so a step that asks an unexpected guard shows).
 */
export class RecordedEffects<
  M extends Message = Message,
  G extends string = string,
> implements Effects<M, G> {
  /** The messages sent, in order, one entry per receiver. */
  readonly sent: { readonly to: number; readonly msg: M }[] = [];
  /** The observations made, in order. */
  readonly observed: ({ readonly kind: string } & ObservationFields)[] = [];

  constructor(private readonly decide: (guard: G, params?: GuardParams) => boolean = unanswered) {}

  /** See `Effects.send`. */
  send(to: number | readonly number[], msg: M): void {
    for (const node of typeof to === 'number' ? [to] : to) this.sent.push({ to: node, msg });
  }

  /** See `Effects.observe`. */
  observe(kind: string, fields: ObservationFields = {}): void {
    this.observed.push({ kind, ...fields });
  }

  /** See `Effects.check`. */
  check(guard: G, params?: GuardParams): boolean {
    return this.decide(guard, params);
  }
}

function unanswered(guard: string): boolean {
  throw new Error(`no decision given for guard '${guard}'`);
}
