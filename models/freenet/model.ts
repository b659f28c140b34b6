/**
 * Freenet: key-based routing with backtracking, caching along the reverse path and insert
 * collisions: the protocol definition (parameters, configurations, variants, properties). The node
 * logic is in node.step.ts (pure, shared by the xstate machine in node.machine.ts and the simulator),
 * the keys in keys.ts.
 *
 * Source: the seed's Freenet slides; Clarke, Sandberg, Wiley, Hong, "Freenet: A Distributed
 * Anonymous Information Storage and Retrieval System" (2001). Network: FIFO, as Freenet runs over
 * connections between neighbours; a request is a single token moving depth-first, so ordering only
 * matters between different requests. Simplified: a static connected topology from the parameters,
 * no joins, leaves or failures, KSK and CHK keys only (no signed subspaces); corrupting nodes forge
 * replies for CHKs only (forging a KSK would need its signature, not modelled).
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import { contentIntegrity } from '../../properties/content-integrity.ts';
import { insertCollision } from '../../properties/insert-collision.ts';
import { keyDiscovery, keyFound } from '../../properties/key-discovery.ts';
import { handledOnce, nonePending } from '../../properties/request-handling.ts';
import { reversePathCaching } from '../../properties/reverse-path-caching.ts';
import type { Config, Protocol, Role, Variant } from '../kernel/protocol.ts';
import { keyOf, locationOf } from './keys.ts';
import { freenetNode } from './node.machine.ts';

/** A client insert: `data` under the key `key` names (`ksk:<description>` or `chk:<data>`). */
export type InsertParams = {
  readonly node: number;
  readonly key: string;
  readonly data: string;
  readonly htl: number;
};

/** A client request for the key `key` names. */
export type RequestParams = { readonly node: number; readonly key: string; readonly htl: number };

/** Parameters of a Freenet system. */
export type FreenetParams = {
  /** Node count. */
  readonly nodes: number;
  /** Undirected neighbour links; the topology must be connected. */
  readonly edges: readonly (readonly [number, number])[];
  /** Datastore and routing-table capacity of every node (LRU eviction beyond it). */
  readonly capacity: number;
  /** Inserts `i0`, `i1`… */
  readonly inserts: readonly InsertParams[];
  /** Requests `r0`, `r1`… */
  readonly requests: readonly RequestParams[];
  /** Corrupting nodes: they answer requests for content-hash keys with forged data. */
  readonly corrupt: readonly number[];
};

const spec = z.string().regex(/^(ksk|chk):\w+$/);

/** Whether the edges connect all `nodes` nodes. */
export function connected(nodes: number, edges: readonly (readonly [number, number])[]): boolean {
  const reached = new Set([0]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [a, b] of edges) {
      if (reached.has(a) !== reached.has(b)) {
        reached.add(a).add(b);
        grew = true;
      }
    }
  }
  return reached.size === nodes;
}

const paramsSchema = z
  .strictObject({
    nodes: z.number().int().min(1).max(8),
    edges: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
    capacity: z.number().int().min(1),
    inserts: z.array(
      z.strictObject({
        node: z.number().int().nonnegative(),
        key: spec,
        data: z.string().regex(/^\w+$/),
        htl: z.number().int().nonnegative(),
      }),
    ),
    corrupt: z.array(z.number().int().nonnegative()),
    requests: z.array(
      z.strictObject({
        node: z.number().int().nonnegative(),
        key: spec,
        htl: z.number().int().nonnegative(),
      }),
    ),
  })
  .refine(
    (p) => p.edges.every((e) => e.every((n) => n < p.nodes) && e[0] !== e[1]),
    'edges join two distinct nodes',
  )
  .refine((p) => connected(p.nodes, p.edges), 'the topology must be connected')
  .refine((p) => [...p.inserts, ...p.requests].every((o) => o.node < p.nodes), 'inputs go to nodes')
  .refine((p) => p.corrupt.every((n) => n < p.nodes), 'corrupting nodes must be nodes')
  .refine(
    (p) => p.inserts.every((i) => !i.key.startsWith('chk:') || i.key === `chk:${i.data}`),
    'a CHK names its data',
  )
  .refine((p) => p.inserts.length + p.requests.length <= 30, 'at most 30 client inputs');

/** Turns parameters into a concrete system: one node per index, its neighbours from the edges. */
export function configure(p: FreenetParams): Config {
  const neighbours = (self: number) =>
    [...new Set(p.edges.flatMap(([a, b]) => (a === self ? [b] : b === self ? [a] : [])))]
      .sort((a, b) => a - b)
      .map((node) => ({ node, location: locationOf(node) }));
  return {
    network: 'fifo',
    nodes: Array.from({ length: p.nodes }, (_, self) => ({
      role: 'node',
      name: `n${self}`,
      input: {
        self,
        neighbours: neighbours(self),
        capacity: p.capacity,
        corrupt: p.corrupt.includes(self),
      },
    })),
    inputs: [
      ...p.inserts.map((i, k) => ({
        node: i.node,
        event: { type: 'insert', id: `i${k}`, key: keyOf(i.key), data: i.data, htl: i.htl },
      })),
      ...p.requests.map((r, k) => ({
        node: r.node,
        event: { type: 'request', id: `r${k}`, key: keyOf(r.key), htl: r.htl },
      })),
    ],
    faults: {},
  };
}

const node: Role = { machine: freenetNode };
const mutant = (guards: Record<string, () => boolean>): Readonly<Record<string, Role>> => ({
  node: { machine: freenetNode.provide({ guards }) },
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
    description: 'data under a content-hash key is accepted without checking its hash',
    breaks: 'content-integrity',
    roles: mutant({ verifies: () => true }),
  },
];

const KEYS = ['ksk:alpha', 'ksk:beta', 'chk:a', 'chk:b'] as const;

/** Freenet key-based routing. */
export const freenetProtocol: Protocol<FreenetParams> = {
  name: 'freenet',
  title: 'Freenet: closest-key routing with backtracking, reverse-path caching, insert collisions',
  source:
    'Seed: Freenet slides. Clarke, Sandberg, Wiley, Hong 2001, "Freenet: A Distributed Anonymous ' +
    'Information Storage and Retrieval System". Static connected topology, FIFO links; KSK and CHK ' +
    'keys, corrupting nodes caught by CHKs; no joins, failures or signed subspaces.',
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
  bounded: (nodes) => bounded(nodes),
  scenarios: ({ minNodes, maxNodes }) =>
    fc.integer({ min: minNodes, max: maxNodes }).chain((n) => {
      const at = fc.nat(n - 1);
      const htl = fc.oneof(fc.constant(n), fc.nat(n + 1));
      const requestHtl = fc.oneof(
        { arbitrary: fc.constant(n), weight: 3 },
        { arbitrary: fc.nat(n + 1), weight: 1 },
      );
      return fc.record({
        nodes: fc.constant(n),
        edges: fc
          .tuple(
            fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat(i))),
            fc.array(fc.tuple(at, at), { maxLength: 3 }),
          )
          .map(([parents, extra]) => [
            ...parents.map((p, i) => [p, i + 1] as const),
            ...extra.filter(([a, b]) => a !== b),
          ]),
        capacity: fc.oneof(fc.constant(8), fc.constant(8), fc.integer({ min: 1, max: 2 })),
        inserts: fc.array(
          fc
            .record({
              node: at,
              key: fc.constantFrom(...KEYS),
              data: fc.constantFrom('a', 'b'),
              htl,
            })
            .map((i) => (i.key.startsWith('chk:') ? { ...i, key: `chk:${i.data}` } : i)),
          { minLength: 1, maxLength: 3 },
        ),
        corrupt: fc.oneof(fc.constant([]), fc.tuple(at)),
        requests: fc.array(
          fc.record({ node: at, key: fc.constantFrom(...KEYS), htl: requestHtl }),
          {
            minLength: 1,
            maxLength: 2,
          },
        ),
      });
    }),
};

/**
 * The bounded configuration. At 4 nodes: a triangle 0-2-3 (so loops happen) with node 1, the
 * closest to `ksk:alpha`, a leaf off 3 (so greedy routing from 2 hits a dead end and must
 * backtrack). Node 0 holds the key (an insert with HTL 0); node 1 inserts other data under it,
 * which routes 1-3-0 and collides; node 2 requests it, along 2-3-(1)-0 and back through 3. Node 1
 * asks 3, which corrupts, for `chk:c` (never inserted), and 3 forges it.
 * Extra nodes hang off node 0 in a chain; below 4 nodes, a line.
 */
function bounded(nodes: number): FreenetParams {
  if (nodes < 4) {
    return {
      nodes,
      edges: Array.from({ length: nodes - 1 }, (_, i) => [i, i + 1] as const),
      capacity: 8,
      inserts: [{ node: 0, key: 'ksk:alpha', data: 'b', htl: nodes }],
      requests: [{ node: nodes - 1, key: 'ksk:alpha', htl: nodes }],
      corrupt: [],
    };
  }
  const chain = Array.from({ length: nodes - 4 }, (_, i) => [i === 0 ? 0 : i + 3, i + 4] as const);
  return {
    nodes,
    edges: [[0, 2], [2, 3], [3, 0], [1, 3], ...chain],
    capacity: 8,
    inserts: [
      { node: 0, key: 'ksk:alpha', data: 'b', htl: 0 },
      { node: 1, key: 'ksk:alpha', data: 'a', htl: nodes },
    ],
    requests: [
      { node: 2, key: 'ksk:alpha', htl: nodes },
      { node: 1, key: 'chk:c', htl: nodes },
    ],
    corrupt: [3],
  };
}
