/**
 * Freenet: key-based routing with backtracking, caching along the reverse path and insert
 * collisions: the protocol definition (parameters, configurations, variants, properties). The node
 * logic is in node.step.ts (pure, shared by the xstate machine in node.machine.ts and the simulator),
 * the keys in keys.ts.
 *
 * Source: the seed's Freenet slides; Clarke, Sandberg, Wiley, Hong, "Freenet: A Distributed
 * Anonymous Information Storage and Retrieval System" (2001). Network: FIFO, as Freenet runs over
 * connections between neighbours; a request is a single token moving depth-first, so ordering only
 * matters between different requests. The parameters give a connected topology; joining nodes
 * start outside it and announce themselves to a seed node; fault budgets add crashes, leaves and
 * timers (a timer gives up on a silent node and backtracks).
 *
 * Where the seed and the paper disagree, both are variants. On HTL expiry the seed says a failure
 * makes the previous node "try another candidate with the next closest key"; the paper (section 3.2,
 * and Freenet's DataNotFound) returns the failure to the requester with no further node tried. The
 * paper's rule is the default: backtracking on expiry makes an HTL-limited request search every
 * node within HTL hops of every branch, so HTL no longer bounds the work a request causes.
 */
import { contentIntegrity } from '../../properties/content-integrity.ts';
import { insertCollision } from '../../properties/insert-collision.ts';
import { keyDiscovery, keyFound } from '../../properties/key-discovery.ts';
import { handledOnce, nonePending } from '../../properties/request-handling.ts';
import { reversePathCaching } from '../../properties/reverse-path-caching.ts';
import { defineProtocol } from '../kernel/define.ts';
import type { Role, Variant } from '../kernel/protocol.ts';
import { verifies } from './keys.ts';
import { freenetManifest } from './manifest.ts';
import { freenetNode } from './node.machine.ts';
import type { FreenetGuard } from './node.step.ts';
import { configure, NODES, paramsSchema } from './params.ts';
import { bounded, scenarios } from './scenarios.ts';

export { configure, connected } from './params.ts';
export type {
  FreenetFaults,
  FreenetParams,
  InsertParams,
  JoinParams,
  RequestParams,
} from './params.ts';

const timeouts = [{ type: 'timeout' }];
const node: Role = { machine: freenetNode, timeouts };
/** The node with some of its guards swapped (a mutant, or a correct variant's other rule). */
const swapped = (
  guards: Partial<Record<FreenetGuard, () => boolean>>,
): Readonly<Record<string, Role>> => ({
  node: { machine: freenetNode.provide({ guards }), timeouts },
});

/** The variants: the correct node and the mutants each property must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'freenet',
    description:
      'closest-key routing, backtracking, loop detection, reverse-path caching; HTL expiry ends the search (the paper)',
    roles: { node },
  },
  {
    name: 'seed-expiry-backtracks',
    description:
      "the seed's rule: an HTL expiry is a failure like any other, so the previous node tries its next candidate",
    roles: swapped({ backtracksOnExpiry: () => true }),
  },
  {
    name: 'no-backtracking',
    description: 'a failure reply is passed upstream instead of trying the next-closest neighbour',
    breaks: 'key-discovery',
    roles: swapped({ backtracks: () => false }),
  },
  {
    name: 'retries-failed-neighbour',
    description:
      'a node backtracking from a failure does not cross the failed neighbour off, so it sends the request to it again: the request goes back and forth forever',
    breaks: 'none-pending',
    roles: swapped({ crossesOff: () => false }),
  },
  {
    name: 'no-loop-detection',
    description: 'a request whose id was seen before is handled again instead of refused',
    breaks: 'handled-once',
    roles: swapped({ isLoop: () => false }),
  },
  {
    name: 'no-reply-caching',
    description: 'data passed back along the reverse path is not cached on the way',
    breaks: 'reverse-path-caching',
    roles: swapped({ cachesReply: () => false }),
  },
  {
    name: 'no-collision-check',
    description: 'an insert of a held key replaces the data instead of returning it',
    breaks: 'insert-collision',
    roles: swapped({ isCollision: () => false }),
  },
  {
    name: 'no-verification',
    description: 'data is accepted and stored without checking its hash or signature',
    breaks: 'content-integrity',
    roles: swapped({ verifies: () => true, verifiesInsertData: () => true }),
  },
  {
    name: 'no-insert-verification',
    description:
      "an insert's data forwarded along its cleared path is stored without checking it against the key (replies are still checked)",
    breaks: 'content-integrity',
    roles: swapped({ verifiesInsertData: () => true }),
  },
];

/** Freenet key-based routing. */
export const freenetProtocol = defineProtocol({
  name: 'freenet',
  title: 'Freenet: closest-key routing with backtracking, reverse-path caching, insert collisions',
  source:
    'Seed: Freenet slides. Clarke, Sandberg, Wiley, Hong 2001, "Freenet: A Distributed Anonymous ' +
    'Information Storage and Retrieval System". FIFO links; CHK, KSK and SSK keys (Ed25519); ' +
    'two-pass inserts; joins by announcement, leaves, crashes and timers; corrupting nodes. On ' +
    'HTL expiry the default follows the paper (section 3.2: the failure goes straight back to ' +
    "the requester); the seed's rule (the failure makes the previous node try its next " +
    'candidate) is the variant seed-expiry-backtracks.',
  variants,
  properties: [
    keyDiscovery,
    insertCollision,
    handledOnce,
    nonePending,
    reversePathCaching,
    contentIntegrity(verifies),
    keyFound,
  ],
  nodes: { ...NODES, default: 4, param: 'nodes', counts: 'peers (a joining peer comes on top)' },
  defaultRuns: 1000,
  paramsSchema,
  configure,
  bounded,
  scenarios,
  manifest: freenetManifest,
});
