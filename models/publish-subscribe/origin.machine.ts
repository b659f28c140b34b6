/**
 * The origin: the root of the broker tree, where publication takes effect. It numbers each event
 * in its topic's sequence (observing `sequence`), keeps the whole log (the CDN origin store), and
 * keeps the subscription table: which subscriber is subscribed to which topic through which edge.
 * Every subscription and unsubscription is decided here, so its acknowledgement carries the cut
 * in the topic's sequence where it took effect (`Subscribed{from}`, `Unsubscribed{until}`).
 *
 * Source: the seed's publish-subscribe architecture (clients subscribe to a service; servers push
 * results to the group; CDNs); the origin → edge → client tree of a content-distribution network
 * (Nygren, Sitaraman, Sun, "The Akamai network", SIGOPS OSR 44(3), 2010); sequencing at the root as
 * in a single-rooted broker tree (Banavar et al., "An efficient multicast protocol for
 * content-based publish-subscribe systems", ICDCS 1999).
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

/** One row of the origin's subscription table. */
export interface Registration {
  /** The edge the subscriber is attached to. */
  readonly edge: number;
  /** The subscriber. */
  readonly sub: number;
  /** The topic. */
  readonly topic: string;
}

/** The origin's state. */
export interface OriginContext {
  /** Unanswered retransmissions before giving up. */
  readonly patience: number;
  /** Every event sequenced, in order. */
  readonly log: readonly EventRecord[];
  /** The subscription table. */
  readonly table: readonly Registration[];
  /**
   * Each subscriber's latest attachment number seen (by node index): a request from an earlier
   * attachment, still in flight from the edge it left, is stale and ignored.
   */
  readonly epochs: readonly number[];
  /** Its links, by peer. */
  readonly links: readonly Link[];
}

const kit = roleKit<{
  context: OriginContext;
  events: Seg | Ack | Timeout;
  sends: LinkMessage;
  guards: 'isFreshSeg' | LinkGuard;
  input: NodeInput;
}>();

/** How many events of `topic` the log holds (the next event's position). */
export function topicCount(log: readonly EventRecord[], topic: string): number {
  return log.filter((e) => e.topic === topic).length;
}

/** The edges with a subscriber to `topic`, in index order. */
export function edgesFor(table: readonly Registration[], topic: string): number[] {
  return [...new Set(table.filter((r) => r.topic === topic).map((r) => r.edge))].sort(
    (a, b) => a - b,
  );
}

/** The origin machine. */
export const origin = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    acknowledge: kit.on('Seg', ({ context, event, out }) => ({
      links: receiveOn(context.links, event.from, event.k, out),
    })),
    // A segment taken in order: what its body asks.
    handle: kit.on('Seg', ({ context, event, out }) => {
      const from = event.from;
      let { links, log, table, epochs } = context;
      // Whether a request from `sub`'s attachment `epoch` is current (and note it).
      const current = (sub: number, epoch: number): boolean => {
        if (epoch < (epochs[sub] ?? 0)) return false;
        epochs = epochs.map((e, i) => (i === sub ? epoch : e));
        return true;
      };
      const send = (to: number, body: Body) => {
        links = sendOn(links, to, body, out);
      };
      match(event.body)
        .with({ type: 'Publish' }, ({ topic, id, k }) => {
          const record = { id, topic, seq: topicCount(log, topic), publisher: from, k };
          log = [...log, record];
          out.observe('sequence', { event: id, topic, seq: record.seq, publisher: from, k });
          for (const edge of edgesFor(table, topic)) send(edge, { type: 'Event', event: record });
        })
        .with({ type: 'Subscribe' }, ({ topic, resume, epoch, sub = -1, have = 0 }) => {
          if (!current(sub, epoch)) return;
          // The subscriber moves to this edge (a fail-over re-attaches it): one row per
          // subscriber and topic. The edge gets what it does not cache yet, then the cut.
          table = [
            ...table.filter((r) => r.sub !== sub || r.topic !== topic),
            { edge: from, sub, topic },
          ];
          for (const e of log)
            if (e.topic === topic && e.seq >= have) send(from, { type: 'Event', event: e });
          send(from, {
            type: 'Subscribed',
            topic,
            sub,
            epoch,
            from: resume ?? topicCount(log, topic),
          });
        })
        .with({ type: 'Unsubscribe' }, ({ topic, epoch, sub = -1 }) => {
          if (!current(sub, epoch)) return;
          table = table.filter((r) => r.sub !== sub || r.topic !== topic);
          send(from, { type: 'Unsubscribed', topic, sub, epoch, until: topicCount(log, topic) });
        })
        .with({ type: 'Subscribed' }, { type: 'Unsubscribed' }, { type: 'Event' }, () => {})
        .exhaustive();
      return { links, log, table, epochs };
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
  },
}).createMachine({
  id: 'origin',
  context: ({ input }) => ({
    patience: input.patience,
    log: [],
    table: [],
    epochs: Array.from({ length: input.n }, () => 0),
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
