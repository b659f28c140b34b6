/**
 * A member of a primary-partition process group with virtual synchrony: it installs a sequence of
 * views, delivers totally ordered multicasts inside each view, and changes views with a flush.
 *
 * Sources: Birman & Joseph, "Exploiting virtual synchrony in distributed systems", SOSP 1987;
 * Birman, "Reliable Distributed Systems" (Springer 2005), ch. 16-18; Chockler, Keidar, Vitenberg,
 * "Group communication specifications: a comprehensive study", ACM Computing Surveys 33(4), 2001
 * (the properties in properties/). The membership agreement follows Ricciardi & Birman's
 * primary-partition service (PODC 1991), phrased as Lamport's Paxos over each view's successor.
 *
 * In a view, members send their multicasts (`Data`) to the sequencer, the view's lowest member,
 * which numbers them and sends `Seq` to the others; a member delivers them in number order. A view
 * changes when the failure detector (which may be wrong) suspects a member, a member announces it
 * leaves (`Leave`), or a node asks to join (`Join`). The coordinator, the lowest member it neither
 * suspects nor knows to have left, runs the flush: `Flush` makes the members stop sending and report
 * what they delivered and their undelivered multicasts (`FlushAck`). With the reports of every
 * member it trusts, a majority of the old view, it decides the next view's members and what the
 * old view delivers; a majority accepts that (`Accept`/`Accepted`), so that a later coordinator
 * finds and keeps it; then `NewView`: each member delivers what it missed of the old view, in the
 * agreed order, and installs the new one, whose sequencer is its lowest member. Only a majority of
 * the previous view can decide, and a decision is never replaced, so there is one primary view.
 *
 * Simplified: no recovery from a crash (kernel `recover` is not used); a multicast sent in a view
 * whose sequencer fails before the flush may be lost (nobody left knows where the sequencer
 * numbered it, and delivering it elsewhere would break uniform total order); channels are reliable
 * FIFO, so nothing is retransmitted; a member cut off from the majority keeps its old view and may
 * still deliver there, like any member the others excluded (virtual synchrony constrains members
 * that move to the same next view); a wrong suspicion is never withdrawn (the suspect is excluded,
 * as in Isis). A node that leaves and comes back is a new incarnation without memory: everyone is
 * told of a Leave, and ignores what a later incarnation says about a view the node left.
 */
import { enqueueActions, setup } from 'xstate';
import type { Payload } from '../kernel/action.ts';
import { effects, everyone, type ObserveParams, type SendParams } from '../kernel/effects.ts';
import {
  addSorted,
  adoptedProposal,
  awaitedAcceptors,
  agreedDeliveries,
  expectedMembers,
  hasLeft,
  newcomers,
  nextBallot,
  ownReport,
  sequencerOf,
  shouldCoordinate,
  waitingOn,
  type MemberContext,
} from './membership.ts';
import type {
  Accept,
  Accepted,
  Data,
  Flush,
  FlushAck,
  Join,
  Leave,
  MemberEvent,
  MemberInput,
  Multicast,
  NewView,
  Outgoing,
  Seq,
  Suspect,
  View,
} from './messages.ts';

/** Raised internally to move between states (never sent). */
type Internal = { type: 'stop' } | { type: 'installed' } | { type: 'leftOut' };

/** The guards a step consults by name, so that a variant can swap one (see the model's mutants). */
type Check = (guard: 'isMissing' | 'isMajority' | 'sequenceComplete', params: object) => boolean;

/** What a step does besides changing the context. */
interface Effects {
  readonly sends: SendParams[];
  readonly observations: ObserveParams[];
  readonly raised: Internal[];
}

/** A step: the next context, with its effects appended to `out`. */
type Step<E> = (c: MemberContext, event: E, out: Effects, check: Check) => MemberContext;

const othersIn = (nodes: readonly number[], self: number) => nodes.filter((m) => m !== self);

/** Queues a message (its fields are plain JSON, though declared as interfaces). */
function send(out: Effects, to: number | readonly number[], msg: Outgoing): void {
  if (typeof to === 'number' || to.length > 0) out.sends.push({ to, msg: msg as Payload });
}

function deliver(out: Effects, id: string, view: number): void {
  out.observations.push({ kind: 'deliver', msg: id, view });
}

/** The sequencer numbers a message, delivers it, and tells the others its number. */
function sequence(c: MemberContext, id: string, out: Effects): MemberContext {
  const view = c.view!;
  deliver(out, id, view.id);
  send(out, othersIn(view.members, c.self), {
    type: 'Seq',
    view: view.id,
    id,
    seq: c.delivered.length + 1,
  });
  return { ...c, delivered: [...c.delivered, id] };
}

/** A multicast leaves in the current view: to the sequencer, or numbered here if this is it. */
function sendMulticast(c: MemberContext, id: string, out: Effects): MemberContext {
  const view = c.view!;
  const sequencer = sequencerOf(view);
  if (sequencer === c.self) return sequence(c, id, out);
  send(out, sequencer, { type: 'Data', view: view.id, id });
  return { ...c, pending: [...c.pending, id] };
}

/**
 * The flush's end at a member: deliver what it missed of the old view, in the agreed order, install
 * the new view, and send what it held back during the flush.
 */
function installView(
  c: MemberContext,
  view: View,
  agreed: readonly string[],
  out: Effects,
  check: Check,
): MemberContext {
  if (c.view !== null) {
    for (const id of agreed) {
      if (check('isMissing', { id, delivered: c.delivered })) deliver(out, id, c.view.id);
    }
  }
  out.observations.push({ kind: 'view', view: view.id, members: [...view.members] });
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
  for (const id of c.queued) next = sendMulticast(next, id, out);
  return next;
}

/**
 * The coordinator's side of the view change, re-evaluated after every event: start a ballot, move
 * from phase 1 to phase 2, or decide and install; a lone survivor goes through all in one step.
 */
function advance(c: MemberContext, out: Effects, check: Check): MemberContext {
  for (;;) {
    const view = c.view;
    if (view === null) return c;
    const expected = expectedMembers(c);
    const majority = check('isMajority', { nodes: expected, of: view.members });
    if (shouldCoordinate(c)) {
      if (!majority) return c;
      const number = nextBallot(c);
      send(out, othersIn(expected, c.self), { type: 'Flush', view: view.id, ballot: number });
      out.raised.push({ type: 'stop' });
      c = {
        ...c,
        promised: number,
        ballot: { number, phase: 'flush', reports: [ownReport(c)], proposal: null, accepted: [] },
      };
      continue;
    }
    const ballot = c.ballot;
    if (ballot === null) return c;
    if (ballot.phase === 'flush') {
      const reported = ballot.reports.map((r) => r.from);
      if (!majority || !expected.every((m) => reported.includes(m))) return c;
      // Paxos: a proposal some member accepted may have been decided; it must be kept.
      const sequencer = sequencerOf(view);
      const proposal = adoptedProposal(ballot.reports) ?? {
        members: [...expected, ...newcomers(c)].sort((a, b) => a - b),
        deliver: agreedDeliveries(
          ballot.reports,
          check('sequenceComplete', { reported, sequencer }),
        ),
      };
      const msg: Outgoing = { type: 'Accept', view: view.id, ballot: ballot.number, proposal };
      send(out, othersIn(expected, c.self), msg);
      c = {
        ...c,
        accepted: { ballot: ballot.number, ...proposal },
        ballot: { ...ballot, phase: 'accept', proposal, accepted: [c.self] },
      };
      continue;
    }
    // Decided once a majority accepted; it waits for the other trusted members to accept too.
    if (!check('isMajority', { nodes: ballot.accepted, of: view.members })) return c;
    if (!awaitedAcceptors(c).every((m) => ballot.accepted.includes(m))) return c;
    const { members, deliver: agreed } = ballot.proposal!;
    const next = { id: view.id + 1, members };
    const msg: Outgoing = {
      type: 'NewView',
      previous: view.id,
      view: next,
      deliver: agreed,
      ballot: ballot.number,
    };
    send(out, othersIn(members, c.self), msg);
    if (!members.includes(c.self)) {
      out.raised.push({ type: 'leftOut' });
      return { ...c, view: null, ballot: null };
    }
    out.raised.push({ type: 'installed' });
    c = installView(c, next, agreed, out, check);
  }
}

/**
 * Turns a step into an xstate action that enqueues its effects, its next context and the internal
 * events it raises. (Typed loosely: xstate cannot infer an action built outside `setup`.)
 */
function act<E>(step: Step<E>): never {
  return enqueueActions(({ context, event, enqueue, check }) => {
    const out: Effects = { sends: [], observations: [], raised: [] };
    const byName: Check = (type, params) => check({ type, params } as never);
    const c = context as MemberContext;
    const next = step(c, event as E, out, byName);
    for (const params of out.observations) enqueue({ type: 'observe', params } as never);
    for (const params of out.sends) enqueue({ type: 'send', params } as never);
    if (next !== c) enqueue.assign(next as never);
    for (const e of out.raised) enqueue.raise(e as never);
  }) as never;
}

/** The virtual-synchrony member machine (every node runs it). */
export const member = setup({
  types: {
    context: {} as MemberContext,
    events: {} as MemberEvent | Internal,
    input: {} as MemberInput,
  },
  actions: {
    ...effects,
    installInitialView: act((c, _e, out) => {
      out.observations.push({ kind: 'view', view: 0, members: [...c.view!.members] });
      return c;
    }),
    askToJoin: act((c, _e, out) => {
      send(
        out,
        othersIn(
          Array.from({ length: c.n }, (_, i) => i),
          c.self,
        ),
        { type: 'Join' },
      );
      return c;
    }),
    recordMulticast: act<Multicast>((c, e, out) => {
      out.observations.push({ kind: 'multicast', msg: e.id });
      return c;
    }),
    holdMulticast: act<Multicast>((c, e) => ({ ...c, queued: [...c.queued, e.id] })),
    sendMulticast: act<Multicast>((c, e, out) => sendMulticast(c, e.id, out)),
    sequenceData: act<Data>((c, e, out) => sequence(c, e.id, out)),
    deliverSeq: act<Seq>((c, e, out) => {
      deliver(out, e.id, c.view!.id);
      return {
        ...c,
        delivered: [...c.delivered, e.id],
        pending: c.pending.filter((p) => p !== e.id),
      };
    }),
    noteJoin: act<Join>((c, e) => ({ ...c, joins: addSorted(c.joins, e.from) })),
    noteLeave: act<Leave>((c, e) => ({
      ...c,
      departed: c.departed.map((v, k) => (k === e.from ? Math.max(v, e.view) : v)),
    })),
    noteSuspicion: act<Suspect>((c, e) => ({ ...c, suspected: addSorted(c.suspected, e.node) })),
    // Everyone hears of it, not only the view: a node still in an older view must not take a
    // later incarnation of this one for it.
    announceLeave: act((c, _e, out) => {
      if (c.view !== null)
        send(out, othersIn(everyone(c.n), c.self), { type: 'Leave', view: c.view.id });
      return c;
    }),
    // Phase 1, member side: promise the ballot, stop sending, report. A lower ballot of its own is
    // abandoned: its coordinator now follows the higher one.
    answerFlush: act<Flush>((c, e, out) => {
      const { delivered, pending, accepted } = ownReport(c);
      const msg: Outgoing = {
        type: 'FlushAck',
        view: e.view,
        ballot: e.ballot,
        delivered,
        pending,
        accepted,
      };
      send(out, e.from, msg);
      return { ...c, promised: e.ballot, ballot: null };
    }),
    noteFlushAck: act<FlushAck>((c, e) => {
      const { from, delivered, pending, accepted } = e;
      const ballot = c.ballot!;
      return {
        ...c,
        ballot: { ...ballot, reports: [...ballot.reports, { from, delivered, pending, accepted }] },
      };
    }),
    // Phase 2, member side: accept the proposal, which a later coordinator will then adopt.
    acceptProposal: act<Accept>((c, e, out) => {
      send(out, e.from, { type: 'Accepted', view: e.view, ballot: e.ballot });
      return {
        ...c,
        promised: e.ballot,
        accepted: { ballot: e.ballot, ...e.proposal },
        ballot: null,
      };
    }),
    noteAccepted: act<Accepted>((c, e) => {
      const ballot = c.ballot!;
      return { ...c, ballot: { ...ballot, accepted: addSorted(ballot.accepted, e.from) } };
    }),
    installNewView: act<NewView>((c, e, out, check) =>
      installView(c, e.view, e.deliver, out, check),
    ),
    advance: act((c, _e, out, check) => advance(c, out, check)),
  },
  guards: {
    isInitialMember: ({ context }) => context.view !== null,
    isSequencing: ({ context, event }) => {
      const { view, from } = event as Data;
      const mine = context.view!;
      return mine.id === view && sequencerOf(mine) === context.self && !hasLeft(context, from);
    },
    isNextInOrder: ({ context, event }) => {
      const { view, seq, from } = event as Seq;
      return (
        context.view!.id === view && seq === context.delivered.length + 1 && !hasLeft(context, from)
      );
    },
    // A node already in the view asks again only as a new incarnation, after its Leave.
    isNewJoin: ({ context, event }) => {
      const { from } = event as Join;
      if (context.joins.includes(from)) return false;
      return !context.view!.members.includes(from) || hasLeft(context, from);
    },
    isNewLeave: ({ context, event }) => {
      const { view, from } = event as Leave;
      return view > context.departed[from]!;
    },
    isWaitingOn: ({ context, event }) => waitingOn(context).includes((event as Suspect).node),
    // Paxos' promise: answer only a ballot higher than any answered, and not from a member that
    // left (a later incarnation of it remembers nothing it promised).
    isHigherBallot: ({ context, event }) => {
      const { view, ballot, from } = event as Flush;
      return context.view!.id === view && ballot > context.promised && !hasLeft(context, from);
    },
    // Only the ballot it promised: FIFO delivers a ballot's Flush before its Accept, so any other
    // Accept was meant for a past incarnation of this node.
    isAcceptable: ({ context, event }) => {
      const { view, ballot, from } = event as Accept;
      return context.view!.id === view && ballot === context.promised && !hasLeft(context, from);
    },
    isMyFlushAck: ({ context, event }) => {
      const { view, ballot, from } = event as FlushAck;
      const mine = context.ballot;
      return (
        mine !== null &&
        mine.phase === 'flush' &&
        mine.number === ballot &&
        context.view!.id === view &&
        !mine.reports.some((r) => r.from === from) &&
        !hasLeft(context, from)
      );
    },
    isMyAccepted: ({ context, event }) => {
      const { view, ballot, from } = event as Accepted;
      const mine = context.ballot;
      return (
        mine !== null &&
        mine.phase === 'accept' &&
        mine.number === ballot &&
        context.view!.id === view &&
        !mine.accepted.includes(from) &&
        !hasLeft(context, from)
      );
    },
    // The decision on its view's successor, as it accepted it (so not one meant for a past
    // incarnation of this node, which reported and accepted in its place).
    followsMyView: ({ context, event }) => {
      const { previous, view, ballot } = event as NewView;
      return (
        context.view!.id === previous &&
        view.members.includes(context.self) &&
        context.accepted?.ballot === ballot
      );
    },
    admitsMe: ({ context, event }) => (event as NewView).view.members.includes(context.self),
    isMissing: (_, params: { id: string; delivered: readonly string[] }) =>
      !params.delivered.includes(params.id),
    isMajority: (_, params: { nodes: readonly number[]; of: readonly number[] }) =>
      2 * params.nodes.filter((m) => params.of.includes(m)).length > params.of.length,
    sequenceComplete: (_, params: { reported: readonly number[]; sequencer: number }) =>
      params.reported.includes(params.sequencer),
  },
}).createMachine({
  id: 'vs-member',
  context: ({ input }) => ({
    self: input.self,
    n: input.n,
    view:
      input.self < input.initial
        ? { id: 0, members: Array.from({ length: input.initial }, (_, i) => i) }
        : null,
    delivered: [],
    pending: [],
    queued: [],
    suspected: [],
    departed: Array.from({ length: input.n }, () => -1),
    joins: [],
    promised: -1,
    accepted: null,
    ballot: null,
  }),
  initial: 'start',
  states: {
    start: {
      always: [
        { guard: 'isInitialMember', target: 'normal', actions: 'installInitialView' },
        { target: 'joining', actions: 'askToJoin' },
      ],
    },
    joining: {
      on: {
        multicast: { actions: ['recordMulticast', 'holdMulticast'] },
        NewView: { guard: 'admitsMe', target: 'normal', actions: ['installNewView', 'advance'] },
        Leave: { guard: 'isNewLeave', actions: 'noteLeave' },
      },
    },
    normal: {
      on: {
        multicast: { actions: ['recordMulticast', 'sendMulticast'] },
        Data: { guard: 'isSequencing', actions: 'sequenceData' },
        Seq: { guard: 'isNextInOrder', actions: 'deliverSeq' },
        Join: { guard: 'isNewJoin', actions: ['noteJoin', 'advance'] },
        Leave: { guard: 'isNewLeave', actions: ['noteLeave', 'advance'] },
        suspect: { guard: 'isWaitingOn', actions: ['noteSuspicion', 'advance'] },
        Flush: { guard: 'isHigherBallot', target: 'flushing', actions: 'answerFlush' },
        Accept: { guard: 'isAcceptable', target: 'flushing', actions: 'acceptProposal' },
        stop: { target: 'flushing' },
        leave: { actions: 'announceLeave' },
      },
    },
    flushing: {
      on: {
        multicast: { actions: ['recordMulticast', 'holdMulticast'] },
        Join: { guard: 'isNewJoin', actions: ['noteJoin', 'advance'] },
        Leave: { guard: 'isNewLeave', actions: ['noteLeave', 'advance'] },
        suspect: { guard: 'isWaitingOn', actions: ['noteSuspicion', 'advance'] },
        Flush: { guard: 'isHigherBallot', actions: ['answerFlush', 'advance'] },
        FlushAck: { guard: 'isMyFlushAck', actions: ['noteFlushAck', 'advance'] },
        Accept: { guard: 'isAcceptable', actions: ['acceptProposal', 'advance'] },
        Accepted: { guard: 'isMyAccepted', actions: ['noteAccepted', 'advance'] },
        NewView: {
          guard: 'followsMyView',
          target: 'normal',
          actions: ['installNewView', 'advance'],
        },
        installed: { target: 'normal' },
        leftOut: { target: 'excluded' },
        leave: { actions: 'announceLeave' },
      },
    },
    excluded: {
      on: { multicast: { actions: ['recordMulticast', 'holdMulticast'] } },
    },
  },
});
