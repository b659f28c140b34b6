/**
 * Publish-subscribe over a tree of brokers, as a content-distribution network: publishers push
 * events to the origin, which sequences them per topic and pushes them down to edge brokers
 * (caches), which push them to their subscribers. The protocol definition (configurations,
 * variants, the properties it promises); the roles are in *.machine.ts.
 *
 * Network: FIFO channels that may lose messages; every hop is a reliable link with retransmission
 * (link.ts). Faults: joins and leaves of topic groups mid-publication (subscribe and unsubscribe
 * inputs interleaved with publications), message loss, early timers, crashes: a crashed edge's
 * subscribers re-attach to another edge (fail-over) and resume where they were. The kernel may
 * spend the crash budget on any node; a subscriber cut off from the root (the origin crashed, or
 * it did) is excused from eventual delivery.
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import { honestCut } from '../../properties/subscription-cut.ts';
import {
  deliveryWindow,
  fifoPerPublisher,
  noDuplicateDelivery,
} from '../../properties/subscription-delivery.ts';
import { eventualDelivery, failOverDelivers } from '../../properties/subscription-liveness.ts';
import { defineProtocol, defineRole, type ParamsOf } from '../kernel/define.ts';
import { drawn, lengths, listOf, upTo } from '../kernel/params.ts';
import type { Config, Variant } from '../kernel/protocol.ts';
import { edge } from './edge.machine.ts';
import { publishSubscribeManifest } from './manifest.ts';
import type { NodeInput } from './messages.ts';
import { origin } from './origin.machine.ts';
import { publisher } from './publisher.machine.ts';
import { subscriber } from './subscriber.machine.ts';
import { publishSubscribeSymmetry } from './symmetry.ts';

/** Subscriber counts: `--nodes` and the generator's range. */
const NODES = {
  min: 1,
  max: 3,
  default: 1,
  param: 'subscribers',
  counts: 'subscribers (publishers, the origin and the edges come on top)',
} as const;

/** The topics events are published on. */
export const TOPICS = ['a', 'b'] as const;

/**
 * The range of each parameter: the generator draws from these, the schema accepts up to their
 * largest value or their `limit` (see models/kernel/params.ts).
 */
export const RANGES = {
  subscribers: { min: NODES.min, max: NODES.max, limit: 4 },
  publishers: { min: 1, max: 2, limit: 3 },
  edges: { min: 2, max: 3, limit: 4 },
  publications: { min: 1, max: 5, limit: 15 },
  requests: { min: 2, max: 6, limit: 15 },
  drops: { min: 0, max: 2, limit: Infinity },
  // Fewer than the edges (the schema checks it): a subscriber always has a live edge to go to.
  crashes: { min: 0, max: 1, limit: 3 },
  timeouts: { min: 0, max: 2, limit: Infinity },
} as const;

const topic = z.enum(TOPICS);

const paramsSchema = z
  .strictObject({
    subscribers: upTo(RANGES.subscribers, NODES, 1),
    publishers: upTo(RANGES.publishers, NODES, 1),
    edges: upTo(RANGES.edges, NODES, 2),
    publications: listOf(
      z.strictObject({ publisher: z.number().int().nonnegative(), topic }),
      RANGES.publications,
      NODES,
    ),
    requests: listOf(
      z.strictObject({
        subscriber: z.number().int().nonnegative(),
        op: z.enum(['subscribe', 'unsubscribe']),
        topic,
      }),
      RANGES.requests,
      NODES,
    ),
    drops: upTo(RANGES.drops, NODES),
    crashes: upTo(RANGES.crashes, NODES),
    timeouts: upTo(RANGES.timeouts, NODES),
  })
  .refine((p) => p.publications.every((x) => x.publisher < p.publishers), {
    error: 'every publication needs a publisher (publisher < publishers)',
  })
  .refine((p) => p.requests.every((r) => r.subscriber < p.subscribers), {
    error: 'every request needs a subscriber (subscriber < subscribers)',
  })
  .refine((p) => p.crashes < p.edges, {
    error: 'crashes must be fewer than edges: a subscriber must have a live edge to fail over to',
  });

/** Parameters of a publish-subscribe system. */
export type PublishSubscribeParams = ParamsOf<typeof paramsSchema>;

/**
 * Unanswered retransmissions before a broker or publisher gives up on a peer: one more than the
 * losses and early timers a run may have, so a live peer is never given up on.
 */
export function patience(p: PublishSubscribeParams): number {
  return p.drops + p.timeouts + 1;
}

/**
 * Turns parameters into a concrete system: publishers p0…, the origin o, edges e0…, subscribers
 * s0… (subscriber i first attached to edge i mod edges), over lossy FIFO channels.
 */
export function configure(p: PublishSubscribeParams): Config {
  const originAt = p.publishers;
  const edges = Array.from({ length: p.edges }, (_, i) => originAt + 1 + i);
  const first = originAt + 1 + p.edges;
  const n = first + p.subscribers;
  const input = (self: number, at = -1): NodeInput => ({
    self,
    n,
    patience: patience(p),
    origin: originAt,
    edges,
    edge: at,
  });
  const pubs = Array.from({ length: p.publishers }, (_, i) => ({
    role: 'publisher',
    name: `p${i}`,
    input: { ...input(i) },
  }));
  const subs = Array.from({ length: p.subscribers }, (_, i) => ({
    role: 'subscriber',
    name: `s${i}`,
    input: { ...input(first + i, edges[i % edges.length]) },
  }));
  return {
    network: 'fifo',
    nodes: [
      ...pubs,
      { role: 'origin', name: 'o', input: { ...input(originAt) } },
      ...edges.map((e, i) => ({ role: 'edge', name: `e${i}`, input: { ...input(e) } })),
      ...subs,
    ],
    inputs: [
      ...p.publications.map((x, i) => ({
        node: x.publisher,
        event: { type: 'publish', topic: x.topic, id: `m${i}` },
      })),
      ...p.requests.map((r) => ({
        node: first + r.subscriber,
        event: { type: r.op, topic: r.topic },
      })),
    ],
    faults: { drop: p.drops, crash: p.crashes, timeout: p.timeouts },
  };
}

const timer = [{ type: 'timeout' }] as const;
const roles = {
  publisher: defineRole(publisher, { timeouts: timer }),
  origin: defineRole(origin, { timeouts: timer }),
  edge: defineRole(edge, { timeouts: timer }),
  subscriber: defineRole(subscriber, { timeouts: timer }),
};

/**
 * The bounded configuration of the ack-storm mutant: a loss starts the storm (a segment after a
 * gap is answered with an old acknowledgement), so one message may be lost; each subscriber only
 * subscribes (no leave), which keeps the search small (13,919 states for the correct variant at
 * one subscriber).
 */
export function lossyBounded(subscribers: number): PublishSubscribeParams {
  return {
    subscribers,
    publishers: 1,
    edges: 2,
    publications: [{ publisher: 0, topic: 'a' }],
    requests: Array.from({ length: subscribers }, (_, s) => ({
      subscriber: s,
      op: 'subscribe' as const,
      topic: 'a' as const,
    })),
    drops: 1,
    crashes: 1,
    timeouts: 0,
  };
}

/** The variants: the correct protocol and the mutants its properties must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'cdn-tree',
    description:
      'origin sequences and takes every cut; edges cache and relay; subscribers resume after a fail-over and drop duplicates',
    roles,
  },
  {
    name: 'no-dedup-after-failover',
    description:
      'after a fail-over the subscriber delivers again what the old edge still had in flight and the new edge replays',
    breaks: 'no-duplicate-delivery',
    roles: {
      ...roles,
      subscriber: defineRole(subscriber.provide({ guards: { isDuplicate: () => false } }), {
        timeouts: timer,
      }),
    },
  },
  {
    name: 'unsubscribe-edge-only',
    description:
      'the edge acknowledges an unsubscription itself and never tells the origin (which keeps sending: a leak); its cut misses what the origin already published',
    breaks: 'honest-cut',
    roles: {
      ...roles,
      edge: defineRole(edge.provide({ guards: { forwardsUnsubscribe: () => false } }), {
        timeouts: timer,
      }),
    },
  },
  {
    name: 'unsubscribe-edge-first',
    description:
      'the edge stops relaying when the unsubscription passes, before it takes effect upstream: events before the origin’s cut are missed',
    breaks: 'eventual-delivery',
    roles: {
      ...roles,
      edge: defineRole(edge.provide({ guards: { relays: (_, p) => !p.leaving } }), {
        timeouts: timer,
      }),
    },
  },
  {
    name: 'join-replays-cache',
    description:
      'a new subscriber is served from the start of the edge cache: it receives events published before its acknowledgement',
    breaks: 'honest-cut',
    roles: {
      ...roles,
      edge: defineRole(edge.provide({ guards: { startsAtCut: (_, p) => p.resume !== null } }), {
        timeouts: timer,
      }),
    },
  },
  {
    name: 'ack-storm',
    description:
      'every link answers an acknowledgement of nothing new with its own acknowledgement (as TCP answers an unacceptable ACK): after a loss two ends acknowledge each other forever, time never passes and the lost segment is never resent',
    breaks: 'eventual-delivery',
    roles: {
      publisher: defineRole(publisher.provide({ guards: { answersOldAck: () => true } }), {
        timeouts: timer,
      }),
      origin: defineRole(origin.provide({ guards: { answersOldAck: () => true } }), {
        timeouts: timer,
      }),
      edge: defineRole(edge.provide({ guards: { answersOldAck: () => true } }), {
        timeouts: timer,
      }),
      subscriber: defineRole(subscriber.provide({ guards: { answersOldAck: () => true } }), {
        timeouts: timer,
      }),
    },
    bounded: lossyBounded,
  },
];

const drawTopic = fc.constantFrom(...TOPICS);

/** Publish-subscribe over an origin → edge → subscriber tree. */
export const publishSubscribeProtocol = defineProtocol({
  name: 'publish-subscribe',
  title: 'Publish-subscribe over a tree of brokers (origin → edge caches → subscribers)',
  source:
    'Seed: the publish-subscribe architecture (clients subscribe to a service and join a group; ' +
    'servers push results to the group; CDNs). Origin → edge → client tree after Nygren, ' +
    'Sitaraman, Sun 2010 (Akamai); subscription forwarding along a broker tree after SIENA ' +
    '(Carzaniga, Rosenblum, Wolf 2001); sequencing at the root (Banavar et al. 1999); resumable ' +
    'subscriptions as JMS durable subscriptions and MQTT sessions. Simplified: a two-level tree, ' +
    'topics not content filters, every (un)subscription decided at the origin, FIFO per publisher ' +
    'and topic, no recovery of a crashed broker.',
  variants,
  properties: [
    deliveryWindow,
    noDuplicateDelivery,
    fifoPerPublisher,
    honestCut,
    eventualDelivery,
    failOverDelivers,
  ],
  nodes: NODES,
  defaultRuns: 1000,
  paramsSchema,
  configure,
  manifest: publishSubscribeManifest,
  // Subscribers on the same first edge with the same requests (symmetry.ts).
  symmetry: publishSubscribeSymmetry,
  // One publisher, one event, two edges, subscribers that join and leave topic a, one crash:
  // enough for every mutant (an event in flight when a join or leave passes; an edge crash with
  // its last relay in flight), small enough to explore in seconds.
  bounded: (subscribers) => ({
    subscribers,
    publishers: 1,
    edges: 2,
    publications: [{ publisher: 0, topic: 'a' as const }],
    requests: Array.from({ length: subscribers }, (_, s) => [
      { subscriber: s, op: 'subscribe' as const, topic: 'a' as const },
      { subscriber: s, op: 'unsubscribe' as const, topic: 'a' as const },
    ]).flat(),
    drops: 0,
    crashes: 1,
    timeouts: 0,
  }),
  scenarios: ({ minNodes, maxNodes }) =>
    fc
      .record({
        subscribers: fc.integer({ min: minNodes, max: maxNodes }),
        publishers: drawn(RANGES.publishers, minNodes),
        edges: drawn(RANGES.edges, minNodes),
      })
      .chain(({ subscribers, publishers, edges }) =>
        fc.record({
          subscribers: fc.constant(subscribers),
          publishers: fc.constant(publishers),
          edges: fc.constant(edges),
          publications: fc.array(
            fc.record({ publisher: fc.nat(publishers - 1), topic: drawTopic }),
            lengths(RANGES.publications, subscribers),
          ),
          requests: fc.array(
            fc.record({
              subscriber: fc.nat(subscribers - 1),
              op: fc.constantFrom(
                'subscribe' as const,
                'subscribe' as const,
                'unsubscribe' as const,
              ),
              topic: drawTopic,
            }),
            lengths(RANGES.requests, subscribers),
          ),
          drops: drawn(RANGES.drops, subscribers),
          crashes: drawn(RANGES.crashes, subscribers),
          timeouts: drawn(RANGES.timeouts, subscribers),
        }),
      ),
});
