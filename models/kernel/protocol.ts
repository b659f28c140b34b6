import type * as fc from 'fast-check';
import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { Observation, Property } from './spec.ts';
import type { Payload } from './action.ts';
import type { Json, JsonObject } from './json.ts';
import type { Manifest } from './manifest.ts';
import { modelCall } from './model-error.ts';

/**
 * How the network orders and keeps messages:
 * - `fifo`: one queue per sender→receiver channel; only its head can be delivered.
 * - `unordered`: a bag per channel; any message in it can be delivered.
 * - `duplicating`: a set per channel; a delivered message stays deliverable (TLA+'s message soup).
 */
export type NetworkKind = 'fifo' | 'unordered' | 'duplicating';

/** The fault kinds a configuration can budget. `heal` is free: it ends a partition. */
export type FaultKind =
  'drop' | 'duplicate' | 'crash' | 'recover' | 'join' | 'leave' | 'partition' | 'timeout';

/** The fault kinds, in a fixed order (budgets are stored by index). */
export const FAULT_KINDS: readonly FaultKind[] = [
  'drop',
  'duplicate',
  'crash',
  'recover',
  'join',
  'leave',
  'partition',
  'timeout',
];

/** How many faults of each kind a run may inject (missing kinds: none). */
export type FaultBudget = Readonly<Partial<Record<FaultKind, number>>>;

/**
 * A role: the xstate machine each of its nodes runs, and the spontaneous events it may take.
 * The machine must be driven purely: no `invoke`, `spawn`, `after` or `sendTo`; it sends with the
 * named action `send` (params `{ to, msg }`, `to` a node index or a list) and reports what it did
 * with `observe` (params `{ kind, ...fields }`). Its context must be plain JSON.
 */
export interface Role {
  /** The machine; its `input` is the node's configured input. */
  readonly machine: AnyStateMachine;
  /** Timer events the world may fire (each consumes the `timeout` budget) when the node reacts to them. */
  readonly timeouts?: readonly Payload[];
  /** Local nondeterministic choices the world may take when the node reacts to them. */
  readonly choices?: readonly Payload[];
  /** What a crashed node restarts with: the input for its machine (default: its configured input, i.e. amnesia). */
  readonly recoverInput?: (lastContext: Json, input: Json) => Json;
  /**
   * Guarded receives (TLA+'s enabling condition on a receive): a message the machine has no
   * enabled transition for stays in flight, and delivering it is not a step, until the machine
   * takes it. Default `false`: such a message is consumed and ignored, as a real node would.
   */
  readonly guardedReceives?: boolean;
}

/** One node of a configuration. */
export interface NodeConfig {
  /** Its role's name. */
  readonly role: string;
  /** A short display name (`m0`, `seq`). */
  readonly name: string;
  /** The machine's input. */
  readonly input: Json;
  /** Whether it starts outside the system (it can `join` later). */
  readonly out?: boolean;
}

/** A client input: `event` handed to `node` once, at a time the schedule chooses. */
export interface ClientInput {
  /** The receiving node. */
  readonly node: number;
  /** The event its machine receives. */
  readonly event: Payload;
}

/** A concrete system: nodes, network, client inputs and fault budgets. */
export interface Config {
  /** The network kind. */
  readonly network: NetworkKind;
  /** The nodes, indexed from 0. */
  readonly nodes: readonly NodeConfig[];
  /** The client inputs (at most 30); each fires at most once. */
  readonly inputs: readonly ClientInput[];
  /** The faults a run may inject. */
  readonly faults: FaultBudget;
  /**
   * Optional: for each node, the nodes it may ever send to (its links). The kernel refuses a send
   * outside them (a wrong declaration fails loudly), and partial-order reduction (`--por`) uses
   * them to know who can never send to whom; absent, every node may send to every node.
   */
  readonly links?: readonly (readonly number[])[];
}

/**
 * A variant of a protocol: the correct algorithm or a mutant. A mutant swaps machines for broken
 * ones (usually `machine.provide({ guards })`) and names the property that must catch it.
 */
export interface Variant {
  /** Kebab-case name, e.g. `sequencer` or `sequencer-no-seqcheck`. */
  readonly name: string;
  /** One line: what this variant does (for a mutant, what is broken). */
  readonly description: string;
  /** For a mutant: the property it breaks. Absent for a correct variant. */
  readonly breaks?: string;
  /** The machine of each role. */
  readonly roles: Readonly<Record<string, Role>>;
  /**
   * A bounded configuration of its own for the exhaustive engine (default: the protocol's), for a
   * variant whose state space the shared configuration would blow up (see `boundedParams`).
   */
  readonly bounded?: (nodes: number) => JsonObject;
}

/** The bounded configuration the exhaustive engine explores for `variant` at `nodes` nodes. */
export function boundedParams(protocol: Protocol, variant: Variant, nodes: number): JsonObject {
  const bounded = variant.bounded ?? protocol.bounded;
  return modelCall(`${protocol.name}: bounded(${nodes})`, () => bounded(nodes));
}

/** How node indices appear in a protocol's data, so that a renaming of nodes can be applied. */
export interface Symmetry {
  /**
   * Classes of interchangeable nodes for a configuration (nodes in no class stay fixed). One
   * caution beyond the model's own asymmetries: an expiry (time passing) fires every due timer in
   * node order, so if members of a class can both make observations that a `global` property
   * reads on timers of the same expiry, those enter the global order lower index first in every
   * run, and no run reaches the renamed order. The brute-force test (`test/helpers/symmetry.ts`)
   * shows it; leave such configurations without a class (Napster's with a crash budget).
   */
  readonly classes: (config: Config) => readonly (readonly number[])[];
  /**
   * A node's context with every node index renamed by `perm` (perm[old] = new). `config` is the
   * configuration being searched (where a name such as `p3` stands for a node, say).
   */
  readonly renameContext: (context: Json, perm: readonly number[], config: Config) => Json;
  /** A message payload with every node index renamed (the kernel renames `from` itself). */
  readonly renameMessage: (msg: Payload, perm: readonly number[], config: Config) => Payload;
  /**
   * An observation with every node index in its fields renamed (the kernel renames `node`
   * itself). Leave it out when observations name no node: each node's observations then move with
   * it unchanged. With it, a renamed world's history digests are recomputed from its history. It
   * is handed the model's own observations only, not the kernel's (`crash`, `recover`, `join`,
   * `leave`, `model-error`).
   */
  readonly renameObservation?: (
    observation: Observation,
    perm: readonly number[],
    config: Config,
  ) => Observation;
}

/** The bounds a user or engine puts on a scenario's size. */
export interface ScenarioBounds {
  /** Fewest nodes. */
  readonly minNodes: number;
  /** Most nodes. */
  readonly maxNodes: number;
}

/**
 * A protocol definition: everything an engine needs to explore it and everything a reader needs to
 * use it as a specification.
 */
export interface Protocol {
  /** Kebab-case name, e.g. `total-order`. */
  readonly name: string;
  /** One-line title. */
  readonly title: string;
  /** Where the model comes from (the seed's slide, a paper) and what it simplifies. */
  readonly source: string;
  /** Its variants; the first correct one is the default. */
  readonly variants: readonly Variant[];
  /** The properties it promises. */
  readonly properties: readonly Property[];
  /**
   * Node-count bounds and the default count for `--nodes`; `param` names the parameter `--nodes`
   * sets (so `--param <it>=3` and `--nodes 3` mean the same), `counts` says in words what it counts.
   */
  readonly nodes: {
    readonly min: number;
    readonly max: number;
    readonly default: number;
    readonly param?: string;
    readonly counts?: string;
  };
  /** Default random-engine budget (scenarios per variant). */
  readonly defaultRuns: number;
  /** Validates parameters read from a trace or a file. */
  readonly paramsSchema: z.ZodType;
  /** Turns parameters into a concrete system. */
  readonly configure: (params: JsonObject) => Config;
  /** The parameters fast-check generates: group size, client inputs, fault budgets. */
  readonly scenarios: (bounds: ScenarioBounds) => fc.Arbitrary<JsonObject>;
  /** The bounded configuration the exhaustive engine explores for `nodes` nodes. */
  readonly bounded: (nodes: number) => JsonObject;
  /**
   * Node symmetry, for the exhaustive engine's `--symmetry`: which nodes are interchangeable, and
   * how node indices appear in snapshots and messages so they can be renamed. Absent: none.
   */
  readonly symmetry?: Symmetry;
  /**
   * Observation kinds kept out of a world's identity (TLC's VIEW, for the history): two worlds
   * that differ only in them are one state, so the exhaustive engine explores the first path to it
   * and never the others. Declare a kind here when a node observes it again and again without
   * changing state (a log line on every redelivery) and no property needs to tell such worlds
   * apart; properties still see these observations on the paths that are explored. Default: none
   * (every observation is part of the identity; see `checkers/exhaustive` for the error a model
   * gets when that makes a bounded configuration unbounded).
   */
  readonly observationsOutsideIdentity?: readonly string[];
  /**
   * Its manifest (models/<protocol>/manifest.ts): bounded configurations with pinned counts and
   * shortest counterexamples, the seed's words, the message table, which file checks each property.
   */
  readonly manifest?: Manifest;
}
