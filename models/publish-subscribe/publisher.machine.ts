/**
 * A publisher: numbers its events (1, 2, …) and sends each to the origin over a reliable link,
 * resending on its timer what the origin has not acknowledged.
 *
 * Source: the seed's publish-subscribe architecture ("servers push results to the group"); the
 * publisher side of a content-distribution network, which uploads to the origin only.
 */
import { setup } from 'xstate';
import { roleKit } from '../kernel/step.ts';
import {
  newLinks,
  resendAll,
  sendOn,
  shouldResend,
  takeAck,
  type Link,
  type LinkGuard,
  type LinkMessage,
} from './link.ts';
import type { Ack, NodeInput, PublishInput, Timeout } from './messages.ts';

/** A publisher's state. */
export interface PublisherContext {
  /** Its node index. */
  readonly self: number;
  /** The origin's index. */
  readonly origin: number;
  /** Unanswered retransmissions before giving up. */
  readonly patience: number;
  /** How many events it published. */
  readonly k: number;
  /** Its links, by peer. */
  readonly links: readonly Link[];
}

const kit = roleKit<{
  context: PublisherContext;
  events: PublishInput | Ack | Timeout;
  sends: LinkMessage;
  guards: LinkGuard;
  input: NodeInput;
}>();

/** The publisher machine. */
export const publisher = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    publish: kit.on('publish', ({ context, event, out }) => {
      const k = context.k + 1;
      out.observe('publish', { event: event.id, topic: event.topic, k });
      const body = { type: 'Publish' as const, topic: event.topic, id: event.id, k };
      return { k, links: sendOn(context.links, context.origin, body, out) };
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
    hasUnacknowledged: ({ context }) =>
      context.links.some((_, peer) => shouldResend(context.links, peer, context.patience)),
  },
}).createMachine({
  id: 'publisher',
  context: ({ input }) => ({
    self: input.self,
    origin: input.origin,
    patience: input.patience,
    k: 0,
    links: newLinks(input.n),
  }),
  initial: 'publishing',
  states: {
    publishing: {
      on: {
        publish: { actions: 'publish' },
        Ack: { actions: 'takeAck' },
        timeout: { guard: 'hasUnacknowledged', actions: 'resend' },
      },
    },
  },
});
