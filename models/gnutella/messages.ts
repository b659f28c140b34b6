/**
 * Messages and events of the Gnutella 0.4 model, named after the protocol specification ("The
 * Gnutella Protocol Specification v0.4", Clip2, 2001); every message the kernel delivers carries
 * `from`, the sender's index (the connection it came on).
 *
 * Every descriptor carries the 0.4 header: a 16-byte descriptor id (`guid`, 32 hex digits), its
 * TTL (hops it may still travel) and its Hops (hops travelled). A servent decrements TTL and
 * increments Hops before passing a descriptor on, so TTL + Hops stays what the originator set.
 */

/** The header every descriptor carries. */
export interface Header {
  /** Descriptor id: 16 bytes rendered as 32 lower-case hex digits (see servent-logic.ts `guidOf`). */
  readonly guid: string;
  readonly ttl: number;
  readonly hops: number;
}

/** Ping: a servent probes the network for hosts (flooded). */
export interface Ping extends Header {
  readonly type: 'Ping';
  readonly from: number;
}

/** Pong: a servent's answer to a Ping, routed back along the Ping's path (same `guid`). */
export interface Pong extends Header {
  readonly type: 'Pong';
  /** The answering servent (its address and port in the spec). */
  readonly host: number;
  /** How many files it shares. */
  readonly files: number;
  readonly from: number;
}

/** Query: a search for `key` (the search criteria), flooded. */
export interface Query extends Header {
  readonly type: 'Query';
  readonly key: string;
  readonly from: number;
}

/**
 * QueryHit: a servent sharing `key` answers a Query, routed back along its path (same `guid`).
 * `servent` is the responder's servent identifier (here its index); `firewalled` says it cannot
 * accept connections, so the requester must send it a Push.
 */
export interface QueryHit extends Header {
  readonly type: 'QueryHit';
  readonly key: string;
  readonly servent: number;
  readonly firewalled: boolean;
  readonly from: number;
}

/**
 * Push: the requester asks firewalled servent `servent` to connect out to it (`requester`) and
 * send `key`; routed along the path its QueryHit came (by servent identifier).
 */
export interface Push extends Header {
  readonly type: 'Push';
  readonly servent: number;
  readonly requester: number;
  readonly key: string;
  readonly from: number;
}

/** A joining servent opens a connection to a known host ("GNUTELLA CONNECT/0.4"). */
export interface Connect {
  readonly type: 'Connect';
  readonly from: number;
}

/** The host accepts the connection ("GNUTELLA OK"): both ends now hold the link. */
export interface ConnectOk {
  readonly type: 'ConnectOk';
  readonly from: number;
}

/** A leaving servent closes its connection: the neighbour drops the link. */
export interface Disconnect {
  readonly type: 'Disconnect';
  readonly from: number;
}

/** The descriptors (the messages with a 0.4 header). */
export type Descriptor = Ping | Pong | Query | QueryHit | Push;

/** A descriptor's type. */
export type DescriptorType = Descriptor['type'];

/** The request descriptors: flooded (Ping, Query) or routed by servent (Push); each GUID once. */
export type RequestType = 'Ping' | 'Query' | 'Push';

/** Every message between servents. */
export type GnutellaMessage = Descriptor | Connect | ConnectOk | Disconnect;

/** A user searches for `key`, with TTL `ttl` (`id` names the search in inputs: `q0`…). */
export interface SearchEvent {
  readonly type: 'search';
  readonly id: string;
  readonly key: string;
  readonly ttl: number;
  readonly from: number;
}

/** A user asks its servent to discover hosts, with TTL `ttl`. */
export interface PingEvent {
  readonly type: 'ping';
  readonly ttl: number;
  readonly from: number;
}

/** The kernel's leave: the servent closes its connections and goes. */
export interface Leave {
  readonly type: 'leave';
  readonly from: number;
}

/** Every event a servent takes. */
export type ServentEvent = GnutellaMessage | SearchEvent | PingEvent | Leave;

/** A servent's input: who it is, its links, what it shares. */
export type ServentInput = {
  readonly self: number;
  /** Its open connections at the start (empty for a joining servent). */
  readonly neighbours: readonly number[];
  /** The keys (file names) it shares. */
  readonly shares: readonly string[];
  /** Whether it is behind a firewall (its hits need a Push). */
  readonly firewalled: boolean;
  /** A joining servent's known host (it connects there on start), or null. */
  readonly known: number | null;
  /** The TTL of the Ping a joining servent sends once connected (0: none). */
  readonly pingTtl: number;
  /**
   * Query routing (qrp.machine.ts): the tables its neighbours at the start sent when those
   * connections opened, `[neighbour, slots]`; the plain servent ignores them.
   */
  readonly tables?: readonly (readonly [number, readonly number[]])[];
  /** Ultrapeers (ultrapeer.machine.ts): whether this servent is a leaf; the plain servent ignores it. */
  readonly leaf?: boolean;
  /**
   * Ultrapeers: the leaves connected to this ultrapeer and the keys each uploaded when it
   * connected, `[leaf, keys]`.
   */
  readonly leafIndex?: readonly (readonly [number, readonly string[]])[];
  /** Capacity matching (capacity.machine.ts): every servent's bandwidth class, by index. */
  readonly classes?: readonly number[];
  /**
   * Pong and query-hit caching (pong-cache.machine.ts, hit-cache.machine.ts): a cache entry's
   * bound in ticks of the servent's clock, and how many times the servent repeats its host
   * discovery and its searches, one tick apart.
   */
  readonly cache?: { readonly maxAge: number; readonly repeat: number };
  /**
   * Random walkers (walk.machine.ts): how many walkers a search sends and every how many steps a
   * walker checks back with its requester.
   */
  readonly walkers?: { readonly k: number; readonly checkEvery: number };
  /**
   * Flow control (flow-control.ts): the tokens a servent grants each neighbour, and the bound on
   * its queue of walkers waiting to go on.
   */
  readonly flow?: { readonly credit: number; readonly queue: number };
  /** Random walkers, degree-biased: each neighbour's degree at the start, `[neighbour, degree]`. */
  readonly degrees?: readonly (readonly [number, number])[];
};
