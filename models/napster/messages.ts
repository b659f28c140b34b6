/**
 * Messages and events of the Napster model. Index requests and replies are the primary-backup
 * group's own `Request` and `Reply` (models/primary-backup/messages.ts), so that one peer speaks to
 * a central index and to a replicated one alike; the transfer messages go peer to peer. Every
 * message the kernel delivers carries `from`, the sender's index.
 */
import type { Reply, Request } from '../primary-backup/messages.ts';

export type { Reply, Request };

/** The index operations a peer asks for, as the `f` of a `Request`. */
export type IndexOperation = 'login' | 'logout' | 'search';

/** A client input: log in, sharing the peer's files (its configured list). */
export interface Login {
  readonly type: 'login';
}

/** A client input: log out (the peer stops serving its files). */
export interface Logout {
  readonly type: 'logout';
}

/** A client input: search the index for files whose name contains `keyword`. */
export interface Search {
  readonly type: 'search';
  readonly keyword: string;
}

/** A client input: download `file` from a peer listed for it by this peer's latest search. */
export interface GetFile {
  readonly type: 'get';
  readonly file: string;
}

/** Peer → peer: send me `file` (the direct transfer; never through the index). */
export interface Get {
  readonly type: 'Get';
  readonly file: string;
  readonly from: number;
}

/** Peer → peer: the contents of `file`. */
export interface File {
  readonly type: 'File';
  readonly file: string;
  readonly data: string;
  readonly from: number;
}

/** Peer → peer: I do not serve `file` (logged out, or never shared it). */
export interface Unavailable {
  readonly type: 'Unavailable';
  readonly file: string;
  readonly from: number;
}

/** A timer: an index request or a transfer went unanswered. */
export interface Timeout {
  readonly type: 'timeout';
}

/** A central index server's machine input (the replicated one takes the same). */
export interface IndexInput {
  /** This server's index (index servers are nodes 0..n-1). */
  readonly self: number;
  /** Number of index servers. */
  readonly n: number;
}

/** A peer's machine input. */
export interface PeerInput {
  /** Its node index. */
  readonly self: number;
  /** Its name (`p0`): its requests' client name. */
  readonly name: string;
  /** The files it shares once logged in. */
  readonly files: readonly string[];
  /** Number of index servers (nodes 0..indexes-1). */
  readonly indexes: number;
  /** How many times it sends an index request before giving up on it. */
  readonly attempts: number;
}

/** One search hit: `peer` (a node index) shares `file`. */
export type Hit = { readonly peer: number; readonly file: string };

/** The data a peer serves for `file`: names the file and the peer, so a relay would show. */
export function contents(file: string, peer: string): string {
  return `${file} from ${peer}`;
}
