/**
 * Fixed-sequencer total-order multicast, "broadcast-broadcast" flavour, reliable over lossy
 * channels.
 *
 * Source: Défago, Schiper, Urbán, "Total order broadcast and multicast algorithms: Taxonomy and
 * survey", ACM Computing Surveys 36(4), 2004, section 4.1 (fixed sequencer, BB variant). The
 * origin sends `Data` to every member; member 0, the sequencer, numbers each message once and
 * sends `Order(id, seq)` to every other member; a member delivers message number k once it holds
 * both its `Data` and `Order`, and has delivered 1..k-1.
 *
 * Loss: the survey assumes reliable channels; over lossy ones this model retransmits the way
 * Kaashoek's Amoeba broadcast does (Kaashoek, Tanenbaum et al., "An efficient reliable broadcast
 * protocol", ACM SIGOPS OSR 23(4), 1989): the sequencer keeps every message it numbered (its history
 * buffer) and each member's cumulative acknowledgement (`OrderAck(count)`: "I have delivered the
 * first `count`"); on its timeout it resends the `Data` and `Order` of every message a member has
 * not acknowledged. An origin resends the `Data` of its own messages on its timeout until it sees
 * their `Order` (Amoeba's sender waits for its own message's number), and the sequencer answers a
 * `Data` it has already numbered with its `Order` again. Receivers suppress duplicate `Data` and acknowledge an `Order` they already delivered
 * again (their first acknowledgement may be lost).
 *
 * Simplified: a static group, no crash of the sequencer (that needs the view changes of the
 * virtual-synchrony model); the sequencer records its own numbering directly, and trims no history
 * buffer. Properties: properties/total-order.ts and friends.
 */
import { setup } from 'xstate';
import { everyone, others } from '../kernel/effects.ts';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import type { Data, MemberInput, Multicast, Order, OrderAck, Timeout } from './messages.ts';

/** A sequencer-algorithm member's state. */
export interface SequencerContext {
  /** This member's index. */
  readonly self: number;
  /** Group size. */
  readonly n: number;
  /** The sequencer's next number to hand out (only member 0 uses it). */
  readonly nextSeq: number;
  /** Messages received (their `Data`) and not yet delivered. */
  readonly received: readonly string[];
  /**
   * Message ids in sequence order (entry k-1 is message number k), as the `Order`s arrived; a
   * number whose `Order` has not arrived yet is `null` (never a hole: the context is JSON).
   */
  readonly order: readonly (string | null)[];
  /** Delivered message ids, in delivery order. */
  readonly delivered: readonly string[];
  /**
   * This member's own multicasts the sequencer has not numbered yet, as far as this member knows
   * (their `Data` is resent on timeout until their `Order` arrives).
   */
  readonly pending: readonly string[];
  /**
   * The sequencer's view of each member's cumulative acknowledgement: how many messages, in
   * sequence order, member q has said it delivered (empty at every other member).
   */
  readonly acked: readonly number[];
}

/** The sequencer that numbers messages. */
export const SEQUENCER = 0;

const kit = roleKit<{
  context: SequencerContext;
  events: Multicast | Data | Order | OrderAck | Timeout;
  sends: Outgoing<Data | Order | OrderAck>;
  guards: 'isNextInOrder' | 'isLagging' | 'resendsData';
  input: MemberInput;
}>();

/** The order list with message `id` as number `seq`, padded with `null` up to it. */
export function withOrder(
  order: readonly (string | null)[],
  seq: number,
  id: string,
): (string | null)[] {
  const next = [...order];
  while (next.length < seq) next.push(null);
  next[seq - 1] = id;
  return next;
}

/**
 * How many messages, in sequence order, this member has delivered: the longest prefix of `order`
 * it delivered (what it acknowledges; with correct delivery, every message it delivered).
 */
export function deliveredInOrder(context: SequencerContext): number {
  let count = 0;
  while (count < context.order.length) {
    const id = context.order[count];
    if (id === null || id === undefined || !context.delivered.includes(id)) break;
    count++;
  }
  return count;
}

/** Whether the sequencer still waits for member `q`'s acknowledgement of some numbered message. */
export function lagging(context: SequencerContext, q: number): boolean {
  return q !== context.self && (context.acked[q] ?? 0) < context.nextSeq - 1;
}

/** The fixed-sequencer member machine (every member runs it; member 0 also sequences). */
export const sequencerMember = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    recordMulticast: kit.on('multicast', ({ context, event, out }) => {
      out.observe('multicast', { msg: event.id });
      return { pending: [...context.pending, event.id] };
    }),
    broadcastData: kit.on('multicast', ({ context, event, out }) => {
      out.send(everyone(context.n), { type: 'Data', id: event.id });
    }),
    storeData: kit.on('Data', ({ context, event }) => ({
      received: [...context.received, event.id],
    })),
    assignSequence: kit.on('Data', ({ context, event, out }) => {
      const seq = context.nextSeq;
      out.send(others(context.n, context.self), { type: 'Order', id: event.id, seq });
      return {
        nextSeq: seq + 1,
        order: withOrder(context.order, seq, event.id),
        pending: context.pending.filter((id) => id !== event.id),
      };
    }),
    storeOrder: kit.on('Order', ({ context, event }) => ({
      order: withOrder(context.order, event.seq, event.id),
      pending: context.pending.filter((id) => id !== event.id),
    })),
    // Deliver received messages while one of them is the next in sequence order, then tell the
    // sequencer how far this member has got. (`out.check` asks the guard by name, so a variant can
    // swap `isNextInOrder` alone.)
    deliverReady: kit.step(({ context, out }) => {
      const delivered = [...context.delivered];
      let received = context.received;
      for (let progress = true; progress;) {
        progress = false;
        for (const id of received) {
          if (!out.check('isNextInOrder', { id, count: delivered.length })) continue;
          received = received.filter((_, i) => i !== received.indexOf(id));
          delivered.push(id);
          out.observe('deliver', { msg: id });
          progress = true;
          break;
        }
      }
      const count = deliveredInOrder({ ...context, delivered });
      if (count > deliveredInOrder(context) && context.self !== SEQUENCER) {
        out.send(SEQUENCER, { type: 'OrderAck', count });
      }
      return { delivered, received };
    }),
    acknowledgeAgain: kit.on('Order', ({ context, out }) => {
      out.send(SEQUENCER, { type: 'OrderAck', count: deliveredInOrder(context) });
    }),
    // The sequencer answers a resent `Data` it has already numbered with its `Order`, so that an
    // origin whose `Order` was lost stops resending.
    answerDuplicate: kit.on('Data', ({ context, event, out }) => {
      const seq = context.order.indexOf(event.id) + 1;
      if (context.self === SEQUENCER && seq > 0 && event.from !== context.self) {
        out.send(event.from, { type: 'Order', id: event.id, seq });
      }
    }),
    noteAck: kit.on('OrderAck', ({ context, event }) => ({
      acked: context.acked.map((a, q) => (q === event.from ? Math.max(a, event.count) : a)),
    })),
    resendData: kit.on('timeout', ({ context, out }) => {
      for (const id of context.pending) out.send(everyone(context.n), { type: 'Data', id });
    }),
    // The sequencer's history buffer: every message a member has not acknowledged, again, its
    // `Data` with its `Order` (the member may have lost either). (`isLagging` and `resendsData`
    // are asked by name, so a variant can swap either alone.)
    resendOrders: kit.on('timeout', ({ context, out }) => {
      for (let q = 0; q < context.acked.length; q++) {
        if (!out.check('isLagging', { q })) continue;
        for (let seq = context.acked[q]! + 1; seq < context.nextSeq; seq++) {
          const id = context.order[seq - 1]!;
          if (out.check('resendsData', { q })) out.send(q, { type: 'Data', id });
          out.send(q, { type: 'Order', id, seq });
        }
      }
    }),
  },
  guards: {
    isDuplicate: kit.when(
      'Data',
      ({ context, event }) =>
        context.received.includes(event.id) || context.delivered.includes(event.id),
    ),
    isDelivered: kit.when('Order', ({ context, event }) => event.seq <= deliveredInOrder(context)),
    isSequencer: ({ context }) => context.self === SEQUENCER,
    hasUnacknowledged: ({ context }) =>
      context.pending.length > 0 || context.acked.some((_, q) => lagging(context, q)),
    isNextInOrder: ({ context }, params: { id: string; count: number }) =>
      context.order[params.count] === params.id,
    isLagging: ({ context }, params: { q: number }) => lagging(context, params.q),
    resendsData: (_, _params: { q: number }) => true,
  },
}).createMachine({
  id: 'sequencer-member',
  context: ({ input }) => ({
    self: input.self,
    n: input.n,
    nextSeq: 1,
    received: [],
    order: [],
    delivered: [],
    pending: [],
    acked: input.self === SEQUENCER ? Array.from({ length: input.n }, () => 0) : [],
  }),
  initial: 'member',
  states: {
    member: {
      on: {
        multicast: { actions: ['recordMulticast', 'broadcastData'] },
        Data: [
          { guard: 'isDuplicate', actions: 'answerDuplicate' },
          { guard: 'isSequencer', actions: ['storeData', 'assignSequence', 'deliverReady'] },
          { actions: ['storeData', 'deliverReady'] },
        ],
        Order: [
          { guard: 'isDelivered', actions: 'acknowledgeAgain' },
          { actions: ['storeOrder', 'deliverReady'] },
        ],
        OrderAck: { actions: 'noteAck' },
        timeout: { guard: 'hasUnacknowledged', actions: ['resendData', 'resendOrders'] },
      },
    },
  },
});
