/**
 * Communication-history total-order multicast with Lamport timestamps.
 *
 * Source: Lamport, "Time, clocks, and the ordering of events in a distributed system", CACM 21(7),
 * 1978; classified by Défago, Schiper, Urbán (ACM Computing Surveys 36(4), 2004, section 4.4) as
 * a communication-history algorithm. Each message is stamped with its origin's logical clock; a
 * member delivers the pending message with the smallest (stamp, origin) once it has heard, from
 * every member, something stamped at least as late: over FIFO channels nothing smaller can still
 * arrive. Receivers broadcast an `Ack` carrying their clock so that everyone hears from everyone.
 *
 * Simplified: a static group over reliable FIFO channels, no crashes (one silent member blocks
 * delivery: that is the algorithm's known price). Properties: properties/total-order.ts and friends.
 */
import { setup } from 'xstate';
import { others } from '../kernel/effects.ts';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import type { Ack, MemberInput, Msg, Multicast } from './messages.ts';

/** A message waiting to be delivered, with its stamp and origin. */
export interface Stamped {
  /** Message id. */
  readonly id: string;
  /** The origin's clock when it multicast the message. */
  readonly ts: number;
  /** The origin's index (breaks ties between equal stamps). */
  readonly origin: number;
}

/** A Lamport-algorithm member's state. */
export interface LamportContext {
  /** This member's index. */
  readonly self: number;
  /** Group size. */
  readonly n: number;
  /** Lamport clock. */
  readonly clock: number;
  /** The latest stamp heard from each member (this member's own entry is unused: its clock). */
  readonly heard: readonly number[];
  /** Messages received and not delivered, sorted by (ts, origin). */
  readonly pending: readonly Stamped[];
  /** Delivered message ids, in delivery order. */
  readonly delivered: readonly string[];
}

/** Inserts keeping (ts, origin) order. */
function insert(pending: readonly Stamped[], m: Stamped): Stamped[] {
  const at = pending.findIndex((p) => p.ts > m.ts || (p.ts === m.ts && p.origin > m.origin));
  return at < 0 ? [...pending, m] : [...pending.slice(0, at), m, ...pending.slice(at)];
}

/** Whether every other member has been heard from at stamp `ts` or later. */
export function heardFromAll(context: LamportContext, ts: number): boolean {
  return context.heard.every((h, q) => q === context.self || h >= ts);
}

const kit = roleKit<{
  context: LamportContext;
  events: Multicast | Msg | Ack;
  sends: Outgoing<Msg | Ack>;
  guards: 'stableHead';
  input: MemberInput;
}>();

/** The Lamport member machine. */
export const lamportMember = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    stampAndBroadcast: kit.on('multicast', ({ context, event, out }) => {
      const clock = context.clock + 1;
      out.observe('multicast', { msg: event.id });
      out.send(others(context.n, context.self), { type: 'Msg', id: event.id, ts: clock });
      return {
        clock,
        pending: insert(context.pending, { id: event.id, ts: clock, origin: context.self }),
      };
    }),
    storeAndAck: kit.on('Msg', ({ context, event, out }) => {
      const { id, ts, from } = event;
      const clock = Math.max(context.clock, ts) + 1;
      const heard = context.heard.map((h, q) => (q === from ? Math.max(h, ts) : h));
      out.send(others(context.n, context.self), { type: 'Ack', ts: clock });
      return { clock, heard, pending: insert(context.pending, { id, ts, origin: from }) };
    }),
    noteAck: kit.on('Ack', ({ context, event }) => ({
      heard: context.heard.map((h, q) => (q === event.from ? Math.max(h, event.ts) : h)),
    })),
    // Deliver the smallest pending message while no smaller one can still arrive from anyone.
    // (`out.check` asks the guard by name, so a variant can swap `stableHead` alone.)
    deliverReady: kit.step(({ context, out }) => {
      let pending = context.pending;
      const delivered = [...context.delivered];
      while (pending.length > 0 && out.check('stableHead', { ts: pending[0]!.ts })) {
        const head = pending[0]!;
        pending = pending.slice(1);
        delivered.push(head.id);
        out.observe('deliver', { msg: head.id });
      }
      return { pending, delivered };
    }),
  },
  guards: {
    isDuplicate: kit.when(
      'Msg',
      ({ context, event }) =>
        context.delivered.includes(event.id) || context.pending.some((p) => p.id === event.id),
    ),
    stableHead: ({ context }, params: { ts: number }) => heardFromAll(context, params.ts),
  },
}).createMachine({
  id: 'lamport-member',
  context: ({ input }) => ({
    self: input.self,
    n: input.n,
    clock: 0,
    heard: Array.from({ length: input.n }, () => 0),
    pending: [],
    delivered: [],
  }),
  initial: 'member',
  states: {
    member: {
      on: {
        multicast: { actions: ['stampAndBroadcast', 'deliverReady'] },
        Msg: [{ guard: 'isDuplicate' }, { actions: ['storeAndAck', 'deliverReady'] }],
        Ack: { actions: ['noteAck', 'deliverReady'] },
      },
    },
  },
});
