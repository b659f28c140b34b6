/**
 * Messages and events of the virtual-synchrony model. Message names follow Birman's "Reliable
 * Distributed Systems" (Flush, NewView) and Paxos' phases (Accept, Accepted) for the membership
 * agreement; every message the kernel delivers carries `from`, the sender's index.
 */
import type { Outgoing } from '../kernel/step.ts';

/** A view: its id and its members, sorted ascending. */
export interface View {
  /** View id: 0 for the configured initial view, then one more per view change. */
  readonly id: number;
  /** Member indices, ascending. */
  readonly members: readonly number[];
}

/** What a view change decides: the next view's members and what the old view delivers. */
export interface Proposal {
  /** The next view's members, ascending. */
  readonly members: readonly number[];
  /** The old view's deliveries, in order: every member moving on delivers exactly these. */
  readonly deliver: readonly string[];
}

/** A proposal a member accepted, with the ballot it was accepted in. */
export interface AcceptedProposal extends Proposal {
  /** The ballot of the Accept. */
  readonly ballot: number;
}

/** A client asks a member to multicast message `id` to its view. */
export interface Multicast {
  readonly type: 'multicast';
  /** Unique message id (`m0`, `m1`…). */
  readonly id: string;
}

/** A member's multicast on its way to the view's sequencer. */
export interface Data {
  readonly type: 'Data';
  /** The view it was sent in: only that view's sequencer may order it. */
  readonly view: number;
  readonly id: string;
  readonly from: number;
}

/** The sequencer's decision that message `id` is number `seq` of the view. */
export interface Seq {
  readonly type: 'Seq';
  readonly view: number;
  readonly id: string;
  /** 1-based position among the view's sequenced messages. */
  readonly seq: number;
  readonly from: number;
}

/** A node that starts outside the group asks to be admitted. */
export interface Join {
  readonly type: 'Join';
  readonly from: number;
}

/** A member announces that it leaves the group. */
export interface Leave {
  readonly type: 'Leave';
  /** The view it leaves, so that a stale notice never removes a later incarnation. */
  readonly view: number;
  readonly from: number;
}

/** The coordinator of a view change asks the view's members to stop and report (phase 1). */
export interface Flush {
  readonly type: 'Flush';
  /** The view being changed. */
  readonly view: number;
  /** The coordinator's ballot: a member answers only ballots higher than any it answered. */
  readonly ballot: number;
  readonly from: number;
}

/** A member's answer to Flush: it has stopped, and reports its state in the view. */
export interface FlushAck {
  readonly type: 'FlushAck';
  readonly view: number;
  readonly ballot: number;
  /** What it delivered in the view, in order. */
  readonly delivered: readonly string[];
  /** Its own multicasts sent in the view and not delivered yet. */
  readonly pending: readonly string[];
  /** The proposal it accepted for this view change, if any (a coordinator must adopt it). */
  readonly accepted: AcceptedProposal | null;
  readonly from: number;
}

/** The coordinator asks the members to accept the proposal (phase 2). */
export interface Accept {
  readonly type: 'Accept';
  readonly view: number;
  readonly ballot: number;
  readonly proposal: Proposal;
  readonly from: number;
}

/** A member accepted the proposal of `ballot`. */
export interface Accepted {
  readonly type: 'Accepted';
  readonly view: number;
  readonly ballot: number;
  readonly from: number;
}

/** The decided view change: deliver what the old view delivers, then install the new view. */
export interface NewView {
  readonly type: 'NewView';
  /** The view this one follows. */
  readonly previous: number;
  /** The new view. */
  readonly view: View;
  /** The old view's deliveries (ignored by members that join with this view). */
  readonly deliver: readonly string[];
  /** The ballot that decided it: a member of the old view installs it only if it accepted that. */
  readonly ballot: number;
  readonly from: number;
}

/** The failure detector's timeout: this member now suspects node `node`, rightly or not. */
export interface Suspect {
  readonly type: 'suspect';
  readonly node: number;
}

/** The kernel's `leave` fault: the member handles it, then is out. */
export interface LeaveEvent {
  readonly type: 'leave';
}

/** Everything a member's machine receives. */
export type MemberEvent =
  | Multicast
  | Data
  | Seq
  | Join
  | Leave
  | Flush
  | FlushAck
  | Accept
  | Accepted
  | NewView
  | Suspect
  | LeaveEvent;

/** A member's configured input. */
export interface MemberInput {
  /** This node's index. */
  readonly self: number;
  /** Number of nodes in the configuration (members and joiners). */
  readonly n: number;
  /** Size of the initial view (nodes 0..initial-1); a node outside it starts by asking to join. */
  readonly initial: number;
}

/** The messages a member sends, as it writes them (the kernel adds `from` on delivery). */
export type MemberMessage = Outgoing<
  Data | Seq | Join | Leave | Flush | FlushAck | Accept | Accepted | NewView
>;
