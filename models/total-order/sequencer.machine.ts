/**
 * Fixed-sequencer total-order multicast, "broadcast-broadcast" flavour.
 *
 * Source: Défago, Schiper, Urbán, "Total order broadcast and multicast algorithms: Taxonomy and
 * survey", ACM Computing Surveys 36(4), 2004, section 4.1 (fixed sequencer, BB variant). The
 * origin sends `Data` to every member; member 0, the sequencer, numbers each message once and
 * sends `Order(id, seq)` to every member; a member delivers message number k once it holds both
 * its `Data` and `Order`, and has delivered 1..k-1. Origins retransmit undelivered messages on a
 * timeout, so receivers suppress duplicates.
 *
 * Simplified: a static group over reliable FIFO channels, no crash of the sequencer (that needs the
 * view changes of the virtual-synchrony model). Properties: properties/total-order.ts and friends.
 */
import { enqueueActions, setup } from 'xstate';
import { effects, everyone } from '../kernel/effects.ts';
import type { Data, MemberInput, Multicast, Order, Timeout } from './messages.ts';

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
  /** Message ids in sequence order, as the sequencer's `Order`s arrived. */
  readonly order: readonly string[];
  /** Delivered message ids, in delivery order. */
  readonly delivered: readonly string[];
  /** This member's own multicasts not yet delivered here (retransmitted on timeout). */
  readonly pending: readonly string[];
}

/** The sequencer that numbers messages. */
export const SEQUENCER = 0;

type Event = Multicast | Data | Order | Timeout;

/** The fixed-sequencer member machine (every member runs it; member 0 also sequences). */
export const sequencerMember = setup({
  types: {
    context: {} as SequencerContext,
    events: {} as Event,
    input: {} as MemberInput,
  },
  actions: {
    ...effects,
    recordMulticast: enqueueActions(({ context, event, enqueue }) => {
      const { id } = event as Multicast;
      enqueue({ type: 'observe', params: { kind: 'multicast', msg: id } });
      enqueue.assign({ pending: [...context.pending, id] });
    }),
    broadcastData: enqueueActions(({ context, event, enqueue }) => {
      enqueue({
        type: 'send',
        params: { to: everyone(context.n), msg: { type: 'Data', id: (event as Multicast).id } },
      });
    }),
    storeData: enqueueActions(({ context, event, enqueue }) => {
      enqueue.assign({ received: [...context.received, (event as Data).id] });
    }),
    assignSequence: enqueueActions(({ context, event, enqueue }) => {
      const msg = { type: 'Order', id: (event as Data).id, seq: context.nextSeq };
      enqueue({ type: 'send', params: { to: everyone(context.n), msg } });
      enqueue.assign({ nextSeq: context.nextSeq + 1 });
    }),
    storeOrder: enqueueActions(({ context, event, enqueue }) => {
      const { id, seq } = event as Order;
      const order = [...context.order];
      order[seq - 1] = id;
      enqueue.assign({ order });
    }),
    // Deliver received messages while one of them is the next in sequence order.
    // (`check` resolves the guard by name, so a variant can swap `isNextInOrder` alone.)
    deliverReady: enqueueActions(({ context, enqueue, check }) => {
      const delivered = [...context.delivered];
      let received = context.received;
      for (let progress = true; progress;) {
        progress = false;
        for (const id of received) {
          if (!check({ type: 'isNextInOrder', params: { id, count: delivered.length } } as never))
            continue;
          received = received.filter((_, i) => i !== received.indexOf(id));
          delivered.push(id);
          enqueue({ type: 'observe', params: { kind: 'deliver', msg: id } });
          progress = true;
          break;
        }
      }
      const pending = context.pending.filter((id) => !delivered.includes(id));
      enqueue.assign({ delivered, received, pending });
    }),
    retransmit: enqueueActions(({ context, enqueue }) => {
      for (const id of context.pending) {
        enqueue({ type: 'send', params: { to: everyone(context.n), msg: { type: 'Data', id } } });
      }
    }),
  },
  guards: {
    isDuplicate: ({ context, event }) => {
      const { id } = event as Data;
      return context.received.includes(id) || context.delivered.includes(id);
    },
    isSequencer: ({ context }) => context.self === SEQUENCER,
    hasPending: ({ context }) => context.pending.length > 0,
    isNextInOrder: ({ context }, params: { id: string; count: number }) =>
      context.order[params.count] === params.id,
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
  }),
  initial: 'member',
  states: {
    member: {
      on: {
        multicast: { actions: ['recordMulticast', 'broadcastData'] },
        Data: [
          { guard: 'isDuplicate' },
          { guard: 'isSequencer', actions: ['storeData', 'assignSequence', 'deliverReady'] },
          { actions: ['storeData', 'deliverReady'] },
        ],
        Order: { actions: ['storeOrder', 'deliverReady'] },
        timeout: { guard: 'hasPending', actions: 'retransmit' },
      },
    },
  },
});
