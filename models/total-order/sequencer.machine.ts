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
import { setup } from 'xstate';
import { everyone } from '../kernel/effects.ts';
import { roleKit, type Outgoing } from '../kernel/step.ts';
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

const kit = roleKit<{
  context: SequencerContext;
  events: Multicast | Data | Order | Timeout;
  sends: Outgoing<Data | Order>;
  guards: 'isNextInOrder';
  input: MemberInput;
}>();

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
      out.send(everyone(context.n), { type: 'Order', id: event.id, seq: context.nextSeq });
      return { nextSeq: context.nextSeq + 1 };
    }),
    storeOrder: kit.on('Order', ({ context, event }) => {
      const order = [...context.order];
      order[event.seq - 1] = event.id;
      return { order };
    }),
    // Deliver received messages while one of them is the next in sequence order.
    // (`out.check` asks the guard by name, so a variant can swap `isNextInOrder` alone.)
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
      const pending = context.pending.filter((id) => !delivered.includes(id));
      return { delivered, received, pending };
    }),
    retransmit: kit.on('timeout', ({ context, out }) => {
      for (const id of context.pending) out.send(everyone(context.n), { type: 'Data', id });
    }),
  },
  guards: {
    isDuplicate: kit.when(
      'Data',
      ({ context, event }) =>
        context.received.includes(event.id) || context.delivered.includes(event.id),
    ),
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
