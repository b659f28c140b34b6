/**
 * A member's state and the pure rules of the view change it runs: who sequences and who
 * coordinates, whom a view change waits for, whom the failure detector may suspect, and how the
 * flush decides what the old view delivers, and the steps the machine's actions take (sequencing,
 * sending a multicast, installing a view), written against the kit's `Effects`. The machine
 * (member.machine.ts) calls these; keeping them pure keeps its actions short and lets the tests
 * exercise the rules directly (with `RecordedEffects`).
 *
 * Source: Birman & Joseph 1987; Birman, "Reliable Distributed Systems" (2005), ch. 16-18 (the
 * flush, the primary-partition membership service); Chockler, Keidar, Vitenberg 2001 (the
 * properties); Ricciardi & Birman 1991 and Lamport's Paxos for agreeing on the next view.
 */
import type { Effects } from '../kernel/step.ts';
import type { AcceptedProposal, MemberMessage, Proposal, View } from './messages.ts';

/**
 * The guards a member's steps ask by name, so that a variant can swap one: `isMissing` (the flush
 * delivers what a member missed), `sequenceComplete` (the sequencer's own report makes the old
 * view's order complete), `sendsHeldBack` (a multicast held back during the flush is sent in the
 * new view).
 */
export type MemberGuard = 'isMissing' | 'sequenceComplete' | 'sendsHeldBack' | 'keepsTally';

/** What a member's step may do besides changing its context. */
export type MemberEffects = Effects<MemberMessage, MemberGuard>;

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

/**
 * A view change this member coordinates. Which phase it is in is the machine's state
 * (`coordinating.collecting`, then `coordinating.accepting`); this is what the phases collect.
 */
export interface Ballot {
  /** Ballot number: unique to this coordinator (`round * n + self`). */
  readonly number: number;
  /** Phase 1: the FlushAcks received, own report first. */
  readonly reports: readonly FlushReport[];
  /** Phase 2: the proposal sent in Accept (null while collecting). */
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

/** The nodes of `nodes` a member may suspect: not itself, and not already suspected. */
function suspectable(c: MemberContext, nodes: readonly number[]): readonly number[] {
  return nodes.filter((m) => m !== c.self && !c.suspected.includes(m));
}

/**
 * In a view (state `normal`), whom this member waits for, so that its failure detector may suspect
 * it: the sequencer while its own multicasts are undelivered, and the coordinator it expects to
 * start a view change. A member waiting for no one suspects no one, so a quiet group quiesces.
 */
export function awaitedInView(c: MemberContext): readonly number[] {
  if (c.view === null) return [];
  const out: number[] = [];
  if (c.pending.length > 0) out.push(sequencerOf(c.view));
  const coordinator = coordinatorOf(c);
  if (hasReason(c) && coordinator !== undefined) out.push(coordinator);
  return suspectable(c, out);
}

/**
 * Having flushed (state `flushing`), whom this member waits for: the coordinator of the ballot it
 * promised, or once it suspects that one, the coordinator it expects to take over.
 */
export function awaitedWhileFlushing(c: MemberContext): readonly number[] {
  if (c.view === null) return [];
  const leader = leaderOf(c, c.promised);
  if (!c.suspected.includes(leader)) return suspectable(c, [leader]);
  const coordinator = coordinatorOf(c);
  return hasReason(c) && coordinator !== undefined ? suspectable(c, [coordinator]) : [];
}

/** Phase 1 (state `coordinating.collecting`): the expected members whose FlushAck is missing. */
export function missingReports(c: MemberContext): readonly number[] {
  const reported = c.ballot?.reports.map((r) => r.from) ?? [];
  const missing = expectedMembers(c).filter((m) => !reported.includes(m));
  return suspectable(c, missing);
}

/** Phase 2 (state `coordinating.accepting`): the awaited acceptors whose Accepted is missing. */
export function missingAcceptances(c: MemberContext): readonly number[] {
  const accepted = c.ballot?.accepted ?? [];
  const missing = awaitedAcceptors(c).filter((m) => !accepted.includes(m));
  return suspectable(c, missing);
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

/** The majority question of a view change: are `nodes` more than half of the view's members? */
export interface MajorityQuestion {
  /** The nodes counted. */
  readonly nodes: readonly number[];
  /** The view's members. */
  readonly of: readonly number[];
}

/** Whether `nodes` are a majority of `of` (the correct `isMajority` guard). */
export function isMajority({ nodes, of }: MajorityQuestion): boolean {
  return 2 * nodes.filter((m) => of.includes(m)).length > of.length;
}

/** The nodes of a list but `self`. */
export function othersIn(nodes: readonly number[], self: number): readonly number[] {
  return nodes.filter((m) => m !== self);
}

/** The sequencer numbers message `id`, delivers it, and tells the view's other members its number. */
export function sequence(c: MemberContext, id: string, out: MemberEffects): MemberContext {
  const view = c.view!;
  out.observe('deliver', { msg: id, view: view.id });
  out.send(othersIn(view.members, c.self), {
    type: 'Seq',
    view: view.id,
    id,
    seq: c.delivered.length + 1,
  });
  return { ...c, delivered: [...c.delivered, id] };
}

/** A multicast leaves in the current view: to the sequencer, or numbered here if this is it. */
export function sendMulticast(c: MemberContext, id: string, out: MemberEffects): MemberContext {
  const view = c.view!;
  const sequencer = sequencerOf(view);
  if (sequencer === c.self) return sequence(c, id, out);
  out.send(sequencer, { type: 'Data', view: view.id, id });
  return { ...c, pending: [...c.pending, id] };
}

/**
 * The flush's end at a member (Birman's "flush, then install"): deliver what it missed of the old
 * view, in the agreed order (asking `isMissing`, so a variant can skip the flush), install the new
 * view, and send the multicasts it held back during the flush (asking `sendsHeldBack`, so a
 * variant can forget them).
 */
export function installView(
  c: MemberContext,
  view: View,
  agreed: readonly string[],
  out: MemberEffects,
): MemberContext {
  if (c.view !== null) {
    for (const id of agreed) {
      if (out.check('isMissing', { id, delivered: c.delivered })) {
        out.observe('deliver', { msg: id, view: c.view.id });
      }
    }
  }
  out.observe('view', { view: view.id, members: [...view.members] });
  let next: MemberContext = {
    ...c,
    view,
    delivered: [],
    pending: [],
    queued: [],
    suspected: c.suspected.filter((m) => view.members.includes(m)),
    joins: c.joins.filter((j) => !view.members.includes(j)),
    promised: -1,
    accepted: null,
    ballot: null,
  };
  for (const id of c.queued) {
    if (out.check('sendsHeldBack', { id })) next = sendMulticast(next, id, out);
  }
  return next;
}
