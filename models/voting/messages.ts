/**
 * Messages and events of the weighted-voting model, named after Gifford, "Weighted Voting for
 * Replicated Data" (SOSP 1979): a front end (client) locks representatives, reads their version
 * numbers and values, and installs a new version on a write quorum. Every message the kernel
 * delivers carries `from`, the sender's index. An operation's messages name it (`op`, e.g. `c0.1`)
 * and its attempt (a client that cannot gather its quorum releases what it holds and tries again),
 * so a late answer to an abandoned attempt is told apart and released.
 */

/** What a client runs on the file: read it, or write `value`. */
export type FileOperation = 'read' | 'write';

/** A client input: read the file, or write `value` to it (queued while an operation runs). */
export interface Invoke {
  readonly type: 'invoke';
  readonly f: FileOperation;
  /** The value a write writes (absent for a read). */
  readonly value?: number;
}

/** Client → representative: lock your copy for attempt `attempt` of operation `op`. */
export interface Lock {
  readonly type: 'Lock';
  readonly op: string;
  readonly attempt: number;
  readonly from: number;
}

/**
 * Representative → client: the lock is yours (a weak representative takes no lock); my copy is
 * `version` with `value`, and I hold `votes` votes.
 */
export interface Granted {
  readonly type: 'Granted';
  readonly op: string;
  readonly attempt: number;
  readonly version: number;
  readonly value: number | null;
  readonly votes: number;
  readonly from: number;
}

/** Representative → client: another operation holds my lock. */
export interface Busy {
  readonly type: 'Busy';
  readonly op: string;
  readonly attempt: number;
  readonly from: number;
}

/** Client → representative: install `version` with `value` and release the lock (Gifford's commit). */
export interface Install {
  readonly type: 'Install';
  readonly op: string;
  readonly attempt: number;
  readonly version: number;
  readonly value: number;
  readonly from: number;
}

/** Representative → client: installed (or had already installed) operation `op`'s version. */
export interface Installed {
  readonly type: 'Installed';
  readonly op: string;
  readonly attempt: number;
  readonly from: number;
}

/** Client → representative: release the lock attempt `attempt` of `op` holds (nothing installed). */
export interface Release {
  readonly type: 'Release';
  readonly op: string;
  readonly attempt: number;
  readonly from: number;
}

/** A client's timer: resend to the silent representatives, or try again after backing off. */
export interface Timeout {
  readonly type: 'timeout';
}

/** A representative's machine input (and, after a crash, what its stable storage kept). */
export type RepresentativeInput = {
  /** Its votes (0: a weak representative, a cache that takes no locks). */
  readonly votes: number;
  /** Its copy's version number (0: the initial, empty file). */
  readonly version?: number;
  /** Its copy's value (null: the initial, empty file). */
  readonly value?: number | null;
  /** The operation that installed its copy (how a resent Install is recognised). */
  readonly writer?: string | null;
  /** The lock: the attempt of the operation holding it, or null. */
  readonly holder?: LockHolder | null;
};

/** Who holds a representative's lock: an attempt of an operation. */
export type LockHolder = { readonly op: string; readonly attempt: number };

/** A client's machine input. */
export interface ClientInput {
  /** The client's name (`c0`). */
  readonly name: string;
  /** Each representative's votes (representatives are nodes 0..votes.length-1). */
  readonly votes: readonly number[];
  /** Read quorum. */
  readonly r: number;
  /** Write quorum. */
  readonly w: number;
  /** How many timeouts an operation may take (resends and retries) before the client gives up. */
  readonly retries: number;
  /** The order in which it asks representatives: its preferred (nearest) ones first. */
  readonly order: readonly number[];
  /** Its last operation number, kept on stable storage across a crash (default 0). */
  readonly seq?: number;
  /** On restarting after a crash: the operation it was running then (reported as `info`). */
  readonly lost?: string | null;
}

/** The operation id shared by a client's observations and its messages: `c0.1`. */
export function opId(client: string, seq: number): string {
  return `${client}.${seq}`;
}
