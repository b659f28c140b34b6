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
import { and, setup } from 'xstate';
import { others } from '../kernel/effects.ts';
import { roleKit } from '../kernel/step.ts';
import {
  addSorted,
  adoptedProposal,
  agreedDeliveries,
  awaitedAcceptors,
  awaitedInView,
  awaitedWhileFlushing,
  expectedMembers,
  hasLeft,
  installView,
  isMajority,
  missingAcceptances,
  missingReports,
  newcomers,
  nextBallot,
  othersIn,
  ownReport,
  sendMulticast,
  sequence,
  sequencerOf,
  shouldCoordinate,
  type MemberContext,
  type MemberGuard,
} from './membership.ts';
import type { MemberEvent, MemberInput, MemberMessage } from './messages.ts';

const kit = roleKit<{
  context: MemberContext;
  events: MemberEvent;
  sends: MemberMessage;
  guards: MemberGuard;
  input: MemberInput;
}>();

/** The majority a coordinator needs to start and to end phase 1: the members it expects. */
const expectedAreMajority = { type: 'isMajority', params: { nodes: 'expected' } } as const;

/** The majority that decides in phase 2: the members that accepted the proposal. */
const acceptedByMajority = { type: 'isMajority', params: { nodes: 'accepted' } } as const;

/**
 * The virtual-synchrony member machine (every node runs it). Its states are the protocol's
 * phases: `normal` (in a view, sending), `viewChange.flushing` (stopped and reported to a
 * coordinator: `answered`, then `accepted`), `viewChange.coordinating` (this member runs the view
 * change: `collecting` FlushAcks, Paxos phase 1; `accepting`, phase 2; `installing` the decided
 * view), `joining` (outside the group, asking in) and `excluded` (left out of the decided view).
 */
export const member = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    installInitialView: kit.step(({ context, out }) => {
      out.observe('view', { view: 0, members: [...context.view!.members] });
    }),
    askToJoin: kit.step(({ context, out }) => {
      out.send(others(context.n, context.self), { type: 'Join' });
    }),
    recordMulticast: kit.on('multicast', ({ event, out }) => {
      out.observe('multicast', { msg: event.id });
    }),
    // The member stops sending in its view (it coordinates or answers the view's first flush):
    // what it multicasts from now on is held back until the next view it installs.
    recordFlush: kit.step(({ context, out }) => {
      out.observe('flush', { view: context.view!.id });
    }),
    holdMulticast: kit.on('multicast', ({ context, event }) => ({
      queued: [...context.queued, event.id],
    })),
    sendMulticast: kit.on('multicast', ({ context, event, out }) =>
      sendMulticast(context, event.id, out),
    ),
    sequenceData: kit.on('Data', ({ context, event, out }) => sequence(context, event.id, out)),
    deliverSeq: kit.on('Seq', ({ context, event, out }) => {
      out.observe('deliver', { msg: event.id, view: context.view!.id });
      return {
        delivered: [...context.delivered, event.id],
        pending: context.pending.filter((p) => p !== event.id),
      };
    }),
    noteJoin: kit.on('Join', ({ context, event }) => ({
      joins: addSorted(context.joins, event.from),
    })),
    noteLeave: kit.on('Leave', ({ context, event }) => ({
      departed: context.departed.map((v, k) => (k === event.from ? Math.max(v, event.view) : v)),
    })),
    // Observed, so that a liveness property can tell a wrong suspicion among survivors (which
    // may block a view change for good: nobody withdraws one) from a protocol that hangs.
    noteSuspicion: kit.on('suspect', ({ context, event, out }) => {
      out.observe('suspect', { suspect: event.node });
      return { suspected: addSorted(context.suspected, event.node) };
    }),
    // Everyone hears of it, not only the view: a node still in an older view must not take a
    // later incarnation of this one for it.
    announceLeave: kit.on('leave', ({ context, out }) => {
      if (context.view !== null) {
        out.send(others(context.n, context.self), {
          type: 'Leave',
          view: context.view.id,
        });
      }
    }),
    // Phase 1a: a ballot higher than any answered; the expected members are asked to flush.
    startFlush: kit.step(({ context, out }) => {
      const number = nextBallot(context);
      out.send(othersIn(expectedMembers(context), context.self), {
        type: 'Flush',
        view: context.view!.id,
        ballot: number,
      });
      return {
        promised: number,
        ballot: { number, reports: [ownReport(context)], proposal: null, accepted: [] },
      };
    }),
    // Phase 1b, member side: promise the ballot, stop sending, report. A lower ballot of its own is
    // abandoned: its coordinator now follows the higher one.
    answerFlush: kit.on('Flush', ({ context, event, out }) => {
      const { delivered, pending, accepted } = ownReport(context);
      out.send(event.from, {
        type: 'FlushAck',
        view: event.view,
        ballot: event.ballot,
        delivered,
        pending,
        accepted,
      });
      return { promised: event.ballot, ballot: null };
    }),
    noteFlushAck: kit.on('FlushAck', ({ context, event }) => {
      const { from, delivered, pending, accepted } = event;
      const ballot = context.ballot!;
      return {
        ballot: { ...ballot, reports: [...ballot.reports, { from, delivered, pending, accepted }] },
      };
    }),
    // Phase 2a: the next view and what the old one delivers. Paxos: a proposal some member
    // accepted may have been decided, so it is kept; otherwise the flush reports decide.
    proposeNextView: kit.step(({ context, out }) => {
      const ballot = context.ballot!;
      const view = context.view!;
      const expected = expectedMembers(context);
      const reported = ballot.reports.map((r) => r.from);
      const sequencer = sequencerOf(view);
      const proposal = adoptedProposal(ballot.reports) ?? {
        members: [...expected, ...newcomers(context)].sort((a, b) => a - b),
        deliver: agreedDeliveries(
          ballot.reports,
          out.check('sequenceComplete', { reported, sequencer }),
        ),
      };
      out.send(othersIn(expected, context.self), {
        type: 'Accept',
        view: view.id,
        ballot: ballot.number,
        proposal,
      });
      return {
        accepted: { ballot: ballot.number, ...proposal },
        ballot: { ...ballot, proposal, accepted: [context.self] },
      };
    }),
    // Phase 2b, member side: accept the proposal, which a later coordinator will then adopt.
    acceptProposal: kit.on('Accept', ({ event, out }) => {
      out.send(event.from, { type: 'Accepted', view: event.view, ballot: event.ballot });
      return {
        promised: event.ballot,
        accepted: { ballot: event.ballot, ...event.proposal },
        ballot: null,
      };
    }),
    // The tally of phase 2 (asking `keepsTally`, so a variant can instead restart phase 2 on every
    // acceptance: forget who accepted and ask the acceptor again with the same Accept).
    noteAccepted: kit.on('Accepted', ({ context, event, out }) => {
      const ballot = context.ballot!;
      if (out.check('keepsTally', { from: event.from })) {
        return { ballot: { ...ballot, accepted: addSorted(ballot.accepted, event.from) } };
      }
      out.send(event.from, {
        type: 'Accept',
        view: context.view!.id,
        ballot: ballot.number,
        proposal: ballot.proposal!,
      });
      return { ballot: { ...ballot, accepted: [context.self] } };
    }),
    // Decided: tell the next view's other members.
    announceNewView: kit.step(({ context, out }) => {
      const view = context.view!;
      const { number, proposal } = context.ballot!;
      out.send(othersIn(proposal!.members, context.self), {
        type: 'NewView',
        previous: view.id,
        view: { id: view.id + 1, members: proposal!.members },
        deliver: proposal!.deliver,
        ballot: number,
      });
    }),
    installDecidedView: kit.step(({ context, out }) => {
      const { members, deliver } = context.ballot!.proposal!;
      return installView(context, { id: context.view!.id + 1, members }, deliver, out);
    }),
    leaveDecidedView: kit.step(() => ({ view: null, ballot: null })),
    installNewView: kit.on('NewView', ({ context, event, out }) =>
      installView(context, event.view, event.deliver, out),
    ),
  },
  guards: {
    isInitialMember: ({ context }) => context.view !== null,
    isSequencing: kit.when('Data', ({ context, event }) => {
      const mine = context.view!;
      return (
        mine.id === event.view &&
        sequencerOf(mine) === context.self &&
        !hasLeft(context, event.from)
      );
    }),
    isNextInOrder: kit.when(
      'Seq',
      ({ context, event }) =>
        context.view!.id === event.view &&
        event.seq === context.delivered.length + 1 &&
        !hasLeft(context, event.from),
    ),
    // A node already in the view asks again only as a new incarnation, after its Leave.
    isNewJoin: kit.when('Join', ({ context, event }) => {
      if (context.joins.includes(event.from)) return false;
      return !context.view!.members.includes(event.from) || hasLeft(context, event.from);
    }),
    isNewLeave: kit.when(
      'Leave',
      ({ context, event }) => event.view > context.departed[event.from]!,
    ),
    // The failure detector suspects only a node this member waits for, which depends on its phase.
    waitsForSequencerOrCoordinator: kit.when('suspect', ({ context, event }) =>
      awaitedInView(context).includes(event.node),
    ),
    waitsForCoordinator: kit.when('suspect', ({ context, event }) =>
      awaitedWhileFlushing(context).includes(event.node),
    ),
    waitsForFlushAck: kit.when('suspect', ({ context, event }) =>
      missingReports(context).includes(event.node),
    ),
    waitsForAccepted: kit.when('suspect', ({ context, event }) =>
      missingAcceptances(context).includes(event.node),
    ),
    // Paxos' promise: answer only a ballot higher than any answered, and not from a member that
    // left (a later incarnation of it remembers nothing it promised).
    isHigherBallot: kit.when(
      'Flush',
      ({ context, event }) =>
        context.view!.id === event.view &&
        event.ballot > context.promised &&
        !hasLeft(context, event.from),
    ),
    // Only the ballot it promised: FIFO delivers a ballot's Flush before its Accept, so any other
    // Accept was meant for a past incarnation of this node.
    isAcceptable: kit.when(
      'Accept',
      ({ context, event }) =>
        context.view!.id === event.view &&
        event.ballot === context.promised &&
        !hasLeft(context, event.from),
    ),
    isMyFlushAck: kit.when('FlushAck', ({ context, event }) => {
      const mine = context.ballot;
      return (
        mine !== null &&
        mine.number === event.ballot &&
        context.view!.id === event.view &&
        !mine.reports.some((r) => r.from === event.from) &&
        !hasLeft(context, event.from)
      );
    }),
    isMyAccepted: kit.when('Accepted', ({ context, event }) => {
      const mine = context.ballot;
      return (
        mine !== null &&
        mine.number === event.ballot &&
        context.view!.id === event.view &&
        !mine.accepted.includes(event.from) &&
        !hasLeft(context, event.from)
      );
    }),
    // The decision on its view's successor, as it accepted it (so not one meant for a past
    // incarnation of this node, which reported and accepted in its place).
    followsMyView: kit.when(
      'NewView',
      ({ context, event }) =>
        context.view!.id === event.previous &&
        event.view.members.includes(context.self) &&
        context.accepted?.ballot === event.ballot,
    ),
    admitsMe: kit.when('NewView', ({ context, event }) =>
      event.view.members.includes(context.self),
    ),
    // Ricciardi & Birman: the lowest member not suspected coordinates, when the view must change.
    shouldCoordinate: ({ context }) => shouldCoordinate(context),
    // Phase 1 ends when every member it expects has reported (its own report included).
    flushComplete: ({ context }) => {
      const reported = context.ballot!.reports.map((r) => r.from);
      return expectedMembers(context).every((m) => reported.includes(m));
    },
    // Decided once a majority accepted; it waits for the other trusted members to accept too.
    acceptedByAwaited: ({ context }) => {
      const accepted = context.ballot!.accepted;
      return awaitedAcceptors(context).every((m) => accepted.includes(m));
    },
    excludesMe: ({ context }) => !context.ballot!.proposal!.members.includes(context.self),
    isMissing: (_, params: { id: string; delivered: readonly string[] }) =>
      !params.delivered.includes(params.id),
    // Only a majority of the view decides its successor (so there is one primary view).
    isMajority: ({ context }, params: { nodes: 'expected' | 'accepted' }) =>
      isMajority({
        nodes: params.nodes === 'expected' ? expectedMembers(context) : context.ballot!.accepted,
        of: context.view!.members,
      }),
    sequenceComplete: (_, params: { reported: readonly number[]; sequencer: number }) =>
      params.reported.includes(params.sequencer),
    // Every multicast held back during the flush leaves in the new view.
    sendsHeldBack: (_, _params: { id: string }) => true,
    // Every acceptance counts towards the decision.
    keepsTally: (_, _params: { from: number }) => true,
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
        NewView: { guard: 'admitsMe', target: 'normal', actions: 'installNewView' },
        Leave: { guard: 'isNewLeave', actions: 'noteLeave' },
      },
    },
    // In a view: multicasts go through the sequencer; a reason to change the view (a suspicion,
    // a Leave, a Join) makes the coordinator start the flush, if it still has a majority.
    normal: {
      always: {
        guard: and(['shouldCoordinate', expectedAreMajority]),
        target: 'viewChange.coordinating',
        actions: 'startFlush',
      },
      on: {
        multicast: { actions: ['recordMulticast', 'sendMulticast'] },
        Data: { guard: 'isSequencing', actions: 'sequenceData' },
        Seq: { guard: 'isNextInOrder', actions: 'deliverSeq' },
        Join: { guard: 'isNewJoin', actions: 'noteJoin' },
        Leave: { guard: 'isNewLeave', actions: 'noteLeave' },
        suspect: { guard: 'waitsForSequencerOrCoordinator', actions: 'noteSuspicion' },
        Flush: { guard: 'isHigherBallot', target: 'viewChange.flushing', actions: 'answerFlush' },
        leave: { actions: 'announceLeave' },
      },
    },
    // A view change: the member has stopped sending (multicasts wait for the next view).
    viewChange: {
      initial: 'flushing',
      entry: 'recordFlush',
      on: {
        multicast: { actions: ['recordMulticast', 'holdMulticast'] },
        Join: { guard: 'isNewJoin', actions: 'noteJoin' },
        Leave: { guard: 'isNewLeave', actions: 'noteLeave' },
        Flush: { guard: 'isHigherBallot', target: '.flushing', actions: 'answerFlush' },
        Accept: { guard: 'isAcceptable', target: '.flushing.accepted', actions: 'acceptProposal' },
        NewView: { guard: 'followsMyView', target: 'normal', actions: 'installNewView' },
        leave: { actions: 'announceLeave' },
      },
      states: {
        // Member side: it answered a coordinator's Flush, then accepted its proposal. If that
        // coordinator is suspected, the next one takes over with a higher ballot.
        flushing: {
          initial: 'answered',
          always: {
            guard: and(['shouldCoordinate', expectedAreMajority]),
            target: 'coordinating',
            actions: 'startFlush',
          },
          on: {
            suspect: { guard: 'waitsForCoordinator', actions: 'noteSuspicion' },
          },
          states: {
            answered: {},
            accepted: {},
          },
        },
        // Coordinator side: Paxos over the view's successor.
        coordinating: {
          initial: 'collecting',
          states: {
            collecting: {
              always: {
                guard: and([expectedAreMajority, 'flushComplete']),
                target: 'accepting',
                actions: 'proposeNextView',
              },
              on: {
                FlushAck: { guard: 'isMyFlushAck', actions: 'noteFlushAck' },
                suspect: { guard: 'waitsForFlushAck', actions: 'noteSuspicion' },
              },
            },
            accepting: {
              always: {
                guard: and([acceptedByMajority, 'acceptedByAwaited']),
                target: 'installing',
              },
              on: {
                Accepted: { guard: 'isMyAccepted', actions: 'noteAccepted' },
                suspect: { guard: 'waitsForAccepted', actions: 'noteSuspicion' },
              },
            },
            installing: {
              entry: 'announceNewView',
              always: [
                { guard: 'excludesMe', target: '#vs-member.excluded', actions: 'leaveDecidedView' },
                { target: '#vs-member.normal', actions: 'installDecidedView' },
              ],
            },
          },
        },
      },
    },
    // Left out of the view it decided: it keeps no view, and its multicasts go nowhere.
    excluded: {
      on: { multicast: { actions: ['recordMulticast', 'holdMulticast'] } },
    },
  },
});
