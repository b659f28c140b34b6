/**
 * Helpers for the kernel tests: take steps by their trace actions, read a world back as payloads
 * and contexts, and snapshot a world as JSON to check it never changes.
 */
import type { Action, Payload } from '../../../models/kernel/action.ts';
import type { Snapshot } from '../../../models/kernel/pure-driver.ts';
import { historyArray } from '../../../models/kernel/observation.ts';
import type { Observation } from '../../../models/kernel/spec.ts';
import { canonicalWorld } from '../../../models/kernel/fingerprint.ts';
import type { System } from '../../../models/kernel/system.ts';
import { MoveKind, Status, type Move, type World } from '../../../models/kernel/world.ts';
import type { EchoContext } from '../../fixtures/toy-protocol.ts';

/** The enabled moves of `w`, benign and faults. */
export function enabledMoves(sys: System, w: World): { benign: Move[]; faults: Move[] } {
  const benign: Move[] = [];
  const faults: Move[] = [];
  sys.enabled(w, benign, faults);
  return { benign, faults };
}

/** Every enabled move of `w` as the action a trace records, benign ones first. */
export function enabledActions(sys: System, w: World): Action[] {
  const { benign, faults } = enabledMoves(sys, w);
  return [...benign, ...faults].map((m) => sys.toAction(m));
}

/** The enabled actions of `w` of one type. */
export function enabledOfType<T extends Action['type']>(
  sys: System,
  w: World,
  type: T,
): Extract<Action, { type: T }>[] {
  return enabledActions(sys, w).filter((a): a is Extract<Action, { type: T }> => a.type === type);
}

/** The move `action` stands for in `w`; throws with the kernel's reason when it cannot be taken. */
export function resolveOrThrow(sys: System, w: World, action: Action): Move {
  const move = sys.resolve(w, action);
  if (typeof move === 'string') throw new Error(`${JSON.stringify(action)}: ${move}`);
  return move;
}

/** The world after taking `actions` in order from `w` (each must be enabled). */
export function steps(sys: System, w: World, ...actions: Action[]): World {
  let out = w;
  for (const action of actions) out = sys.apply(out, resolveOrThrow(sys, out, action));
  return out;
}

/** Shorthand for a deliver action. */
export function deliver(from: number, to: number, msg: Payload): Action {
  return { type: 'deliver', from, to, msg };
}

/** Shorthand for a drop action. */
export function drop(from: number, to: number, msg: Payload): Action {
  return { type: 'drop', from, to, msg };
}

/** Shorthand for a duplicate action. */
export function duplicate(from: number, to: number, msg: Payload): Action {
  return { type: 'duplicate', from, to, msg };
}

/** The toy's client input action: node `node` is asked to ping node `to`. */
export function input(node: number, to: number): Action {
  return { type: 'input', node, event: { type: 'ping', to } };
}

/** A `Ping{seq}` / `Pong{seq}` / `Bye` payload as the toy's machines write it. */
export const Ping = (seq: number): Payload => ({ type: 'Ping', seq });
export const Pong = (seq: number): Payload => ({ type: 'Pong', seq });
export const Bye: Payload = { type: 'Bye' };

/** The payloads in flight on channel `from`→`to`, in channel order. */
export function inFlight(sys: System, w: World, from: number, to: number): Payload[] {
  return w.channels[from * sys.n + to]!.map((id) => sys.table.event(id).payload);
}

/** Every non-empty channel as `from->to: payload types`, for compact assertions. */
export function network(sys: System, w: World): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let from = 0; from < sys.n; from++) {
    for (let to = 0; to < sys.n; to++) {
      const payloads = inFlight(sys, w, from, to);
      if (payloads.length > 0)
        out[`${from}->${to}`] = payloads.map((p) => `${p.type}${'seq' in p ? p.seq : ''}`);
    }
  }
  return out;
}

/** A toy node's context in `w`. */
export function contextOf(sys: System, w: World, node: number): EchoContext {
  return sys.table.snapshotView(w.locals[node]!).context as unknown as EchoContext;
}

/** A node's status in `w`. */
export function statusOf(w: World, node: number): Status {
  return w.status[node]!;
}

/** The history of `w`, oldest first. */
export function historyOf(w: World): Observation[] {
  return historyArray(w.history);
}

/** The observations added between `before` and `after` (after must extend before). */
export function newObservations(before: World, after: World): Observation[] {
  return historyOf(after).slice(before.history?.length ?? 0);
}

/** A deep JSON snapshot of everything a world holds, to compare before and after a step. */
export function worldSnapshot(w: World): string {
  return JSON.stringify({ ...w, history: historyOf(w) });
}

/** Whether two moves are the same. */
export function sameMove(x: Move, y: Move): boolean {
  return x.kind === y.kind && x.a === y.a && x.b === y.b && x.c === y.c;
}

/**
 * The distinct worlds reachable from `sys.initial()` in at most `depth` steps (breadth first, at
 * most `limit` of them), each with the moves enabled in it.
 */
export function reachable(
  sys: System,
  depth: number,
  limit = 2000,
): { world: World; moves: Move[] }[] {
  const seen = new Set<string>();
  const out: { world: World; moves: Move[] }[] = [];
  let frontier = [sys.initial()];
  seen.add(canonicalWorld(sys, frontier[0]!));
  for (let d = 0; d <= depth && frontier.length > 0 && out.length < limit; d++) {
    const next: World[] = [];
    for (const world of frontier) {
      const { benign, faults } = enabledMoves(sys, world);
      const moves = [...benign, ...faults];
      out.push({ world, moves });
      if (out.length >= limit) break;
      if (d === depth) continue;
      for (const m of moves) {
        const w = sys.apply(world, m);
        const key = canonicalWorld(sys, w);
        if (seen.has(key)) continue;
        seen.add(key);
        next.push(w);
      }
    }
    frontier = next;
  }
  return out;
}

export { MoveKind, Status };

/** What two drivings of a machine must agree on: the snapshot's value, context and status, and the actions. */
export function driven(snapshot: Snapshot, actions: readonly { type: string; params?: unknown }[]) {
  return {
    value: snapshot.value,
    context: snapshot.context,
    status: snapshot.status,
    actions: actions.map(({ type, params }) => ({ type, params })),
  };
}
