/**
 * A subscriber: subscribes to and unsubscribes from topics through its edge, and delivers each
 * event of a subscribed topic once, in the topic's order. A subscription takes effect when its
 * acknowledgement arrives (`Subscribed{from}`: the subscriber observes `subscribed` with the cut),
 * and ends when the unsubscription's acknowledgement has arrived and every event below its cut
 * (`Unsubscribed{until}`) has been delivered (it observes `unsubscribed`).
 *
 * Fail-over: a subscriber does not resend to an edge that stays silent (a request unacknowledged
 * when its timer fires: the edge crashed, is slow, or the request was lost); it re-attaches to the
 * next edge, an any-cast retry: it
 * subscribes there again to each topic from its acknowledged cut (`Subscribe{resume}`: the one
 * position the tree has confirmed, as a durable subscription is redelivered from its last
 * acknowledgement) and repeats its pending requests. The new edge replays the window, which
 * overlaps what the old edge delivered, so the subscriber drops an event it already delivered
 * (`isDuplicate`): at-least-once redelivery, exactly-once delivery.
 *
 * Source: the seed's publish-subscribe architecture (clients subscribe to a service and join a
 * group; servers push results to the group); re-attachment with a resume point as in durable
 * subscriptions (JMS 2.0, 6.11; MQTT 5.0 sessions, 4.1).
 */
import { setup } from 'xstate';
import { match } from 'ts-pattern';
import { roleKit } from '../kernel/step.ts';
import {
  isNext,
  newLinks,
  receiveOn,
  resendTo,
  sendOn,
  unacknowledged,
  takeAck,
  type Link,
  type LinkGuard,
  type LinkMessage,
} from './link.ts';
import type { Ack, NodeInput, Seg, SubscribeInput, Timeout, UnsubscribeInput } from './messages.ts';

/** One of the subscriber's subscriptions. */
export interface Subscription {
  /** The topic. */
  readonly topic: string;
  /** Whether its acknowledgement arrived. */
  readonly active: boolean;
  /** The acknowledged cut (where a re-attachment resumes). */
  readonly from: number;
  /** The next position to deliver (the cut `from`, then one past the last delivered). */
  readonly next: number;
  /** Whether it asked to unsubscribe. */
  readonly leaving: boolean;
  /** The unsubscription's cut, once acknowledged. */
  readonly until: number | null;
}

/** A subscriber's state. */
export interface SubscriberContext {
  /** The edges, in fail-over order. */
  readonly edges: readonly number[];
  /** The edge it is attached to. */
  readonly edge: number;
  /** The origin (the root of the tree). */
  readonly origin: number;
  /** How many times it failed over: its requests carry it, so the origin ignores stale ones. */
  readonly epoch: number;
  /** Its subscriptions (asked for, active or leaving). */
  readonly subs: readonly Subscription[];
  /** Its links, by peer. */
  readonly links: readonly Link[];
}

const kit = roleKit<{
  context: SubscriberContext;
  events: SubscribeInput | UnsubscribeInput | Seg | Ack | Timeout;
  sends: LinkMessage;
  guards: 'isDuplicate' | LinkGuard;
  input: NodeInput;
}>();

/** The subscriber machine. */
export const subscriber = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    subscribe: kit.on('subscribe', ({ context, event: { topic }, out }) => {
      out.observe('subscribe', { topic, path: [context.edge, context.origin] });
      const sub = { topic, active: false, from: 0, next: 0, leaving: false, until: null };
      const body = { type: 'Subscribe' as const, topic, resume: null, epoch: context.epoch };
      return {
        subs: [...context.subs, sub],
        links: sendOn(context.links, context.edge, body, out),
      };
    }),
    unsubscribe: kit.on('unsubscribe', ({ context, event: { topic }, out }) => {
      out.observe('unsubscribe', { topic });
      return {
        subs: context.subs.map((s) => (s.topic === topic ? { ...s, leaving: true } : s)),
        links: sendOn(
          context.links,
          context.edge,
          { type: 'Unsubscribe', topic, epoch: context.epoch },
          out,
        ),
      };
    }),
    acknowledge: kit.on('Seg', ({ context, event, out }) => ({
      links: receiveOn(context.links, event.from, event.k, out),
    })),
    handle: kit.on('Seg', ({ context, event, out }) => {
      let subs = context.subs;
      const update = (topic: string, f: (s: Subscription) => Subscription) => {
        subs = subs.map((s) => (s.topic === topic ? f(s) : s));
      };
      match(event.body)
        .with({ type: 'Subscribed' }, ({ topic, from, epoch }) =>
          update(topic, (s) => {
            // An answer to a re-attachment, or to a request a fail-over superseded.
            if (s.active || epoch !== context.epoch) return s;
            out.observe('subscribed', { topic, from });
            return { ...s, active: true, from, next: from };
          }),
        )
        .with({ type: 'Event' }, ({ event: e }) =>
          update(e.topic, (s) => {
            // Not subscribed yet, or before the cut (the answer to a request a fail-over
            // superseded, relayed by the edge that had it).
            if (!s.active || e.seq < s.from) return s;
            if (e.seq < s.next && out.check('isDuplicate', { seq: e.seq, next: s.next })) return s;
            if (e.seq > s.next) return s; // after a gap: the replay brings it in order
            out.observe('deliver', {
              event: e.id,
              topic: e.topic,
              seq: e.seq,
              publisher: e.publisher,
              k: e.k,
            });
            return { ...s, next: s.next + 1 };
          }),
        )
        .with({ type: 'Unsubscribed' }, ({ topic, until, epoch }) =>
          update(topic, (s) => (epoch === context.epoch ? { ...s, until: s.until ?? until } : s)),
        )
        .with({ type: 'Subscribe' }, { type: 'Unsubscribe' }, { type: 'Publish' }, () => {})
        .exhaustive();
      // An unsubscription ends once everything below its cut is delivered.
      for (const s of subs) {
        if (s.until !== null && s.next >= s.until)
          out.observe('unsubscribed', { topic: s.topic, until: s.until });
      }
      return { subs: subs.filter((s) => s.until === null || s.next < s.until) };
    }),
    takeAck: kit.on('Ack', ({ context, event, out }) => ({
      links: takeAck(context.links, event.from, event.k, out),
    })),
    // The edge stays silent: re-attach to the next edge, resuming every subscription where it is.
    failOver: kit.on('timeout', ({ context, out }) => {
      const at = context.edges.indexOf(context.edge);
      const edge = context.edges[(at + 1) % context.edges.length] ?? context.edge;
      out.observe('attach', { path: [edge, context.origin] });
      const epoch = context.epoch + 1;
      // What the new edge has not acknowledged from an earlier stay comes first (the origin
      // ignores those stale requests); what the old edge has not is left there.
      let links = context.links;
      resendTo(links, edge, out);
      for (const s of context.subs) {
        const resume = s.active ? s.from : null;
        links = sendOn(links, edge, { type: 'Subscribe', topic: s.topic, resume, epoch }, out);
        if (s.leaving) {
          links = sendOn(links, edge, { type: 'Unsubscribe', topic: s.topic, epoch }, out);
        }
      }
      return { edge, epoch, links };
    }),
  },
  guards: {
    // Correct: an acknowledgement of nothing new is ignored (it is old, or answers a duplicate).
    answersOldAck: (_, _params: { k: number; acked: number }) => false,
    isNewTopic: kit.when('subscribe', ({ context, event }) =>
      context.subs.every((s) => s.topic !== event.topic),
    ),
    isSubscribed: kit.when('unsubscribe', ({ context, event }) =>
      context.subs.some((s) => s.topic === event.topic && !s.leaving),
    ),
    isFreshSeg: kit.when('Seg', ({ context, event }) => isNext(context.links, event.from, event.k)),
    edgeSilent: ({ context }) => unacknowledged(context.links, context.edge),
    // Correct: an event below the next position was delivered already.
    isDuplicate: (_, params: { seq: number; next: number }) => params.seq < params.next,
  },
}).createMachine({
  id: 'subscriber',
  context: ({ input }) => ({
    edges: input.edges,
    edge: input.edge,
    origin: input.origin,
    epoch: 0,
    subs: [],
    links: newLinks(input.n),
  }),
  initial: 'attached',
  states: {
    attached: {
      on: {
        subscribe: { guard: 'isNewTopic', actions: 'subscribe' },
        unsubscribe: { guard: 'isSubscribed', actions: 'unsubscribe' },
        Seg: [
          { guard: 'isFreshSeg', actions: ['handle', 'acknowledge'] },
          { actions: 'acknowledge' },
        ],
        Ack: { actions: 'takeAck' },
        timeout: { guard: 'edgeSilent', actions: 'failOver' },
      },
    },
  },
});
