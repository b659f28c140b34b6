/**
 * Communication-history total-order multicast with Lamport timestamps, over a reliable FIFO stream
 * built on lossy channels.
 *
 * Source: Lamport, "Time, clocks, and the ordering of events in a distributed system", CACM 21(7),
 * 1978; classified by Défago, Schiper, Urbán (ACM Computing Surveys 36(4), 2004, section 4.4) as
 * a communication-history algorithm. Each message is stamped with its origin's logical clock; a
 * member delivers the pending message with the smallest (stamp, origin) once it has heard, from
 * every member, something stamped at least as late: over FIFO channels nothing smaller can still
 * arrive. Receivers broadcast an `Ack` carrying their clock so that everyone hears from everyone.
 *
 * Loss: the algorithm needs reliable FIFO channels, which this model builds the textbook way
 * (sequence numbers, cumulative positive acknowledgements, retransmission on a timer: go-back-N,
 * as in Tanenbaum's Computer Networks, section 3.4). Everything a member sends (`Msg` and `Ack`)
 * is one stream to every other member, entry `k` numbered 1, 2, …; a receiver takes entry `k` only
 * when it has taken every earlier one (a later entry after a loss waits for the retransmission),
 * answers every entry with `Got(k)` for the last entry it has, and ignores entries it already has;
 * the sender resends, on its timeout, every entry a member has not confirmed.
 *
 * Simplified: a static group, no crashes (one silent member blocks delivery: that is the
 * algorithm's known price); the stream keeps every entry. Properties: properties/total-order.ts and
 * friends.
 */
import { setup } from 'xstate';
import { others } from '../kernel/effects.ts';
import { roleKit, type Outgoing } from '../kernel/step.ts';
import type { Ack, Got, MemberInput, Msg, Multicast, Timeout } from './messages.ts';

/** A message waiting to be delivered, with its stamp and origin. */
export interface Stamped {
  /** Message id. */
  readonly id: string;
  /** The origin's clock when it multicast the message. */
  readonly ts: number;
  /** The origin's index (breaks ties between equal stamps). */
  readonly origin: number;
}

/** An entry of a member's outgoing stream, as sent (its place in the stream is its index + 1). */
export type StreamEntry = Outgoing<Msg> | Outgoing<Ack>;

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
  /** Everything this member has sent, in order: its stream to every other member. */
  readonly stream: readonly StreamEntry[];
  /** For each member, how many entries of its stream this member has taken (own entry unused). */
  readonly taken: readonly number[];
  /** For each member, how many entries of this member's stream it has confirmed (own unused). */
  readonly confirmed: readonly number[];
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

/** Whether some member has not confirmed every entry of this member's stream. */
export function hasUnconfirmed(context: LamportContext): boolean {
  return context.confirmed.some((c, q) => q !== context.self && c < context.stream.length);
}

const kit = roleKit<{
  context: LamportContext;
  events: Multicast | Msg | Ack | Got | Timeout;
  sends: Outgoing<Msg | Ack | Got>;
  guards: 'stableHead';
  input: MemberInput;
}>();

/** The entry appended to the stream and sent to every other member. */
function broadcast(
  context: LamportContext,
  entry: StreamEntry,
  send: (to: number[], msg: StreamEntry) => void,
): StreamEntry[] {
  send(others(context.n, context.self), entry);
  return [...context.stream, entry];
}

/** The Lamport member machine. */
export const lamportMember = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    stampAndBroadcast: kit.on('multicast', ({ context, event, out }) => {
      const clock = context.clock + 1;
      out.observe('multicast', { msg: event.id });
      const k = context.stream.length + 1;
      const msg = { type: 'Msg', id: event.id, ts: clock, k } as const;
      return {
        clock,
        stream: broadcast(context, msg, (to, m) => out.send(to, m)),
        pending: insert(context.pending, { id: event.id, ts: clock, origin: context.self }),
      };
    }),
    take: kit.on(['Msg', 'Ack'], ({ context, event }) => ({
      taken: context.taken.map((t, q) => (q === event.from ? Math.max(t, event.k) : t)),
    })),
    confirm: kit.on(['Msg', 'Ack'], ({ context, event, out }) => {
      out.send(event.from, { type: 'Got', k: context.taken[event.from]! });
    }),
    storeAndAck: kit.on('Msg', ({ context, event, out }) => {
      const { id, ts, from } = event;
      const clock = Math.max(context.clock, ts) + 1;
      const heard = context.heard.map((h, q) => (q === from ? Math.max(h, ts) : h));
      const ack = { type: 'Ack', ts: clock, k: context.stream.length + 1 } as const;
      return {
        clock,
        heard,
        stream: broadcast(context, ack, (to, m) => out.send(to, m)),
        pending: insert(context.pending, { id, ts, origin: from }),
      };
    }),
    noteAck: kit.on('Ack', ({ context, event }) => ({
      heard: context.heard.map((h, q) => (q === event.from ? Math.max(h, event.ts) : h)),
    })),
    noteGot: kit.on('Got', ({ context, event }) => ({
      confirmed: context.confirmed.map((c, q) => (q === event.from ? Math.max(c, event.k) : c)),
    })),
    // Resend every entry a member has not confirmed, in stream order.
    resend: kit.on('timeout', ({ context, out }) => {
      context.confirmed.forEach((c, q) => {
        if (q === context.self) return;
        for (const entry of context.stream.slice(c)) out.send(q, entry);
      });
    }),
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
    // An entry of the sender's stream this member has already taken (a resend or a network copy).
    isDuplicate: kit.when(
      ['Msg', 'Ack'],
      ({ context, event }) => event.k <= context.taken[event.from]!,
    ),
    // A later entry after a lost one: taken only once the lost one is resent.
    isAhead: kit.when(
      ['Msg', 'Ack'],
      ({ context, event }) => event.k > context.taken[event.from]! + 1,
    ),
    hasUnconfirmed: ({ context }) => hasUnconfirmed(context),
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
    stream: [],
    taken: Array.from({ length: input.n }, () => 0),
    confirmed: Array.from({ length: input.n }, () => 0),
  }),
  initial: 'member',
  states: {
    member: {
      on: {
        multicast: { actions: ['stampAndBroadcast', 'deliverReady'] },
        Msg: [
          { guard: 'isDuplicate', actions: 'confirm' },
          { guard: 'isAhead' },
          { actions: ['take', 'confirm', 'storeAndAck', 'deliverReady'] },
        ],
        Ack: [
          { guard: 'isDuplicate', actions: 'confirm' },
          { guard: 'isAhead' },
          { actions: ['take', 'confirm', 'noteAck', 'deliverReady'] },
        ],
        Got: { actions: 'noteGot' },
        timeout: { guard: 'hasUnconfirmed', actions: 'resend' },
      },
    },
  },
});
