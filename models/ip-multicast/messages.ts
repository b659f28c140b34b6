/**
 * The messages and events of IP multicast: session announcements (SAP-like, from the session
 * directory), IGMP-like membership reports, DVMRP prunes, grafts and graft acknowledgements, and
 * the data packets themselves. The kernel adds `from` (the sender's index) on delivery.
 */

/** The session directory announces a group (its class-D address) to every host. */
export interface Announce {
  readonly type: 'Announce';
  readonly group: string;
  readonly from: number;
}

/** The session directory deletes the group: hosts forget it and leave it. */
export interface Withdraw {
  readonly type: 'Withdraw';
  readonly group: string;
  readonly from: number;
}

/** IGMP membership report: the host joins `group` on its subnet. */
export interface Report {
  readonly type: 'Report';
  readonly group: string;
  /** The TTL a packet from the source needs to reach the host's subnet (for observations). */
  readonly need: number;
  readonly from: number;
}

/** IGMP leave: the host leaves `group`. */
export interface Leave {
  readonly type: 'Leave';
  readonly group: string;
  readonly from: number;
}

/** A multicast data packet `pkt` for `group` with its remaining time to live. */
export interface Data {
  readonly type: 'Data';
  readonly pkt: string;
  readonly group: string;
  readonly ttl: number;
  readonly from: number;
}

/** DVMRP prune: the sender's branch has no members; stop forwarding down it. */
export interface Prune {
  readonly type: 'Prune';
  readonly from: number;
}

/** DVMRP graft: the sender's branch has a member again; forward down it. */
export interface Graft {
  readonly type: 'Graft';
  readonly from: number;
}

/** DVMRP graft acknowledgement: the branch is on the delivery tree again, up to the source. */
export interface GraftAck {
  readonly type: 'GraftAck';
  readonly from: number;
}

/** Client input to the directory: create the group. */
export interface Create {
  readonly type: 'create';
  readonly from: number;
}

/** Client input to the directory: delete the group. */
export interface Delete {
  readonly type: 'delete';
  readonly from: number;
}

/** Client input to a host: join the announced group. */
export interface JoinGroup {
  readonly type: 'joinGroup';
  readonly from: number;
}

/** Client input to a host: leave the group. */
export interface LeaveGroup {
  readonly type: 'leaveGroup';
  readonly from: number;
}

/** Client input to the source host: send one packet with time to live `ttl`. */
export interface SendPacket {
  readonly type: 'sendPacket';
  readonly ttl: number;
  readonly from: number;
}

/** A host's input: its router, and the TTL a packet from the source needs to reach its subnet. */
export interface HostInput {
  readonly router: number;
  readonly need: number;
}

/** A router's input: its neighbours and the scope threshold of each link, its tree position. */
export interface RouterInput {
  /** Neighbouring routers with each link's TTL threshold. */
  readonly links: readonly { readonly peer: number; readonly threshold: number }[];
  /** The reverse-path neighbour toward the source (the source host for the first-hop router). */
  readonly upstream: number;
  /** Whether the source's subnet is this router's (its upstream is a host: it never prunes). */
  readonly firstHop: boolean;
  /** Neighbours whose reverse path to the source goes through this router. */
  readonly children: readonly number[];
}

/** The directory's input: the group address it manages and the hosts it announces to. */
export interface DirectoryInput {
  readonly group: string;
  readonly hosts: readonly number[];
}
