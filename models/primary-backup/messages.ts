/**
 * Messages and events of the primary-backup model. Normal-case names follow Budhiraja, Marzullo,
 * Schneider, Toueg (1993); view-change names follow Viewstamped Replication (Oki & Liskov 1988,
 * Liskov & Cowling 2012), whose view change this model simplifies. Every message the kernel
 * delivers carries `from`, the sender's index.
 */
import type { Json } from '../kernel/json.ts';

/** What a client asks of the store: increment a key (answers the new value) or read it. */
export type Operation = 'incr' | 'read';

/** A client input: invoke `f` on `key` (queued if the client is still waiting for a reply). */
export interface Invoke {
  readonly type: 'invoke';
  readonly f: Operation;
  readonly key: string;
}

/** A client's request number `r` for `f(key)`, sent to the master (or, on a retry, to all). */
export interface Request {
  readonly type: 'Request';
  /** The client's name (`c0`): keys the duplicate-request table. */
  readonly client: string;
  /** The client's request number, from 1. */
  readonly r: number;
  /** The operation's name: the counter store's `Operation`, or another state machine's (`Apply`). */
  readonly f: string;
  /** Its argument: the counter's key, or what another state machine's operation takes. */
  readonly key: string;
  readonly from: number;
}

/** The master's answer to request `r`: the operation's result, in view `view`. */
export interface Reply {
  readonly type: 'Reply';
  readonly r: number;
  /** The answer: a counter's value, or whatever another state machine answers (`Apply`). */
  readonly value: Json;
  readonly view: number;
  readonly from: number;
}

/**
 * A request as the replicated log holds it; `at` is the client's node, for the reply. (A type, not
 * an interface, so that it is assignable to JSON: it travels inside messages.)
 */
export type Entry = {
  readonly client: string;
  readonly r: number;
  readonly f: string;
  readonly key: string;
  readonly at: number;
};

/** Master → slaves: append `entry` to the log of view `view`. */
export interface Update {
  readonly type: 'Update';
  readonly view: number;
  readonly entry: Entry;
  readonly from: number;
}

/** Slave → master: "my log of view `view` holds `length` entries". */
export interface Ack {
  readonly type: 'Ack';
  readonly view: number;
  readonly length: number;
  readonly from: number;
}

/** Master → slaves: the first `upTo` entries of view `view`'s log are committed: execute them. */
export interface Commit {
  readonly type: 'Commit';
  readonly view: number;
  readonly upTo: number;
  readonly from: number;
}

/** A suspecting server proposes view `view` and asks every server for its state. */
export interface StartViewChange {
  readonly type: 'StartViewChange';
  readonly view: number;
  readonly from: number;
}

/** A server's promise to join view `view`, with its state: last installed view, log, commit. */
export interface DoViewChange {
  readonly type: 'DoViewChange';
  readonly view: number;
  /** The last view this server installed (VR's "last normal view"). */
  readonly normal: number;
  readonly log: readonly Entry[];
  readonly committed: number;
  readonly from: number;
}

/** The new view: its members (lowest id is master), its log and how much of it is committed. */
export interface StartView {
  readonly type: 'StartView';
  readonly view: number;
  readonly members: readonly number[];
  readonly log: readonly Entry[];
  readonly committed: number;
  readonly from: number;
}

/** A timer: a client's retry, or a server's suspicion of the master (or of a silent slave). */
export interface Timeout {
  readonly type: 'timeout';
}

/** A server's machine input. */
export interface ServerInput {
  /** This server's index (servers are nodes 0..n-1). */
  readonly self: number;
  /** Number of servers. */
  readonly n: number;
}

/** A client's machine input. */
export interface ClientInput {
  /** The client's name (`c0`). */
  readonly name: string;
  /** Number of servers (nodes 0..servers-1). */
  readonly servers: number;
}

/** The operation id shared by the client's and the replicas' observations: `c0.1`. */
export function opId(client: string, r: number): string {
  return `${client}.${r}`;
}
