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

/** A client asks a node to insert `data` under `key`. */
export interface Insert {
  readonly type: 'insert';
  /** Unique insert id (`i0`…). */
  readonly id: string;
  readonly key: string;
  readonly data: string;
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

/** The data found, travelling back along the reverse path. */
export interface DataReply {
  readonly type: 'DataReply';
  readonly id: string;
  readonly key: string;
  readonly data: string;
  readonly from: number;
}

/** Failure of a request or insert downstream (HTL expired, loop, no candidate left). */
export interface RequestFailed {
  readonly type: 'RequestFailed';
  readonly id: string;
  readonly from: number;
}

/** An insert travelling towards the key. */
export interface InsertRequest {
  readonly type: 'InsertRequest';
  readonly id: string;
  readonly key: string;
  readonly data: string;
  readonly htl: number;
  readonly from: number;
}

/** End of an insert: placed (`collision` false) or the existing data (`collision` true). */
export interface InsertReply {
  readonly type: 'InsertReply';
  readonly id: string;
  readonly key: string;
  readonly data: string;
  readonly collision: boolean;
  readonly from: number;
}

/** Any event a Freenet node handles. */
export type FreenetEvent =
  Request | Insert | DataRequest | DataReply | RequestFailed | InsertRequest | InsertReply;

/** A neighbour and its location key. */
export interface Neighbour {
  readonly node: number;
  readonly location: string;
}

/** A node's configured input. */
export interface NodeInput {
  readonly self: number;
  readonly neighbours: readonly Neighbour[];
  /** Datastore and routing-table capacity (LRU beyond it). */
  readonly capacity: number;
  /** A corrupting node: it answers requests for content-hash keys with forged data. */
  readonly corrupt: boolean;
}
