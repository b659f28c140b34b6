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
 */
import type { z } from 'zod';
import { contentIntegrity } from '../../properties/content-integrity.ts';
import { insertCollision } from '../../properties/insert-collision.ts';
import { keyDiscovery, keyFound } from '../../properties/key-discovery.ts';
import { handledOnce, nonePending } from '../../properties/request-handling.ts';
import { reversePathCaching } from '../../properties/reverse-path-caching.ts';
import type { Protocol, Role, Variant } from '../kernel/protocol.ts';
import { freenetNode } from './node.machine.ts';
import { configure, paramsSchema, type FreenetParams } from './params.ts';
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
const mutant = (guards: Record<string, () => boolean>): Readonly<Record<string, Role>> => ({
  node: { machine: freenetNode.provide({ guards }), timeouts },
});

/** The variants: the correct node and the mutants each property must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'freenet',
    description: 'closest-key routing, backtracking, loop detection, reverse-path caching',
    roles: { node },
  },
  {
    name: 'no-backtracking',
    description: 'a failure reply is passed upstream instead of trying the next-closest neighbour',
    breaks: 'key-discovery',
    roles: mutant({ backtracks: () => false }),
  },
  {
    name: 'no-loop-detection',
    description: 'a request whose id was seen before is handled again instead of refused',
    breaks: 'handled-once',
    roles: mutant({ isLoop: () => false }),
  },
  {
    name: 'no-reply-caching',
    description: 'data passed back along the reverse path is not cached on the way',
    breaks: 'reverse-path-caching',
    roles: mutant({ cachesReply: () => false }),
  },
  {
    name: 'no-collision-check',
    description: 'an insert of a held key replaces the data instead of returning it',
    breaks: 'insert-collision',
    roles: mutant({ isCollision: () => false }),
  },
  {
    name: 'no-verification',
    description: 'data is accepted and stored without checking its hash or signature',
    breaks: 'content-integrity',
    roles: mutant({ verifies: () => true }),
  },
];

/** Freenet key-based routing. */
export const freenetProtocol: Protocol<FreenetParams> = {
  name: 'freenet',
  title: 'Freenet: closest-key routing with backtracking, reverse-path caching, insert collisions',
  source:
    'Seed: Freenet slides. Clarke, Sandberg, Wiley, Hong 2001, "Freenet: A Distributed Anonymous ' +
    'Information Storage and Retrieval System". FIFO links; CHK, KSK and SSK keys (Ed25519); ' +
    'two-pass inserts; joins by announcement, leaves, crashes and timers; corrupting nodes.',
  variants,
  properties: [
    keyDiscovery,
    insertCollision,
    handledOnce,
    nonePending,
    reversePathCaching,
    contentIntegrity,
    keyFound,
  ],
  nodes: { min: 2, max: 6, default: 4 },
  defaultRuns: 1000,
  paramsSchema: paramsSchema as unknown as z.ZodType<FreenetParams>,
  configure,
  bounded,
  scenarios,
};
