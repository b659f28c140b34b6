/**
 * The specification types every layer shares: what a node was seen to do (observations, histories),
 * what a property promises and how it answers (verdicts, violations). Properties, models, engines
 * and checkers all depend on this file; it depends on nothing but JSON.
 */
import type { Json } from './json.ts';
/**
 * One thing a node was seen to do, in the order the world did it: the history that properties
 * read. Models emit them with the `observe` action (`{ kind: 'deliver', msg: 'm0' }`); the kernel
 * adds `node` and records its own `crash`, `recover`, `join` and `leave`.
 */
export interface Observation {
  /** The node that did it (its index in the configuration). */
  readonly node: number;
  /** What it did: `multicast`, `deliver`, `execute`, `crash`… */
  readonly kind: string;
  /** Anything else the model says about it (message ids, values). */
  readonly [field: string]: Json;
}

/** A history: observations in the order they happened. */
export type History = readonly Observation[];

/** Why a property does not hold: the property, and the nodes and messages that prove it. */
export interface Violation {
  /** The violated property's name, e.g. `total-order`. */
  readonly property: string;
  /** One line a person can read: what went wrong, naming nodes and messages. */
  readonly message: string;
  /** The nodes involved (configuration indices). */
  readonly nodes: readonly number[];
  /** The messages (or requests, keys, transactions) involved. */
  readonly messages: readonly string[];
}

/** A property's answer: `null` when it holds, the violation otherwise. */
export type Verdict = Violation | null;

/** What a property sees besides the history: the world at the point where it is checked. */
export interface PropertyContext {
  /** How many nodes the configuration has. */
  readonly nodes: number;
  /** Whether each node is up (not crashed, joined and not left) at the point of the check. */
  readonly up: readonly boolean[];
}

/**
 * A property's incremental form (issue 16, item 1): a small state folded over the history one
 * observation at a time, so the exhaustive engine checks a successor by folding in the step's new
 * observations instead of re-reading the whole history. Its `answer` on the state folded over a
 * history must be exactly what the property's `check` (or `reached`) says on that history; the
 * engine caches the state a history ends in on the history's newest cell and shares it with every
 * world that shares the cell. Build one with `monitor()` (properties/monitor.ts), which checks the
 * state's type.
 */
export interface Monitor<A> {
  /** The state on the empty history. */
  readonly start: unknown;
  /**
   * The state after one more observation. Pure: it must not change `state` (many worlds share it)
   * but return a new one that may share what did not change, or `state` itself.
   */
  readonly step: (state: unknown, observation: Observation) => unknown;
  /** The property's answer on the history folded into `state`. */
  readonly answer: (state: unknown, context: PropertyContext) => A;
}

/** What of the history a property reads, so the exhaustive engine keeps apart what it must. */
export interface HistoryScope {
  /**
   * Each node's own sequence (`node`, the default), or the order of observations across nodes
   * too (`global`, e.g. real-time order for linearizability).
   */
  readonly scope?: 'node' | 'global';
  /**
   * With `scope: 'global'`: the observation kinds whose order across nodes it reads (e.g.
   * `['invoke', 'ok']` for linearizability). Default: all. The narrower, the fewer states the
   * exhaustive engine must keep apart.
   */
  readonly reads?: readonly string[];
}

/**
 * A property a protocol promises, checked against every run.
 * - `safety`: must hold on every prefix of the history (the engines check it whenever the history
 *   grew; a violation is reported at the first step where it shows).
 * - `quiescence`: must hold whenever the system has quiesced (nothing deliverable, no client input
 *   waiting, no timer that would do anything): agreement, validity, eventual discovery.
 */
export interface CheckedProperty extends HistoryScope {
  /** Short kebab-case name, used on the command line and in traces. */
  readonly name: string;
  /** One-line statement of what it promises. */
  readonly statement: string;
  /** When it is checked. */
  readonly kind: 'safety' | 'quiescence';
  /** The check itself: pure, deterministic, over the history so far. */
  readonly check: (history: History, context: PropertyContext) => Verdict;
  /**
   * A `quiescence` property that is also a leads-to property under weak fairness (`request ~>
   * answer`): its check names what is still owed, and the exhaustive engine also applies it on
   * every fair cycle of the bounded configuration, a run that goes on forever without quiescing,
   * where the history no longer changes (checkers/exhaustive/fair-cycles.ts). A violation there is
   * a lasso. Only for checks that make sense before quiescence ("every request is answered", not
   * "every replica holds the same value").
   */
  readonly liveness?: boolean;
  /** The check's incremental form, when it has one: the exhaustive engine then uses it. */
  readonly monitor?: Monitor<Verdict>;
}

/**
 * A reachability property (Stateright's `sometimes`): some run must get there. It guards against
 * vacuous models: the exhaustive engine reports the shortest path to a witness, and fails when a
 * complete search finds none.
 */
export interface SometimesProperty extends HistoryScope {
  /** Short kebab-case name. */
  readonly name: string;
  /** One line: what must be reachable. */
  readonly statement: string;
  /** Always `sometimes`. */
  readonly kind: 'sometimes';
  /** Whether the history so far is a witness. */
  readonly reached: (history: History, context: PropertyContext) => boolean;
  /** `reached`'s incremental form, when it has one: the exhaustive engine then uses it. */
  readonly monitor?: Monitor<boolean>;
}

/** What an `always` invariant sees of one node. */
export interface NodeView {
  /** The node's role. */
  readonly role: string;
  /** `up`, `down` (crashed) or `out` (not joined, or left). */
  readonly status: 'up' | 'down' | 'out';
  /** Its machine's state value (null if it never started). */
  readonly value: Json;
  /** Its machine's context (null if it never started). */
  readonly context: Json;
}

/** What an `always` invariant sees of a world. */
export interface WorldView {
  /** Every node, by index. */
  readonly nodes: readonly NodeView[];
  /** The messages in flight, `from` → `to` (built on first use). */
  readonly inFlight: () => readonly {
    readonly from: number;
    readonly to: number;
    readonly msg: Json;
  }[];
}

/**
 * An invariant over worlds (TLA+'s `[]P`): checked on every world an engine reaches, e.g. "at most
 * one node holds an exclusive lock on an item". Prefer history properties where the protocol's
 * observations say enough: they also check logs of real systems.
 */
export interface InvariantProperty {
  /** Short kebab-case name. */
  readonly name: string;
  /** One-line statement. */
  readonly statement: string;
  /** Always `always`. */
  readonly kind: 'always';
  /** The check: `null` when the world satisfies it. */
  readonly check: (world: WorldView) => Verdict;
}

/** Any property a protocol declares. */
export type Property = CheckedProperty | SometimesProperty | InvariantProperty;
