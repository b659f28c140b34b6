/**
 * Messages and events of the diffusion model: a client, a diffuser (which also hosts the
 * consolidation mechanism) and worker servers. Names follow the seed's "Groups to Enhance
 * Performance": the diffusion mechanism hands out requests or request parts (`Work`), the workers
 * answer the client directly (`Answer`, whole requests) or return their part (`Done`) for
 * consolidation. Every message the kernel delivers carries `from`, the sender's index.
 */

/**
 * A client input: issue request `req` on `input`. A request with a `key` touches that data item
 * (its result is the item's value after it: the seed's "Coordination"); without one it is pure.
 */
export interface Issue {
  readonly type: 'request';
  /** Unique request id (`r0`, `r1`…). */
  readonly req: string;
  /** The request's data: a string whose characters are the items the computation maps. */
  readonly input: string;
  /** The data item it updates, or `null` for a pure request. */
  readonly key: string | null;
}

/** Client → diffuser: request `req` (the group's well-known name hides the workers). */
export interface Request {
  readonly type: 'Request';
  readonly req: string;
  readonly input: string;
  readonly key: string | null;
  readonly from: number;
}

/**
 * Diffuser → worker: compute part `part` of `parts` of request `req` on `slice`, prefixed by
 * `base` (the data item's value, for a whole keyed request). `direct`: answer the client `client`
 * yourself (whole requests); otherwise return the part for consolidation.
 */
export interface Work {
  readonly type: 'Work';
  readonly req: string;
  readonly part: number;
  readonly parts: number;
  readonly slice: string;
  readonly base: string;
  readonly client: number;
  readonly direct: boolean;
  readonly from: number;
}

/** Worker → diffuser: part `part` of `parts` of `req` is computed, with `result` (echoes `direct`). */
export interface Done {
  readonly type: 'Done';
  readonly req: string;
  readonly part: number;
  readonly parts: number;
  readonly result: string;
  readonly direct: boolean;
  readonly from: number;
}

/** Worker (whole requests) or consolidator (parts) → client: the answer to `req`. */
export interface Answer {
  readonly type: 'Answer';
  readonly req: string;
  readonly result: string;
  readonly from: number;
}

/** The diffuser's timer: the work still outstanding is presumed lost; dispatch it again. */
export interface Timeout {
  readonly type: 'timeout';
}

/** The client's machine input. */
export interface ClientInput {
  /** The diffuser's node index. */
  readonly diffuser: number;
}

/** The diffuser's machine input. */
export interface DiffuserInput {
  /** Number of workers. */
  readonly workers: number;
  /** The first worker's node index (workers are consecutive nodes). */
  readonly first: number;
  /** Into how many parts a request is split (request-parts mode; at most one per character). */
  readonly split: number;
}
