/**
 * A machine's transitions run without xstate's interpreter, for the engines' memo misses (issue 16,
 * item 1: the random engine spent a third of its time in xstate's macrostep resolving actions).
 *
 * The machine stays the xstate machine the model defines: `compileMachine` reads its resolved state
 * nodes (targets, guards, entry and exit actions, `always`) and its implementations, and runs
 * SCXML's microstep for the subset the models use, the way xstate 5 does it: the deepest state's
 * first enabled transition; exit actions deepest first, the transition's actions, entry actions
 * outermost first (a compound state's initial child by default); eventless transitions after it
 * while they change something; a top-level final state ends the machine (`done`) after every
 * active state's exit actions. Kit steps (step.ts) run directly: their sends and observations are
 * collected in order and a non-empty change is assigned, as xstate resolves the adapter's
 * `enqueueActions`; so does xstate's own `assign`.
 *
 * A machine with anything outside the subset (parallel or history states, invocations, delayed or
 * wildcard transitions, built-in actions other than `assign` and kit steps, guards other than `not`/`and`/`or`,
 * a nested final state, a machine output) is not compiled: `compileMachine` says why, and the
 * driver keeps xstate. A test runs every protocol's variants in `checked` mode (pure-driver.ts),
 * where each transition runs both ways and must agree on state, context, status and actions.
 */
import {
  and,
  assign,
  not,
  or,
  type AnyStateMachine,
  type EventObject,
  type MachineContext,
} from 'xstate';
import { hasKeys } from './json.ts';
import type { CollectedAction } from './pure-driver.ts';
import type { Effects, GuardParams, KitStep } from './step.ts';
import { kitStepOf } from './step.ts';

/** A state node of a machine, as far as compiling reads it (xstate's `StateNode`). */
interface Node {
  readonly key: string;
  readonly id: string;
  readonly type: string;
  readonly order: number;
  readonly parent: Node | undefined;
  readonly states: Readonly<Record<string, Node>>;
  readonly config: { readonly after?: unknown; readonly output?: unknown };
  readonly transitions: ReadonlyMap<string, readonly Edge[]>;
  readonly always: readonly Edge[] | undefined;
  readonly entry: readonly unknown[];
  readonly exit: readonly unknown[];
  readonly invoke: readonly unknown[];
  readonly initial: { readonly target: readonly Node[]; readonly actions: readonly unknown[] };
}

/** A transition as xstate resolved it. */
interface Edge {
  readonly source: Node;
  readonly target: readonly Node[] | undefined;
  readonly reenter: boolean;
  readonly guard: unknown;
  readonly actions: readonly unknown[];
}

/** A guard compiled to a test of the context and the event. */
type Test = (context: MachineContext, event: EventObject) => boolean;

/**
 * An action compiled: a kit step, xstate's `assign`, or an action collected as xstate's executor
 * would get it.
 */
type Act =
  | { readonly kit: KitStep }
  | { readonly kit: 'assign'; readonly assign: Assigner }
  | {
      readonly kit: null;
      readonly type: string;
      readonly params: (context: MachineContext, event: EventObject) => unknown;
    };

/** xstate's `assign` compiled: the fields it changes, from the context and the event. */
type Assigner = (context: MachineContext, event: EventObject) => Record<string, unknown>;

/** A transition compiled. */
interface Move {
  readonly edge: Edge;
  readonly test: Test | null;
  readonly actions: readonly Act[];
  /** Per source leaf: its exit, actions and entry in order, the leaf after, whether it ends. */
  readonly effects: Map<Node, Effect>;
}

/** What taking a transition from one leaf does. */
interface Effect {
  readonly actions: readonly Act[];
  readonly leaf: Node;
  readonly done: boolean;
}

/** A snapshot of a compiled machine: what the kernel reads of xstate's, and the active leaf. */
export interface CompiledSnapshot {
  /** The state value, as xstate writes it. */
  readonly value: unknown;
  /** The context. */
  readonly context: MachineContext;
  /** `active`, or `done` in a top-level final state. */
  readonly status: 'active' | 'done';
  /** The machine (xstate reads it to evaluate guards, e.g. in `getTransitionData`). */
  readonly machine: AnyStateMachine;
  /** The active atomic state. */
  readonly leaf: unknown;
}

/** Why a construct is outside the compiled subset. */
class Unsupported extends Error {}

/** xstate's built-in guards, known by their `check` functions. */
const checkOf = (guard: unknown): unknown => (guard as { check?: unknown }).check;
const NOT = checkOf(not('x'));
const AND = checkOf(and([]));
const OR = checkOf(or([]));
/** How xstate resolves `assign`, which marks its actions. */
const ASSIGN = (assign({}) as unknown as { resolve: unknown }).resolve;

/** A machine whose transitions run without xstate's interpreter. */
export class CompiledMachine {
  private readonly root: Node;
  private readonly moves = new Map<Edge, Move>();
  private readonly candidates = new Map<Node, Map<string, readonly Move[]>>();
  private readonly eventless = new Map<Node, readonly Move[]>();
  private readonly values = new Map<Node, unknown>();
  private readonly guards: Readonly<Record<string, unknown>>;
  private readonly actionImpls: Readonly<Record<string, unknown>>;
  /** The context and event of the kit step running now (its `out` asks guards with them). */
  private context: MachineContext = {};
  private event: EventObject = { type: '' };
  private sink: CollectedAction[] = [];
  private readonly out: Effects;

  constructor(readonly machine: AnyStateMachine) {
    this.root = machine.root as unknown as Node;
    const impl = machine.implementations as {
      guards: Record<string, unknown>;
      actions: Record<string, unknown>;
    };
    this.guards = impl.guards;
    this.actionImpls = impl.actions;
    this.out = {
      send: (to, msg) => {
        if (typeof to === 'number' || to.length > 0)
          this.sink.push({ type: 'send', params: { to, msg } });
      },
      observe: (kind, fields = {}) => {
        this.sink.push({ type: 'observe', params: { kind, ...fields } });
      },
      check: (type, params) => this.named(type, params),
    };
    this.validate(this.root);
  }

  /**
   * The snapshot after `event`, its actions appended to `sink`; `snapshot` itself when nothing
   * changed (as xstate hands it back). Throws where xstate might behave otherwise (a guard or a
   * step that throws): the caller then asks xstate.
   */
  transition(
    snapshot: object,
    event: EventObject,
    sink: CollectedAction[],
  ): CompiledSnapshot | object {
    this.sink = sink;
    let leaf = leafOf(snapshot);
    let { context, status } = snapshot as { context: MachineContext; status: string };
    let changed = false;
    // The event's transition, then eventless ones while the machine is active and they change
    // something (xstate's macrostep).
    let move = this.select(this.candidatesOf(leaf, event.type), context, event);
    for (let eventless = false; ; eventless = true) {
      if (move !== null) {
        const effect = this.effectOf(move, leaf);
        const after = this.run(effect.actions, context, event);
        const step = after !== context || effect.leaf !== leaf || effect.done;
        context = after;
        leaf = effect.leaf;
        if (effect.done) status = 'done';
        if (step) changed = true;
        else if (eventless) break;
      } else if (eventless) break;
      if (status !== 'active') break;
      move = this.select(this.eventlessOf(leaf), context, event);
    }
    if (!changed) return snapshot;
    return {
      value: this.valueOf(leaf),
      context,
      status: status as 'active' | 'done',
      machine: this.machine,
      leaf,
    };
  }

  /** The first move of `moves` whose guard passes. */
  private select(moves: readonly Move[], context: MachineContext, event: EventObject): Move | null {
    for (const move of moves) if (move.test === null || move.test(context, event)) return move;
    return null;
  }

  /** Runs compiled actions in order from `context`; the context after them. */
  private run(
    actions: readonly Act[],
    context: MachineContext,
    event: EventObject,
  ): MachineContext {
    for (const act of actions) {
      if (act.kit === null) {
        const params = act.params(context, event);
        this.sink.push(params === undefined ? { type: act.type } : { type: act.type, params });
        continue;
      }
      if (act.kit === 'assign') {
        context = { ...context, ...act.assign(context, event) };
        continue;
      }
      if (!act.kit.accepts(event)) throw new Unsupported('a kit step of other events');
      this.context = context;
      this.event = event;
      const changes = act.kit.body({ context, event, out: this.out });
      if (changes !== undefined && hasKeys(changes)) context = { ...context, ...changes };
    }
    return context;
  }

  /**
   * A guard asked by name from inside a kit step, with the step's context and event: a plain
   * implementation is called as it is (steps ask in loops), anything else compiled.
   */
  private named(type: string, params: GuardParams | undefined): boolean {
    const impl = this.guards[type];
    if (typeof impl === 'function' && !('check' in impl))
      return (impl as (args: object, params: unknown) => boolean)(
        { context: this.context, event: this.event },
        params,
      );
    return this.guard({ type, params })(this.context, this.event);
  }

  /** The transitions an event may take from `leaf`, deepest state first. */
  private candidatesOf(leaf: Node, type: string): readonly Move[] {
    let byType = this.candidates.get(leaf);
    if (byType === undefined) {
      byType = new Map();
      this.candidates.set(leaf, byType);
    }
    let list = byType.get(type);
    if (list === undefined) {
      const found: Move[] = [];
      for (let node: Node | undefined = leaf; node !== undefined; node = node.parent)
        for (const edge of node.transitions.get(type) ?? []) found.push(this.moveOf(edge));
      list = found;
      byType.set(type, list);
    }
    return list;
  }

  /** The eventless transitions from `leaf`, deepest state first. */
  private eventlessOf(leaf: Node): readonly Move[] {
    let list = this.eventless.get(leaf);
    if (list === undefined) {
      const found: Move[] = [];
      for (let node: Node | undefined = leaf; node !== undefined; node = node.parent)
        for (const edge of node.always ?? []) found.push(this.moveOf(edge));
      list = found;
      this.eventless.set(leaf, list);
    }
    return list;
  }

  private moveOf(edge: Edge): Move {
    let move = this.moves.get(edge);
    if (move === undefined) {
      move = {
        edge,
        test: edge.guard === undefined ? null : this.guard(edge.guard),
        actions: edge.actions.map((a) => this.action(a)),
        effects: new Map(),
      };
      this.moves.set(edge, move);
    }
    return move;
  }

  /** SCXML's exit set, transition content and entry set of `move` taken from `leaf`. */
  private effectOf(move: Move, leaf: Node): Effect {
    let effect = move.effects.get(leaf);
    if (effect !== undefined) return effect;
    const { edge } = move;
    const target = edge.target?.[0];
    if (target === undefined) {
      effect = { actions: move.actions, leaf, done: false };
      move.effects.set(leaf, effect);
      return effect;
    }
    const domain = this.domainOf(edge, target);
    const active = pathOf(leaf); // the leaf, then its ancestors up to the root
    const exited = active.filter(
      (n) => (edge.reenter && n === edge.source && n === domain) || strictlyUnder(n, domain),
    );
    exited.sort((a, b) => b.order - a.order);
    const entered = new Set<Node>();
    const byDefault = new Set<Node>();
    if (edge.source !== target || edge.source !== domain || edge.reenter) {
      entered.add(target);
      byDefault.add(target);
    }
    let deepest = target;
    while (deepest.type === 'compound') {
      const initial = deepest.initial.target[0]!;
      entered.add(initial);
      byDefault.add(initial);
      deepest = initial;
    }
    const reentrancy = edge.source.parent === undefined && edge.reenter ? undefined : domain;
    for (let anc = target.parent; anc !== undefined && anc !== domain; anc = anc.parent)
      if (reentrancy === undefined || strictlyUnder(anc, reentrancy)) entered.add(anc);
    const entering = [...entered].sort((a, b) => a.order - b.order);
    const actions: Act[] = [];
    for (const n of exited) for (const a of n.exit) actions.push(this.action(a));
    actions.push(...move.actions);
    let done = false;
    for (const n of entering) {
      for (const a of n.entry) actions.push(this.action(a));
      if (byDefault.has(n)) for (const a of n.initial.actions) actions.push(this.action(a));
      if (n.type === 'final') done = true;
    }
    const after = active.filter((n) => !exited.includes(n));
    for (const n of entering) if (!after.includes(n)) after.push(n);
    const next = after.find((n) => n.type === 'atomic' || n.type === 'final') ?? deepest;
    if (done) {
      after.sort((a, b) => b.order - a.order);
      for (const n of after) for (const a of n.exit) actions.push(this.action(a));
    }
    effect = { actions, leaf: next, done };
    move.effects.set(leaf, effect);
    return effect;
  }

  /** xstate's transition domain for one target. */
  private domainOf(edge: Edge, target: Node): Node {
    if (!edge.reenter && (target === edge.source || strictlyUnder(target, edge.source)))
      return edge.source;
    for (let anc = target.parent; anc !== undefined; anc = anc.parent)
      if (strictlyUnder(edge.source, anc)) return anc;
    throw new Unsupported('a transition without a common ancestor');
  }

  /** The state value of a leaf, as xstate writes it (one shared object per leaf). */
  private valueOf(leaf: Node): unknown {
    let value = this.values.get(leaf);
    if (value === undefined) {
      // A machine without states is its root alone, whose value xstate writes as `{}`.
      value = leaf.parent === undefined ? {} : leaf.key;
      for (let n = leaf.parent; n !== undefined && n.parent !== undefined; n = n.parent)
        value = { [n.key]: value };
      this.values.set(leaf, value);
    }
    return value;
  }

  /** A guard reference compiled, as xstate's `evaluateGuard` resolves it. */
  private guard(ref: unknown): Test {
    if (typeof ref === 'function') {
      const check = (ref as { check?: unknown }).check;
      const inner = (ref as { guards?: readonly unknown[] }).guards ?? [];
      if (check === NOT) {
        const t = this.guard(inner[0]);
        return (c, e) => !t(c, e);
      }
      if (check === AND) {
        const ts = inner.map((g) => this.guard(g));
        return (c, e) => ts.every((t) => t(c, e));
      }
      if (check === OR) {
        const ts = inner.map((g) => this.guard(g));
        return (c, e) => ts.some((t) => t(c, e));
      }
      if (check !== undefined) throw new Unsupported('a built-in guard other than not, and, or');
      const fn = ref as (args: object, params: unknown) => boolean;
      return (context, event) => fn({ context, event }, undefined);
    }
    const type = typeof ref === 'string' ? ref : (ref as { type: string }).type;
    const impl = this.guards[type];
    if (impl === undefined) throw new Unsupported(`guard '${type}' is not implemented`);
    if (typeof impl !== 'function' || 'check' in impl) return this.guard(impl);
    const fn = impl as (args: object, params: unknown) => boolean;
    const params =
      typeof ref === 'object' && ref !== null && 'params' in ref ? ref.params : undefined;
    if (typeof params === 'function')
      return (context, event) => fn({ context, event }, params({ context, event }));
    return (context, event) => fn({ context, event }, params);
  }

  /** An action reference compiled, as xstate resolves it. */
  private action(ref: unknown): Act {
    const inline = typeof ref === 'function';
    const type = inline
      ? (ref as { name: string }).name || '(anonymous)'
      : typeof ref === 'string'
        ? ref
        : (ref as { type: string }).type;
    const impl = inline ? ref : this.actionImpls[type];
    const kit = kitStepOf(impl);
    if (kit !== undefined) return { kit };
    const raw =
      !inline && typeof ref === 'object' && ref !== null && 'params' in ref
        ? ref.params
        : undefined;
    if (typeof impl === 'function' && 'resolve' in impl) {
      if (impl.resolve !== ASSIGN) throw new Unsupported(`built-in action '${type}'`);
      return { kit: 'assign', assign: assigner(impl, raw) };
    }
    const params =
      typeof raw === 'function'
        ? (context: MachineContext, event: EventObject) => raw({ context, event }) as unknown
        : () => raw;
    return { kit: null, type, params };
  }

  /** Throws `Unsupported` for anything outside the subset, compiling what it can reach. */
  private validate(node: Node): void {
    if (node.type !== 'atomic' && node.type !== 'compound' && node.type !== 'final')
      throw new Unsupported(`a ${node.type} state (${node.id})`);
    if (node.invoke.length > 0) throw new Unsupported(`an invocation (${node.id})`);
    if (node.config.after !== undefined) throw new Unsupported(`a delayed transition (${node.id})`);
    if (node.type === 'final' && node.parent?.parent !== undefined)
      throw new Unsupported(`a nested final state (${node.id})`);
    if (node.parent === undefined && node.config.output !== undefined)
      throw new Unsupported('a machine output');
    for (const [descriptor, edges] of node.transitions) {
      if (descriptor.includes('*')) throw new Unsupported(`a wildcard transition (${node.id})`);
      edges.forEach((e) => this.validateEdge(e));
    }
    (node.always ?? []).forEach((e) => this.validateEdge(e));
    for (const a of [...node.entry, ...node.exit, ...node.initial.actions]) this.action(a);
    for (const child of Object.values(node.states)) this.validate(child);
  }

  private validateEdge(edge: Edge): void {
    if ((edge.target?.length ?? 0) > 1) throw new Unsupported('a transition with several targets');
    const target = edge.target?.[0];
    if (target !== undefined && (target.type === 'history' || target.parent === undefined))
      throw new Unsupported('a transition to a history state or the root');
    this.moveOf(edge);
  }
}

/** Compiles a machine, or says why it stays with xstate. */
export function compileMachine(machine: AnyStateMachine): CompiledMachine | string {
  try {
    return new CompiledMachine(machine);
  } catch (e) {
    if (e instanceof Unsupported) return e.message;
    throw e;
  }
}

/**
 * An `assign` action's changes, as xstate's `resolveAssign` works them out: its function, or each
 * field's value or function, given the context, the event and the action's params. (Spawning from
 * an assigner is refused: models do not spawn.)
 */
function assigner(action: object, params: unknown): Assigner {
  const assignment = (action as { assignment: unknown }).assignment;
  const resolve = (context: MachineContext, event: EventObject): unknown =>
    typeof params === 'function' ? params({ context, event }) : params;
  const args = (context: MachineContext, event: EventObject) => ({
    context,
    event,
    spawn: () => {
      throw new Error('models may not spawn');
    },
  });
  if (typeof assignment === 'function') {
    const fn = assignment as (args: object, params: unknown) => Record<string, unknown>;
    return (context, event) => fn(args(context, event), resolve(context, event));
  }
  const fields = Object.entries(assignment as Record<string, unknown>);
  return (context, event) => {
    const partial: Record<string, unknown> = {};
    for (const [key, value] of fields)
      partial[key] =
        typeof value === 'function'
          ? (value as (args: object, params: unknown) => unknown)(
              args(context, event),
              resolve(context, event),
            )
          : value;
    return partial;
  };
}

/** The active atomic state of a compiled or an xstate snapshot. */
function leafOf(snapshot: object): Node {
  const own = (snapshot as { leaf?: Node }).leaf;
  if (own !== undefined) return own;
  const nodes = (snapshot as { _nodes: readonly Node[] })._nodes;
  for (const n of nodes) if (n.type === 'atomic' || n.type === 'final') return n;
  throw new Unsupported('a snapshot with no atomic state');
}

/** A node and its ancestors, the node first. */
function pathOf(node: Node): Node[] {
  const path: Node[] = [];
  for (let n: Node | undefined = node; n !== undefined; n = n.parent) path.push(n);
  return path;
}

/** Whether `node` is a proper descendant of `ancestor`. */
function strictlyUnder(node: Node, ancestor: Node): boolean {
  for (let n = node.parent; n !== undefined; n = n.parent) if (n === ancestor) return true;
  return false;
}
