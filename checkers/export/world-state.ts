import type { Payload } from '../../models/kernel/action.ts';
import type { Json } from '../../models/kernel/json.ts';
import { historyArray } from '../../models/kernel/observation.ts';
import { FAULT_KINDS, type FaultKind } from '../../models/kernel/protocol.ts';
import type { Observation } from '../../models/kernel/spec.ts';
import type { System } from '../../models/kernel/system.ts';
import type { World } from '../../models/kernel/world.ts';

/** One node of a world, as the exports show it. */
export interface NodeState {
  /** Display name. */
  readonly name: string;
  /** The node's role in the protocol. */
  readonly role: string;
  /** `up`, `down` (crashed) or `out` (not joined, or left). */
  readonly status: 'up' | 'down' | 'out';
  /** The xstate state value (`null` for a node that never started). */
  readonly value: Json;
  /** The xstate context (`null` for a node that never started). */
  readonly context: Json;
}

/** A message in flight on the channel `from` → `to`. */
export interface InFlight {
  /** Sender index. */
  readonly from: number;
  /** Receiver index. */
  readonly to: number;
  /** The payload the sender wrote. */
  readonly msg: Payload;
}

/** Everything a world holds, in plain JSON terms: what ITF and the viewer show of each state. */
export interface WorldState {
  /** Every node, by index. */
  readonly nodes: readonly NodeState[];
  /** Messages in flight, channel by channel (sender, then receiver), each channel in its order. */
  readonly inFlight: readonly InFlight[];
  /** One side of the partition (node indices), empty when the network is whole. */
  readonly partition: readonly number[];
  /** Faults used so far, by kind. */
  readonly faultsUsed: Readonly<Record<FaultKind, number>>;
  /** Indices (into the configuration's inputs) of the client inputs handed over so far. */
  readonly inputs: readonly number[];
  /** The observations so far, oldest first. */
  readonly observations: readonly Observation[];
}

/** What `world` of `system` holds; `name` names nodes (the trace's display names). */
export function worldState(
  system: System,
  world: World,
  name: (node: number) => string,
): WorldState {
  const view = system.worldView(world);
  const indices = (mask: number, count: number) =>
    Array.from({ length: count }, (_, i) => i).filter((i) => ((mask >>> i) & 1) === 1);
  return {
    nodes: view.nodes.map((node, i) => ({
      name: name(i),
      role: node.role,
      status: node.status,
      value: node.value,
      context: node.context,
    })),
    inFlight: view.inFlight().map((m) => ({ from: m.from, to: m.to, msg: m.msg as Payload })),
    partition: indices(world.partition, system.n),
    faultsUsed: Object.fromEntries(FAULT_KINDS.map((k, i) => [k, world.used[i] ?? 0])) as Record<
      FaultKind,
      number
    >,
    inputs: indices(world.inputs, system.config.inputs.length),
    observations: historyArray(world.history),
  };
}
