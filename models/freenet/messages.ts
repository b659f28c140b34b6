/**
 * Messages and events of the Freenet model, named after Clarke et al. 2001; every message the
 * kernel delivers carries `from`, the sender's index.
 */

/** A client asks a node to find the data under `key` (a key hash, see keys.ts). */
export interface Request {
  readonly type: 'request';
  /** Unique request id (`r0`…). */
  readonly id: string;
  readonly key: string;
  /** Hops-to-live the request starts with. */
  readonly htl: number;
}

/** A client asks a node to insert `data`, signed by `proof` (keys.ts), under `key`. */
export interface Insert {
  readonly type: 'insert';
  /** Unique insert id (`i0`…). */
  readonly id: string;
  readonly key: string;
  readonly data: string;
  readonly proof: string;
  readonly htl: number;
}

/** A request travelling towards the key. */
export interface DataRequest {
  readonly type: 'DataRequest';
  readonly id: string;
  readonly key: string;
  readonly htl: number;
  readonly from: number;
}

/**
 * Data travelling back along the reverse path: the answer to a request, or the existing data that
 * answers a colliding insert. `source` is the node that held it: each node on the way learns a
 * route to it.
 */
export interface DataReply {
  readonly type: 'DataReply';
  readonly id: string;
  readonly key: string;
  readonly data: string;
  readonly proof: string;
  readonly source: number;
  readonly from: number;
}

/**
 * Failure of a request or insert downstream: a loop, no candidate left, a node leaving, or
 * (`expired`) hops-to-live running out. The node upstream tries its next candidate, except after an
 * expiry, which by default goes straight back to the requester with no further node tried (Clarke
 * et al. 2001, section 3.2; the `seed-expiry-backtracks` variant backtracks on it too, as the seed
 * says).
 */
export interface RequestFailed {
  readonly type: 'RequestFailed';
  readonly id: string;
  readonly expired: boolean;
  readonly from: number;
}

/** An insert's first pass: the key travels towards where it belongs, checking for a collision. */
export interface InsertRequest {
  readonly type: 'InsertRequest';
  readonly id: string;
  readonly key: string;
  readonly htl: number;
  readonly from: number;
}

/** The insert's "all clear": HTL ran out with no collision; the path waits for the data. */
export interface InsertClear {
  readonly type: 'InsertClear';
  readonly id: string;
  readonly from: number;
}

/** The insert's second pass: the data follows the cleared path, stored at every node. */
export interface InsertData {
  readonly type: 'InsertData';
  readonly id: string;
  readonly key: string;
  readonly data: string;
  readonly proof: string;
  /** The inserter: every node on the path learns a route to it. */
  readonly source: number;
  readonly from: number;
}

/** A joining node's announcement, routed towards its location; each node on it welcomes it. */
export interface Announce {
  readonly type: 'Announce';
  readonly id: string;
  /** The joining node. */
  readonly node: number;
  readonly htl: number;
  readonly from: number;
}

/** A node that took in an announcement tells the joining node, which adds it as a neighbour. */
export interface Welcome {
  readonly type: 'Welcome';
  readonly from: number;
}

/** A timer: whatever this node forwarded and still waits on is given up on (failure or loss). */
export interface Timeout {
  readonly type: 'timeout';
}

/** The node leaves: it fails whatever it holds upstream, then goes silent. */
export interface Leave {
  readonly type: 'leave';
}

/** Any message one Freenet node sends another. */
export type FreenetMessage =
  | DataRequest
  | DataReply
  | RequestFailed
  | InsertRequest
  | InsertClear
  | InsertData
  | Announce
  | Welcome;

/** Any event a Freenet node handles. */
export type FreenetEvent =
  | Request
  | Insert
  | DataRequest
  | DataReply
  | RequestFailed
  | InsertRequest
  | InsertClear
  | InsertData
  | Announce
  | Welcome
  | Timeout
  | Leave;

/** A neighbour and its location key. */
export interface Neighbour {
  readonly node: number;
  readonly location: string;
}

/** A node's configured input. */
export interface NodeInput {
  readonly self: number;
  readonly neighbours: readonly Neighbour[];
  /** Datastore capacity (LRU beyond it). */
  readonly capacity: number;
  /** Routing-table capacity (LRU beyond it; default: `capacity`). */
  readonly routeCapacity?: number;
  /** A corrupting node: it answers requests with forged data and alters the data it passes on. */
  readonly corrupt: boolean;
  /** A joining node announces itself to `neighbours` with this HTL when it starts (0: no). */
  readonly announce?: number;
}

/** An item in a datastore: the data and its proof (keys.ts). */
export interface Item {
  readonly data: string;
  readonly proof: string;
}
