/**
 * Gnutella 0.4: servents that flood Pings and Queries over their connections, drop descriptors
 * whose GUID they have seen, decrement TTL and increment Hops, and route Pongs, QueryHits and
 * Pushes back along the reverse path only; joins via a known host, leaves and crashes. The protocol
 * definition (parameters, configurations, variants, properties); the servent logic is in
 * servent-logic.ts (pure, shared with the simulator in experiments/gnutella/), the machine in
 * servent.machine.ts.
 *
 * Source: the seed's Gnutella slides; "The Gnutella Protocol Specification v0.4" (Clip2, 2001).
 * Network: FIFO and reliable (servents talk over TCP connections): a descriptor is lost only with
 * a servent that crashes or leaves.
 */
import { forwardsOnce, reversePath, ttlHops } from '../../properties/gnutella-routing.ts';
import { capacityMatched } from '../../properties/capacity-matching.ts';
import { ringExpands, ringStops } from '../../properties/expanding-ring.ts';
import { horizonDiscovery, queryHit } from '../../properties/horizon-discovery.ts';
import { routingHidesNoHit } from '../../properties/query-routing.ts';
import { leafShielded } from '../../properties/ultrapeer.ts';
import { pongFresh } from '../../properties/pong-caching.ts';
import { hitFresh } from '../../properties/hit-caching.ts';
import { walkerStops } from '../../properties/random-walk.ts';
import { creditRespected, queueBounded } from '../../properties/flow-control.ts';
import { walkersEnd } from '../../properties/walkers-end.ts';
import { defineProtocol, defineRole } from '../kernel/define.ts';
import type { Variant } from '../kernel/protocol.ts';
import { capacityServent } from './capacity.machine.ts';
import { gnutellaManifest } from './manifest.ts';
import { configure, NODES, paramsSchema, type GnutellaParams } from './params.ts';
import { bounded, scenarios } from './scenarios.ts';
import { pongCacheServent } from './pong-cache.machine.ts';
import { hitCacheServent } from './hit-cache.machine.ts';
import { qrpServent } from './qrp.machine.ts';
import { ringServent } from './ring.machine.ts';
import { servent } from './servent.machine.ts';
import { ultrapeerServent } from './ultrapeer.machine.ts';
import { flowServent, hubWalkServent, walkChoices, walkServent } from './walk.machine.ts';

export { configure, connected, inputOf, MAX_TTL, NODES, paramsSchema, RANGES } from './params.ts';
export type { GnutellaParams } from './params.ts';

const serventRole = defineRole(servent, {});
/** The ring's timer: it fires when the round has gone quiet (nothing left to deliver). */
const ringTimer = { timeouts: [{ type: 'timeout' }] };
/** The caches' clock: it ticks when nothing else can happen (time passes between floods). */
const tickTimer = { timeouts: [{ type: 'tick' }] };
const ringRole = defineRole(ringServent, ringTimer);
/** Random walkers: the world chooses each step's neighbour; a timer walks on if it has not. */
const walkWorld = { choices: walkChoices, timeouts: [{ type: 'walk-on' }] };

/** The variants: the plain 0.4 servent and the mutants each property must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'gnutella',
    description:
      'Gnutella 0.4 flooding: duplicate GUIDs dropped, TTL − 1 and Hops + 1 per hop, replies and Pushes along the reverse path',
    roles: { servent: serventRole },
  },
  {
    name: 'no-duplicate-suppression',
    description: 'a request whose GUID was seen is taken on (and flooded, and answered) again',
    breaks: 'forwards-once',
    roles: {
      servent: defineRole(servent.provide({ guards: { isDuplicate: () => false } }), {}),
    },
  },
  {
    name: 'ttl-not-decremented',
    description: 'a servent passes descriptors on with the TTL they came with (Hops still + 1)',
    breaks: 'ttl-hops',
    roles: {
      servent: defineRole(servent.provide({ guards: { decrementsTtl: () => false } }), {}),
    },
  },
  {
    name: 'query-hit-flooding',
    description: 'a QueryHit is flooded to every other connection instead of the reverse path',
    breaks: 'reverse-path',
    roles: {
      servent: defineRole(
        servent.provide({ guards: { routesReplyBack: (_, p) => p.type !== 'QueryHit' } }),
        {},
      ),
    },
  },
  {
    name: 'expanding-ring',
    description:
      'enhancement: a search floods with TTL 1, then one hop further each time the ring goes quiet without a hit, up to its TTL',
    roles: { servent: ringRole },
  },
  {
    name: 'ring-ignores-hits',
    description: 'the expanding ring grows on after a hit came back',
    breaks: 'ring-stops',
    roles: {
      servent: defineRole(ringServent.provide({ guards: { stopsOnHit: () => false } }), ringTimer),
    },
  },
  {
    name: 'query-routing',
    description:
      "enhancement: servents exchange hashed keyword tables; a Query's last hop goes only to neighbours whose table may hold the key",
    roles: { servent: defineRole(qrpServent, {}) },
  },
  {
    name: 'qrt-false-negative',
    description: "a neighbour's table, once received, is read as holding no key",
    breaks: 'routing-hides-no-hit',
    roles: {
      servent: defineRole(
        qrpServent.provide({
          guards: { sendsLastHop: ({ context }, p) => !context.tables.some(([n]) => n === p.peer) },
        }),
        {},
      ),
    },
  },
  {
    name: 'ultrapeers',
    description:
      'enhancement: leaves (the `leaves` parameter) connect to ultrapeers, which flood only among themselves and answer for their leaves',
    roles: { servent: defineRole(ultrapeerServent, {}) },
  },
  {
    name: 'ultrapeer-floods-leaves',
    description: 'an ultrapeer floods Pings and Queries to its leaves too',
    breaks: 'leaf-shielded',
    roles: {
      servent: defineRole(ultrapeerServent.provide({ guards: { floodsTo: () => true } }), {}),
    },
  },
  {
    name: 'capacity-matching',
    description:
      'enhancement: a servent answers a Ping only from a servent of its own bandwidth class (the `classes` parameter): pong filtering',
    roles: { servent: defineRole(capacityServent, {}) },
  },
  {
    name: 'no-pong-filtering',
    description: 'a capacity-matching servent answers every Ping, whatever its class',
    breaks: 'capacity-matched',
    roles: {
      servent: defineRole(capacityServent.provide({ guards: { answersPing: () => true } }), {}),
    },
  },
  {
    name: 'pong-caching',
    description:
      'enhancement: a servent answers a Ping it would pass on from its cache of fresh Pongs instead (and repeats its host discovery, answered from its own cache); entries expire after `cache.maxAge` ticks',
    roles: { servent: defineRole(pongCacheServent, tickTimer) },
  },
  {
    name: 'no-pong-expiry',
    description: 'a pong cache whose entries never expire: it serves Pongs older than its bound',
    breaks: 'pong-fresh',
    roles: {
      servent: defineRole(
        pongCacheServent.provide({ guards: { expires: () => false } }),
        tickTimer,
      ),
    },
  },
  {
    name: 'query-hit-caching',
    description:
      'enhancement: a servent answers a Query it would pass on from its cache of fresh QueryHits for the key instead (and repeats its searches, answered from its own cache); entries expire after `cache.maxAge` ticks',
    roles: { servent: defineRole(hitCacheServent, tickTimer) },
  },
  {
    name: 'no-hit-expiry',
    description:
      'a query-hit cache without a staleness bound: it answers from its cache forever, missing copies at servents that joined since',
    breaks: 'hit-fresh',
    roles: {
      servent: defineRole(hitCacheServent.provide({ guards: { expires: () => false } }), tickTimer),
    },
  },
  {
    name: 'random-walk',
    description:
      'enhancement: a search sends k walkers (the `walkers` parameter), each passed to one neighbour the world chooses, checking back with the requester every few steps',
    roles: { servent: defineRole(walkServent, walkWorld) },
    bounded: walkBounded,
  },
  {
    name: 'random-walk-biased',
    description:
      'enhancement: k random walkers biased towards well-connected servents (a walker goes only to its best-connected candidates)',
    roles: { servent: defineRole(hubWalkServent, walkWorld) },
    bounded: walkBounded,
  },
  {
    name: 'walkers-never-stop',
    description: "a walker ignores its requester's answer to stop and walks on to its TTL",
    breaks: 'walker-stops',
    roles: {
      servent: defineRole(walkServent.provide({ guards: { obeysCheck: () => false } }), walkWorld),
    },
    bounded: walkBounded,
  },
  {
    name: 'flow-control',
    description:
      'enhancement: degree-biased walkers under token-based flow control (Gia): a servent passes a walker to a neighbour only with a token from it (the `flow.credit` it granted, one returned per walker processed), from a queue bounded by `flow.queue` that drops the walker with the most Hops when full',
    roles: { servent: defineRole(flowServent, walkWorld) },
    bounded: flowBounded,
  },
  {
    name: 'ignores-credit',
    description: 'a servent passes a walker on whether or not it holds a token from the neighbour',
    breaks: 'credit-respected',
    roles: {
      servent: defineRole(flowServent.provide({ guards: { hasCredit: () => true } }), walkWorld),
    },
    bounded: flowBounded,
  },
  {
    name: 'credits-credits',
    description:
      'a servent returns a token for every message it processes, a returned token included: two servents pass a token back and forth forever, and the walkers they hold wait on',
    breaks: 'walkers-end',
    roles: {
      servent: defineRole(
        flowServent.provide({ guards: { returnsCredit: () => true } }),
        walkWorld,
      ),
    },
    bounded: flowBounded,
  },
];

/**
 * The walkers' own bounded configuration: the shared one without its Ping, whose four messages
 * interleave with every walker step (with it, a search passed 3.98 million states unfinished).
 */
function walkBounded(nodes: number) {
  return { ...bounded(nodes), pings: [] };
}

/**
 * Flow control's bounded configuration: a star around servent 1 (a line 0-1-2 at 3 servents), the
 * last servent sharing `song`, servent 0 sending two walkers for it with TTL 3 (checking back every
 * 2 steps); one token per connection and a queue of one, so servent 0's second walker waits for
 * the token of its only neighbour, and a walker reaching the hub while it holds one is dropped.
 * At 3 servents a crash budget of one (walkers lost with a servent are not owed).
 */
export function flowBounded(nodes: number): GnutellaParams {
  return {
    servents: nodes,
    edges: Array.from({ length: nodes - 1 }, (_, i): [number, number] => [i === 0 ? 0 : 1, i + 1]),
    shares: [{ node: nodes - 1, key: 'song' }],
    firewalled: [],
    searches: [{ node: 0, key: 'song', ttl: 3 }],
    walkers: { k: 2, checkEvery: 2 },
    flow: { credit: 1, queue: 1 },
    ...(nodes === 3 ? { faults: { crash: 1 } } : {}),
  };
}

/** Gnutella 0.4 flooding search. */
export const gnutellaProtocol = defineProtocol({
  name: 'gnutella',
  title: 'Gnutella 0.4: flooding Ping/Pong and Query/QueryHit with GUID, TTL and Hops',
  source:
    'Seed: Gnutella slides. "The Gnutella Protocol Specification v0.4" (Clip2, 2001): descriptor ' +
    'header (16-byte GUID, TTL, Hops), Ping/Pong, Query/QueryHit, Push, descriptor routing. TCP ' +
    'connections (FIFO, reliable); joins via a known host, leaves (connections closed), crashes.',
  variants,
  properties: [
    ttlHops,
    forwardsOnce,
    reversePath,
    routingHidesNoHit,
    leafShielded,
    capacityMatched,
    pongFresh,
    hitFresh,
    horizonDiscovery,
    ringStops,
    ringExpands,
    walkerStops,
    creditRespected,
    queueBounded,
    walkersEnd,
    queryHit,
  ],
  nodes: {
    ...NODES,
    default: 4,
    param: 'servents',
    counts: 'servents (joining servents come on top)',
  },
  defaultRuns: 500,
  paramsSchema,
  configure,
  bounded,
  scenarios,
  manifest: gnutellaManifest,
});
