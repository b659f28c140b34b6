/**
 * A member's state and the pure rules of the view change it runs: who sequences and who
 * coordinates, whom a view change waits for, whom the failure detector may suspect, and how the
 * flush decides what the old view delivers. The machine (member.machine.ts) calls these; keeping
 * them pure keeps the machine's actions short and lets the tests exercise the rules directly.
 *
 * Source: Birman & Joseph 1987; Birman, "Reliable Distributed Systems" (2005), ch. 16-18 (the
 * flush, the primary-partition membership service); Chockler, Keidar, Vitenberg 2001 (the
 * properties); Ricciardi & Birman 1991 and Lamport's Paxos for agreeing on the next view.
 */
import type { AcceptedProposal, Proposal, View } from './messages.ts';

/** What one member reported in its FlushAck (the coordinator's own report included). */
export interface FlushReport {
  /** The reporting member. */
  readonly from: number;
  /** What it delivered in the view, in order. */
  readonly delivered: readonly string[];
  /** Its own multicasts sent in the view and not delivered. */
  readonly pending: readonly string[];
  /** The proposal it accepted for this view change, if any. */
  readonly accepted: AcceptedProposal | null;
}

/** A view change this member coordinates. */
export interface Ballot {
  /** Ballot number: unique to this coordinator (`round * n + self`). */
  readonly number: number;
  /** Phase 1 (collecting FlushAcks) or phase 2 (collecting Accepteds). */
  readonly phase: 'flush' | 'accept';
  /** The FlushAcks received, own report first. */
  readonly reports: readonly FlushReport[];
  /** Phase 2: the proposal sent in Accept. */
  readonly proposal: Proposal | null;
  /** Phase 2: members that accepted it. */
  readonly accepted: readonly number[];
}

/** A member's state. Lists of nodes are kept ascending, so equal states are equal JSON. */
export interface MemberContext {
  /** This node's index. */
  readonly self: number;
  /** Number of nodes in the configuration. */
  readonly n: number;
  /** The installed view; null while joining and once excluded. */
  readonly view: View | null;
  /** What it delivered in the current view, in order. */
  readonly delivered: readonly string[];
  /** Its own multicasts sent in the current view and not delivered yet. */
  readonly pending: readonly string[];
  /** Its own multicasts held back until the next view (it stops sending during a flush). */
  readonly queued: readonly string[];
  /** Members of the current view it suspects. */
  readonly suspected: readonly number[];
  /**
   * Per node, the last view it announced leaving (-1: none). A node that left and came back is a
   * new incarnation that remembers nothing; whatever comes from it about a view it left is stale.
   */
  readonly departed: readonly number[];
  /** Nodes that asked to join. */
  readonly joins: readonly number[];
  /** The highest ballot it answered in this view's change (-1: none, it is still sending). */
  readonly promised: number;
  /** The proposal it accepted in this view's change. */
  readonly accepted: AcceptedProposal | null;
  /** The view change it coordinates, if any. */
  readonly ballot: Ballot | null;
}

/** Adds `x` to an ascending list (unchanged if present). */
export function addSorted(list: readonly number[], x: number): readonly number[] {
  return list.includes(x) ? list : [...list, x].sort((a, b) => a - b);
}

/** The view's sequencer: its lowest member. */
export function sequencerOf(view: View): number {
  return view.members[0]!;
}

/** Whether node `k` left the current view (so its messages about it come from a past incarnation). */
export function hasLeft(c: MemberContext, k: number): boolean {
  return c.view !== null && c.departed[k]! >= c.view.id;
}

/** The members of the view this member neither suspects nor knows to have left. */
export function survivors(c: MemberContext): readonly number[] {
  if (c.view === null) return [];
  return c.view.members.filter((m) => !c.suspected.includes(m) && !hasLeft(c, m));
}

/**
 * Whom a view change waits for: the survivors, except nodes that asked to join again (a member
 * that left and came back is a new incarnation with nothing to flush).
 */
export function expectedMembers(c: MemberContext): readonly number[] {
  return survivors(c).filter((m) => !c.joins.includes(m));
}

/** Nodes to admit in the next view: those that asked to join and are not expected to flush. */
export function newcomers(c: MemberContext): readonly number[] {
  const expected = expectedMembers(c);
  return c.joins.filter((j) => !expected.includes(j));
}

/** Who should coordinate the next view change in this member's opinion: the lowest survivor. */
export function coordinatorOf(c: MemberContext): number | undefined {
  return survivors(c)[0];
}

/** The coordinator of a ballot. */
export function leaderOf(c: MemberContext, ballot: number): number {
  return ballot % c.n;
}

/** Whether the view must change: a member is suspected or has left, or a node asked to join. */
export function hasReason(c: MemberContext): boolean {
  if (c.view === null) return false;
  const members = c.view.members;
  return (
    c.suspected.some((m) => members.includes(m)) ||
    members.some((m) => hasLeft(c, m)) ||
    newcomers(c).length > 0
  );
}

/**
 * Whether this member should start a view change now: it is the coordinator in its own opinion,
 * there is a reason, it runs none, and it is not following a ballot whose coordinator it trusts
 * (that would only make two coordinators pre-empt each other forever).
 */
export function shouldCoordinate(c: MemberContext): boolean {
  if (c.view === null || c.ballot !== null || coordinatorOf(c) !== c.self || !hasReason(c))
    return false;
  if (c.promised < 0) return true;
  const leader = leaderOf(c, c.promised);
  return leader === c.self || c.suspected.includes(leader) || hasLeft(c, leader);
}

/** A ballot number higher than any this member answered, unique to it. */
export function nextBallot(c: MemberContext): number {
  return (Math.floor(Math.max(c.promised, 0) / c.n) + 1) * c.n + c.self;
}

/**
 * The nodes this member is waiting for, which its failure detector may therefore suspect: the
 * sequencer while its own multicasts are undelivered, the members its view change still needs, the
 * coordinator it follows, or the one it expects to start a view change. A member waiting for no
 * one suspects no one, so a quiet group quiesces.
 */
export function waitingOn(c: MemberContext): readonly number[] {
  if (c.view === null) return [];
  const out: number[] = [];
  if (c.ballot?.phase === 'flush') {
    const reported = c.ballot.reports.map((r) => r.from);
    out.push(...expectedMembers(c).filter((m) => !reported.includes(m)));
  } else if (c.ballot?.phase === 'accept') {
    const accepted = c.ballot.accepted;
    out.push(...awaitedAcceptors(c).filter((m) => !accepted.includes(m)));
  } else if (c.promised >= 0 && !c.suspected.includes(leaderOf(c, c.promised))) {
    out.push(leaderOf(c, c.promised));
  } else {
    if (c.promised < 0 && c.pending.length > 0) out.push(sequencerOf(c.view));
    const coordinator = coordinatorOf(c);
    if (hasReason(c) && coordinator !== undefined) out.push(coordinator);
  }
  return out.filter((m) => m !== c.self && !c.suspected.includes(m));
}

/** Phase 2: the trusted members of the proposal, whose Accepted the coordinator waits for. */
export function awaitedAcceptors(c: MemberContext): readonly number[] {
  const proposal = c.ballot?.proposal;
  if (!proposal) return [];
  return expectedMembers(c).filter((m) => proposal.members.includes(m));
}

/** This member's own flush report. */
export function ownReport(c: MemberContext): FlushReport {
  return { from: c.self, delivered: c.delivered, pending: c.pending, accepted: c.accepted };
}

/** The proposal accepted in the highest ballot among the reports (Paxos: it must be adopted). */
export function adoptedProposal(reports: readonly FlushReport[]): Proposal | null {
  let best: AcceptedProposal | null = null;
  for (const r of reports) {
    if (r.accepted !== null && (best === null || r.accepted.ballot > best.ballot))
      best = r.accepted;
  }
  return best === null ? null : { members: best.members, deliver: best.deliver };
}

/**
 * What the old view delivers, from the flush reports. Every member's deliveries are a prefix of
 * the sequencer's order, so the longest report holds all the others. When the sequencer itself
 * reported (`complete`), that is its whole order, and the reported pending multicasts were never
 * numbered by anyone: they follow, in id order. Otherwise the sequencer may have numbered and
 * delivered them before failing, in an order nobody here knows, so they are dropped.
 */
export function agreedDeliveries(
  reports: readonly FlushReport[],
  complete: boolean,
): readonly string[] {
  let longest: readonly string[] = [];
  for (const r of reports) if (r.delivered.length > longest.length) longest = r.delivered;
  if (!complete) return longest;
  const rest = new Set<string>();
  for (const r of reports) for (const id of r.pending) if (!longest.includes(id)) rest.add(id);
  return [...longest, ...[...rest].sort()];
}
