/**
 * Helpers for the primary-backup tests: a system of a variant, steps taken by their trace actions,
 * and a world read back as server contexts and observations.
 */
import { activePaths } from '../../../checkers/exhaustive/coverage.ts';
import type { Action, Payload } from '../../../models/kernel/action.ts';
import { historyArray } from '../../../models/kernel/observation.ts';
import type { Observation } from '../../../models/kernel/spec.ts';
import { System } from '../../../models/kernel/system.ts';
import type { World } from '../../../models/kernel/world.ts';
import {
  primaryBackupProtocol,
  type PrimaryBackupParams,
} from '../../../models/primary-backup/model.ts';
import type { Entry, Operation } from '../../../models/primary-backup/messages.ts';
import type { ServerContext } from '../../../models/primary-backup/replica.ts';

/** The protocol, as the engines take it. */
export const protocol = primaryBackupProtocol;

/** A variant by name. */
export const variant = (name: string) => protocol.variants.find((v) => v.name === name)!;

/** Three servers (nodes 0-2) and one client (node 3) that increments x once. */
export const small: PrimaryBackupParams = {
  servers: 3,
  clients: 1,
  calls: [{ client: 0, f: 'incr', key: 'x' }],
  crashes: 1,
  timeouts: 4,
  partitions: 1,
};

/** A system of `name` for `params`. */
export function system(name = 'master-slaves', params: PrimaryBackupParams = small): System {
  return new System(protocol, variant(name), params);
}

/** The world after `actions`, each of which must be enabled where it is taken. */
export function run(sys: System, ...actions: Action[]): World {
  return from(sys, sys.initial(), ...actions);
}

/** The world after `actions` from `w`. */
export function from(sys: System, w: World, ...actions: Action[]): World {
  let out = w;
  for (const action of actions) {
    const move = sys.resolve(out, action);
    if (typeof move === 'string') throw new Error(`${JSON.stringify(action)}: ${move}`);
    out = sys.apply(out, move);
  }
  return out;
}

/** `from` hands `msg` to `to`. */
export const deliver = (from: number, to: number, msg: Payload): Action => ({
  type: 'deliver',
  from,
  to,
  msg,
});

/** Client `node` is asked to invoke `f(key)` (one of the configuration's inputs). */
export const invoke = (node: number, f = 'incr', key = 'x'): Action => ({
  type: 'input',
  node,
  event: { type: 'invoke', f, key },
});

/** `node`'s timer fires. */
export const timeout = (node: number): Action => ({
  type: 'timeout',
  node,
  event: { type: 'timeout' },
});

/** `node` crashes. */
export const crash = (node: number): Action => ({ type: 'crash', node });

/** The messages in flight from `a` to `b`, in order. */
export function inFlight(sys: System, w: World, a: number, b: number): Payload[] {
  return w.channels[a * sys.n + b]!.map((id) => sys.table.event(id).payload);
}

/** Node `i`'s machine state (a dotted path) and context. */
export function node(sys: System, w: World, i: number): { state: string; context: unknown } {
  const view = sys.table.snapshotView(w.locals[i]!);
  return { state: activePaths(view.value).at(-1)!, context: view.context };
}

/** Server `i`'s context. */
export function server(sys: System, w: World, i: number): ServerContext {
  return node(sys, w, i).context as ServerContext;
}

/** The observations so far, only those of `kinds` when some are given. */
export function observed(w: World, ...kinds: string[]): Observation[] {
  const all = historyArray(w.history);
  return kinds.length === 0 ? all : all.filter((o) => kinds.includes(o.kind));
}

/** The request of client c0 (node 3) number `r`, as the client sends it. */
export const request = (r = 1, f = 'incr', key = 'x'): Payload => ({
  type: 'Request',
  client: 'c0',
  r,
  f,
  key,
});

/** Log entry of c0's request `r`. */
export const entry = (r = 1, f: Operation = 'incr', key = 'x'): Entry => ({
  client: 'c0',
  r,
  f,
  key,
  at: 3,
});

/**
 * The normal case for c0's first increment with three servers: request, updates, acknowledgements
 * (after which the master commits and replies).
 */
export function normalCase(): Action[] {
  const update: Payload = { type: 'Update', view: 0, entry: entry() };
  return [
    invoke(3),
    deliver(3, 0, request()),
    deliver(0, 1, update),
    deliver(0, 2, update),
    deliver(1, 0, { type: 'Ack', view: 0, length: 1 }),
    deliver(2, 0, { type: 'Ack', view: 0, length: 1 }),
  ];
}
