/**
 * An edge broker (an edge cache of a content-distribution network): subscribers attach to it; it
 * forwards their subscriptions and unsubscriptions to the origin, caches every event of the topics
 * it serves, relays each event to its subscribers in topic order, and answers a re-attached
 * subscriber (after a fail-over from another edge) from its cache, from the position the
 * subscriber resumes at.
 *
 * Relaying: a local subscription relays events from the cut the origin gave (`Subscribed{from}`)
 * and stops at the cut of the unsubscription (`Unsubscribed{until}`): both come from the origin
 * over the same FIFO link as the events, so the edge has relayed every event below `until` when it
 * passes the acknowledgement on. The subscriber is told the cut in the acknowledgement.
 *
 * Source: the seed's publish-subscribe architecture and CDN example; edge caching as in Nygren,
 * Sitaraman, Sun, "The Akamai network" (2010); subscription forwarding along a broker tree as in
 * Carzaniga, Rosenblum, Wolf, "Design and evaluation of a wide-area event notification service"
 * (SIENA, ACM TOCS 19(3), 2001), simplified to one subscription per subscriber and topic.
 */
import { setup } from 'xstate';
import { match } from 'ts-pattern';
import { roleKit } from '../kernel/step.ts';
import {
  isNext,
  newLinks,
  receiveOn,
  resendAll,
  sendOn,
  shouldResend,
  takeAck,
  type Link,
  type LinkGuard,
  type LinkMessage,
} from './link.ts';
import type { Ack, Body, EventRecord, NodeInput, Seg, Timeout } from './messages.ts';

/** A subscription of one of the edge's subscribers. */
export interface LocalSubscription {
  /** The subscriber. */
  readonly sub: number;
  /** The topic. */
  readonly topic: string;
  /** The next position to relay; null until the origin's `Subscribed` arrives. */
  readonly next: number | null;
  /** The subscriber's attachment number when it asked (answers to other ones are stale). */
  readonly epoch: number;
  /** Where a re-attached subscriber resumes (null: a new subscription). */
  readonly resume: number | null;
  /** Whether the subscriber asked to unsubscribe (the origin's cut has not come back yet). */
  readonly leaving: boolean;
}

/** An edge's state. */
export interface EdgeContext {
  /** The origin's index. */
  readonly origin: number;
  /** Unanswered retransmissions before giving up. */
  readonly patience: number;
  /** Every event received from the origin, in topic order (the edge cache). */
  readonly cache: readonly EventRecord[];
  /** Its subscribers' subscriptions. */
  readonly local: readonly LocalSubscription[];
  /** Its links, by peer. */
  readonly links: readonly Link[];
}

const kit = roleKit<{
  context: EdgeContext;
  events: Seg | Ack | Timeout;
  sends: LinkMessage;
  guards: 'isFreshSeg' | 'relays' | 'forwardsUnsubscribe' | 'startsAtCut' | LinkGuard;
  input: NodeInput;
}>();

/** How many events of `topic` the cache holds. */
export function cached(cache: readonly EventRecord[], topic: string): number {
  return cache.filter((e) => e.topic === topic).length;
}

/** The edge machine. */
export const edge = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    acknowledge: kit.on('Seg', ({ context, event, out }) => ({
      links: receiveOn(context.links, event.from, event.k, out),
    })),
    handle: kit.on('Seg', ({ context, event, out }) => {
      const from = event.from;
      let { links, cache, local } = context;
      const send = (to: number, body: Body) => {
        links = sendOn(links, to, body, out);
      };
      // Relays the cached events of `l.topic` from `l.next` on, while the guard lets it.
      const relay = (l: LocalSubscription): LocalSubscription => {
        let next = l.next;
        if (next === null) return l;
        for (const e of cache) {
          if (e.topic !== l.topic || e.seq !== next) continue;
          if (!out.check('relays', { leaving: l.leaving })) break;
          send(l.sub, { type: 'Event', event: e });
          next++;
        }
        return { ...l, next };
      };
      const mine = (sub: number, topic: string) => (l: LocalSubscription) =>
        l.sub === sub && l.topic === topic;
      match(event.body)
        .with({ type: 'Subscribe' }, ({ topic, resume, epoch }) => {
          local = [
            ...local.filter((l) => !mine(from, topic)(l)),
            { sub: from, topic, epoch, next: null, resume, leaving: false },
          ];
          const have = cached(cache, topic);
          send(context.origin, { type: 'Subscribe', topic, resume, epoch, sub: from, have });
        })
        .with({ type: 'Unsubscribe' }, ({ topic, epoch }) => {
          const until = cached(cache, topic);
          local = local.map((l) => (mine(from, topic)(l) ? { ...l, leaving: true } : l));
          // A subscription not in effect yet has no cut the edge could give.
          const active = local.some((l) => mine(from, topic)(l) && l.next !== null);
          if (!active || out.check('forwardsUnsubscribe')) {
            send(context.origin, { type: 'Unsubscribe', topic, epoch, sub: from });
          } else {
            local = local.filter((l) => !mine(from, topic)(l));
            send(from, { type: 'Unsubscribed', topic, epoch, until });
          }
        })
        .with({ type: 'Event' }, ({ event: e }) => {
          if (e.seq !== cached(cache, e.topic)) return; // already cached (a replay)
          cache = [...cache, e];
          local = local.map((l) => (l.topic === e.topic ? relay(l) : l));
        })
        .with({ type: 'Subscribed' }, ({ topic, from: cut, epoch, sub = -1 }) => {
          local = local.map((l) => {
            if (!mine(sub, topic)(l) || l.epoch !== epoch) return l;
            const start = out.check('startsAtCut', { resume: l.resume }) ? cut : 0;
            send(sub, { type: 'Subscribed', topic, epoch, from: start });
            return relay({ ...l, next: start });
          });
        })
        .with({ type: 'Unsubscribed' }, ({ topic, until, epoch, sub = -1 }) => {
          if (!local.some((l) => mine(sub, topic)(l) && l.epoch === epoch)) return;
          local = local.filter((l) => !mine(sub, topic)(l));
          send(sub, { type: 'Unsubscribed', topic, epoch, until });
        })
        .with({ type: 'Publish' }, () => {})
        .exhaustive();
      return { links, cache, local };
    }),
    takeAck: kit.on('Ack', ({ context, event, out }) => ({
      links: takeAck(context.links, event.from, event.k, out),
    })),
    resend: kit.on('timeout', ({ context, out }) => ({
      links: resendAll(context.links, context.patience, out),
    })),
  },
  guards: {
    // Correct: an acknowledgement of nothing new is ignored (it is old, or answers a duplicate).
    answersOldAck: (_, _params: { k: number; acked: number }) => false,
    isFreshSeg: kit.when('Seg', ({ context, event }) => isNext(context.links, event.from, event.k)),
    hasUnacknowledged: ({ context }) =>
      context.links.some((_, peer) => shouldResend(context.links, peer, context.patience)),
    // Correct: a subscription relays until the origin's cut comes back, leaving or not.
    relays: (_, _params: { leaving: boolean }) => true,
    // Correct: an unsubscription goes to the origin, which takes the cut.
    forwardsUnsubscribe: () => true,
    // Correct: a new subscription starts at the origin's cut (a re-attached one at its resume
    // point, which the origin sends back as the cut).
    startsAtCut: (_, _params: { resume: number | null }) => true,
  },
}).createMachine({
  id: 'edge',
  context: ({ input }) => ({
    origin: input.origin,
    patience: input.patience,
    cache: [],
    local: [],
    links: newLinks(input.n),
  }),
  initial: 'serving',
  states: {
    serving: {
      on: {
        Seg: [
          { guard: 'isFreshSeg', actions: ['handle', 'acknowledge'] },
          { actions: 'acknowledge' },
        ],
        Ack: { actions: 'takeAck' },
        timeout: { guard: 'hasUnacknowledged', actions: 'resend' },
      },
    },
  },
});
