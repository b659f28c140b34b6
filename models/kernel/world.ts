import type { HistoryList } from './observation.ts';

/** A node's status: taking steps, crashed, or outside the system (not joined yet, or left). */
export enum Status {
  Up = 0,
  Down = 1,
  Out = 2,
}

/**
 * The global state. Immutable: a step returns a new world sharing what did not change.
 * Everything is integers (interned by the system's `LocalTable`), so copying is cheap.
 */
export interface World {
  /** Each node's interned snapshot id (-1 for a node that never started). */
  readonly locals: readonly number[];
  /** Each node's status. */
  readonly status: readonly Status[];
  /** In-flight message ids, channel `from * n + to`. */
  readonly channels: readonly (readonly number[])[];
  /** Bitmask of one side of the partition; 0 when the network is whole. */
  readonly partition: number;
  /** Faults used so far, indexed like `FAULT_KINDS`. */
  readonly used: readonly number[];
  /** Bitmask of the client inputs already handed over. */
  readonly inputs: number;
  /** The observations so far. */
  readonly history: HistoryList | null;
  /**
   * Per node, a rolling hash of the observations it made, in order. Part of a world's identity for
   * the exhaustive engine: two worlds whose nodes have the same states but observed different
   * things are different (properties read observations), while the interleaving of different
   * nodes' observations is not (the properties groupcheck ships read per-node sequences).
   */
  readonly digests: readonly number[];
  /**
   * A rolling hash of the whole history's order across nodes, kept only when some property reads
   * it (`scope: 'global'`, e.g. linearizability's real-time order); otherwise always 0.
   */
  readonly order: number;
  /** Sum of the node and channel component hashes, high half (see fingerprint.ts). */
  readonly sumHi: number;
  /** Sum of the node and channel component hashes, low half. */
  readonly sumLo: number;
}

/**
 * Channel tables that the engines refill in place instead of allocating (a breadth-first level's
 * view of the world it expands, a step built in a draft's scratch arrays: `Frontier.view`,
 * `System.apply` with `Reuse`) count here each time one is refilled. Two worlds whose `channels`
 * are the same array hold the same channels only if the count has not moved in between.
 */
export const refills = { count: 0 };

/** Where a step writes the arrays of the world it builds (`System.apply`). */
export enum Reuse {
  /** New arrays for what the step changes: the world can be kept. */
  None = 0,
  /**
   * The system's own scratch arrays, refilled at its next scratch step: for a successor that is
   * stored and let go before then (a breadth-first search copies it into its next level at once).
   */
  Scratch = 1,
  /**
   * The scratch arrays changed in place when the step starts from the world the last scratch or
   * in-place step finished (that world then holds the new one's content), and so are that world
   * object itself and the channel arrays earlier in-place steps made: for a run that keeps only
   * its newest world (a random scenario's verdict), which then allocates nothing for a step but
   * a channel's first array and its history. Only without fingerprints (a system with
   * `hashing: false`), which would need the old content; with them it is `Scratch`.
   */
  InPlace = 2,
}

/** The kinds of moves, indexed like `ACTION_TYPES`. */
export enum MoveKind {
  Deliver = 0,
  Input = 1,
  Choose = 2,
  Heal = 3,
  Timeout = 4,
  Drop = 5,
  Duplicate = 6,
  Crash = 7,
  Recover = 8,
  Join = 9,
  Leave = 10,
  Partition = 11,
  /** Every due timer fires while nothing else can happen (benign: time passes). */
  Expire = 12,
}

/**
 * An enabled step in the engines' compact form. `a` is the node (or sender), `b` the receiver,
 * `c` the message id, event id, input index or partition mask, depending on `kind`.
 */
export interface Move {
  /** What kind of step. */
  readonly kind: MoveKind;
  /** Node or sender. */
  readonly a: number;
  /** Receiver (deliver, drop, duplicate). */
  readonly b: number;
  /** Message/event id, input index or partition side mask. */
  readonly c: number;
}

/** Moves that are not faults: engines prefer them, and shrinking steers towards them. */
export function isBenign(kind: MoveKind): boolean {
  return kind <= MoveKind.Heal || kind === MoveKind.Expire;
}

/**
 * The node a move is a step of: the receiver of a delivery; the node of an input, choice,
 * timeout, crash, recovery, join or leave; -1 for the others (drops and duplicates, a partition or
 * heal, a timer expiry across the world).
 */
export function actingNode(m: Move): number {
  switch (m.kind) {
    case MoveKind.Deliver:
      return m.b;
    case MoveKind.Input:
    case MoveKind.Choose:
    case MoveKind.Timeout:
    case MoveKind.Crash:
    case MoveKind.Recover:
    case MoveKind.Join:
    case MoveKind.Leave:
      return m.a;
    default:
      return -1;
  }
}
