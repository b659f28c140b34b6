/**
 * The messages and events of the overlay multicast (Narada): discovery through the bootstrap
 * node, overlay links set up and torn down between members, refresh messages carrying membership
 * and the routing table (distance vector with the path), liveness probes, and the data packets.
 * The kernel adds `from` (the sender's index) on delivery; client inputs and timers come with
 * `from: -1`.
 */
import type { Route } from './routing.ts';

/** A joiner asks the bootstrap node for members to link to. */
export interface Hello {
  readonly type: 'Hello';
  readonly from: number;
}

/** The bootstrap node's answer: the members it knows (it adds the joiner to them). */
export interface Welcome {
  readonly type: 'Welcome';
  readonly members: readonly number[];
  readonly from: number;
}

/** What a member tells a neighbour about itself: membership and its routing table. */
export interface RefreshBody {
  /** The members it knows to be in the group (itself included). */
  readonly members: readonly number[];
  /** The members it knows to have left or died (never members again). */
  readonly departed: readonly number[];
  /** Its route to every member it can reach: cost and the whole path (from itself). */
  readonly routes: readonly Route[];
}

/** Asks for an overlay link (a joiner, or a member repairing a partition). */
export interface LinkRequest {
  readonly type: 'LinkRequest';
  readonly from: number;
}

/** Accepts an overlay link, with the acceptor's membership and routing table. */
export interface LinkAccept extends RefreshBody {
  readonly type: 'LinkAccept';
  readonly from: number;
}

/** Narada's refresh: membership and routing table, sent to every neighbour when they change. */
export interface Refresh extends RefreshBody {
  readonly type: 'Refresh';
  readonly from: number;
}

/** A graceful leave: the sender leaves the group (to its neighbours and the bootstrap node). */
export interface Leave {
  readonly type: 'Leave';
  readonly from: number;
}

/** Liveness probe of a neighbour (the periodic refresh, when time passes). */
export interface Probe {
  readonly type: 'Probe';
  readonly from: number;
}

/** A live neighbour's answer to a probe. */
export interface ProbeAck {
  readonly type: 'ProbeAck';
  readonly from: number;
}

/** Data packet `seq` of source `src`, forwarded along the source's reverse shortest-path tree. */
export interface Data {
  readonly type: 'Data';
  readonly src: number;
  readonly seq: number;
  readonly from: number;
}

/** Client input to a member that is not in the group yet: join it. */
export interface JoinInput {
  readonly type: 'join';
  readonly from: number;
}

/** Client input to a member: leave gracefully. */
export interface LeaveInput {
  readonly type: 'leave';
  readonly from: number;
}

/** Client input to a member: crash (stop silently, forever). */
export interface CrashInput {
  readonly type: 'crash';
  readonly from: number;
}

/** Client input to the source: multicast a packet now. */
export interface MulticastInput {
  readonly type: 'multicast';
  readonly from: number;
}

/** Timer: probe every neighbour once (the periodic refresh, when time passes). */
export interface RefreshTimer {
  readonly type: 'refresh';
  readonly from: number;
}

/** Timer: a probed or asked member that has not answered is dead. */
export interface SuspectTimer {
  readonly type: 'suspect';
  readonly from: number;
}

/** Timer: a member with no route to a member it knows to be live asks it for a link. */
export interface RepairTimer {
  readonly type: 'repair';
  readonly from: number;
}

/** Timer: the source sends its next packet (one per unit of time). */
export interface EmitTimer {
  readonly type: 'emit';
  readonly from: number;
}

/** A member's input: its place, costs and, for a member of the initial group, its mesh. */
export interface MemberInput {
  /** Its own index. */
  readonly self: number;
  /** The bootstrap node's index. */
  readonly boot: number;
  /** The data source (a member). */
  readonly source: number;
  /** The overlay link cost (underlay delay) to every member, by index. */
  readonly cost: readonly number[];
  /** How many members a joiner links to. */
  readonly degree: number;
  /** The longest path a route may have (the number of members). */
  readonly cap: number;
  /** Packets the source sends one per unit of time (0 for other members). */
  readonly packets: number;
  /** A member of the initial group: its converged mesh and tables; null for a joiner. */
  readonly initial: {
    readonly members: readonly number[];
    readonly neighbours: readonly number[];
    readonly heard: readonly { readonly peer: number; readonly routes: readonly Route[] }[];
  } | null;
}

/** The bootstrap node's input: the members of the initial group. */
export interface BootInput {
  readonly members: readonly number[];
}
