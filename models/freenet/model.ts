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
import * as fc from 'fast-check';
import { z } from 'zod';
import { contentIntegrity } from '../../properties/content-integrity.ts';
import { insertCollision } from '../../properties/insert-collision.ts';
import { keyDiscovery, keyFound } from '../../properties/key-discovery.ts';
import { handledOnce, nonePending } from '../../properties/request-handling.ts';
import { reversePathCaching } from '../../properties/reverse-path-caching.ts';
import type { Config, Protocol, Role, Variant } from '../kernel/protocol.ts';
import { keyOf, locationOf, proofOf } from './keys.ts';
import { freenetNode } from './node.machine.ts';

/** A client insert: `data` under the key `key` names (`ksk:<description>` or `chk:<data>`). */
export type InsertParams = {
  readonly node: number;
  readonly key: string;
  readonly data: string;
  readonly htl: number;
  /**
   * Who signs it (`ksk:<description>` or `owner:<name>`); absent: the key's rightful signer. Any
   * other signer makes a forgery every node must refuse.
   */
  readonly signer?: string;
};

/** A node that starts outside the network and joins by announcing itself to `seed`. */
export type JoinParams = { readonly seed: number; readonly htl: number };

/** Faults a run may inject: crashes (fail-stop), leaves, and timers. */
export type FreenetFaults = {
  readonly crash?: number;
  readonly leave?: number;
  readonly timeout?: number;
};

/** A client request for the key `key` names. */
export type RequestParams = { readonly node: number; readonly key: string; readonly htl: number };

/** Parameters of a Freenet system. */
export type FreenetParams = {
  /** Node count at the start (joining nodes come after them). */
  readonly nodes: number;
  /** Undirected neighbour links; the topology must be connected. */
  readonly edges: readonly (readonly [number, number])[];
  /** Datastore and routing-table capacity of every node (LRU eviction beyond it). */
  readonly capacity: number;
  /** Inserts `i0`, `i1`… */
  readonly inserts: readonly InsertParams[];
  /** Requests `r0`, `r1`… */
  readonly requests: readonly RequestParams[];
  /** Corrupting nodes: they answer requests with forged data. */
  readonly corrupt: readonly number[];
  /** Joining nodes, numbered from `nodes` on (absent: none). */
  readonly joins?: readonly JoinParams[];
  /** Fault budgets (absent: none). */
  readonly faults?: FreenetFaults;
};

const spec = z.string().regex(/^((ksk|chk):\w+|ssk:\w+\/\w+)$/);
const budget = z.number().int().min(0).max(3).optional();

/** Every node, joining ones included. */
const total = (p: FreenetParams): number => p.nodes + (p.joins?.length ?? 0);

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
        signer: z
          .string()
          .regex(/^(ksk|owner):\w+$/)
          .optional(),
      }),
    ),
    joins: z
      .array(z.strictObject({ seed: z.number().int().nonnegative(), htl: z.number().int().min(1) }))
      .optional(),
    faults: z.strictObject({ crash: budget, leave: budget, timeout: budget }).optional(),
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
  .refine((p) => total(p) <= 8, 'at most 8 nodes, joining ones included')
  .refine((p) => (p.joins ?? []).every((j) => j.seed < p.nodes), 'a joining node seeds off a node')
  .refine(
    (p) => [...p.inserts, ...p.requests].every((o) => o.node < total(p)),
    'inputs go to nodes',
  )
  .refine((p) => p.corrupt.every((n) => n < total(p)), 'corrupting nodes must be nodes')
  .refine(
    (p) => p.inserts.every((i) => !i.key.startsWith('chk:') || i.key === `chk:${i.data}`),
    'a CHK names its data',
  )
  .refine((p) => p.inserts.length + p.requests.length <= 30, 'at most 30 client inputs');

/**
 * Turns parameters into a concrete system: one node per index, its neighbours from the edges;
 * joining nodes start outside with their seed as their only neighbour.
 */
export function configure(p: FreenetParams): Config {
  const joins = p.joins ?? [];
  const neighbours = (self: number) =>
    [...new Set(p.edges.flatMap(([a, b]) => (a === self ? [b] : b === self ? [a] : [])))]
      .sort((a, b) => a - b)
      .map((node) => ({ node, location: locationOf(node) }));
  const input = (self: number, around: ReturnType<typeof neighbours>, announce: number) => ({
    self,
    neighbours: around,
    capacity: p.capacity,
    corrupt: p.corrupt.includes(self),
    announce,
  });
  const faults = p.faults ?? {};
  return {
    network: 'fifo',
    nodes: [
      ...Array.from({ length: p.nodes }, (_, self) => ({
        role: 'node',
        name: `n${self}`,
        input: input(self, neighbours(self), 0),
      })),
      ...joins.map((j, k) => ({
        role: 'node',
        name: `n${p.nodes + k}`,
        input: input(p.nodes + k, [{ node: j.seed, location: locationOf(j.seed) }], j.htl),
        out: true,
      })),
    ],
    inputs: [
      ...p.inserts.map((i, k) => ({
        node: i.node,
        event: {
          type: 'insert',
          id: `i${k}`,
          key: keyOf(i.key),
          data: i.data,
          proof: proofOf(i.key, i.data, i.signer),
          htl: i.htl,
        },
      })),
      ...p.requests.map((r, k) => ({
        node: r.node,
        event: { type: 'request', id: `r${k}`, key: keyOf(r.key), htl: r.htl },
      })),
    ],
    faults: {
      join: joins.length,
      crash: faults.crash ?? 0,
      leave: faults.leave ?? 0,
      timeout: faults.timeout ?? 0,
    },
  };
}

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

const KEYS = ['ksk:alpha', 'ssk:alice/doc', 'chk:a', 'chk:b'] as const;
/** Signers: mostly the rightful one; sometimes a forger (another description or owner). */
const SIGNER = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.constantFrom('ksk:other', 'owner:mallory'), weight: 1 },
);

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
  bounded: (nodes) => bounded(nodes),
  scenarios: ({ minNodes, maxNodes }) =>
    fc
      .tuple(fc.integer({ min: minNodes, max: maxNodes }), fc.nat({ max: 3 }))
      .chain(([n, joiner]) => {
        // One node in four joins later (it counts towards the node bound).
        const joining = joiner === 0 && n > Math.max(2, minNodes) ? 1 : 0;
        return scenario(n - joining, joining);
      }),
};

/** Faults: none in most runs, else a crash, a leave and timers. */
const FAULTS = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  {
    arbitrary: fc.record({ crash: fc.nat(1), leave: fc.nat(1), timeout: fc.nat(2) }),
    weight: 2,
  },
);

/** A scenario with `n` nodes at the start and `joining` joining ones. */
function scenario(n: number, joining: number): fc.Arbitrary<FreenetParams> {
  const all = n + joining;
  const at = fc.nat(all - 1);
  const htl = fc.oneof(fc.constant(all), fc.nat(all + 1));
  const requestHtl = fc.oneof(
    { arbitrary: fc.constant(all), weight: 3 },
    { arbitrary: fc.nat(all + 1), weight: 1 },
  );
  const insert = fc
    .record({ node: at, key: fc.constantFrom(...KEYS), data: fc.constantFrom('a', 'b'), htl })
    .chain((i) =>
      i.key.startsWith('chk:')
        ? fc.constant({ ...i, key: `chk:${i.data}` })
        : SIGNER.map((signer) => (signer === undefined ? i : { ...i, signer })),
    );
  return fc
    .record({
      nodes: fc.constant(n),
      edges: fc
        .tuple(
          fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat(i))),
          fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 }),
        )
        .map(([parents, extra]) => [
          ...parents.map((p, i) => [p, i + 1] as const),
          ...extra.filter(([a, b]) => a !== b),
        ]),
      capacity: fc.oneof(fc.constant(8), fc.constant(8), fc.integer({ min: 1, max: 2 })),
      inserts: fc.array(insert, { minLength: 1, maxLength: 3 }),
      corrupt: fc.oneof(fc.constant([]), fc.tuple(at)),
      requests: fc.array(fc.record({ node: at, key: fc.constantFrom(...KEYS), htl: requestHtl }), {
        minLength: 1,
        maxLength: 2,
      }),
      // Requests mostly ask for an inserted key, so that discovery is exercised.
      asks: fc.array(fc.nat(2), { minLength: 2, maxLength: 2 }),
      joins: fc.array(fc.record({ seed: fc.nat(n - 1), htl: fc.constant(all) }), {
        minLength: joining,
        maxLength: joining,
      }),
      faults: FAULTS,
    })
    .map(({ joins, faults, asks, ...p }) => ({
      ...p,
      requests: p.requests.map((r, k) =>
        asks[k]! > 0 ? { ...r, key: p.inserts[asks[k]! % p.inserts.length]!.key } : r,
      ),
      ...(joins.length > 0 ? { joins } : {}),
      ...(faults !== undefined ? { faults } : {}),
    }));
}

/**
 * The bounded configuration. At 4 nodes: a triangle 0-2-3 (so loops happen) with node 1, the
 * closest to `ksk:alpha`, a leaf off 3 (so greedy routing from 2 hits a dead end and must
 * backtrack). Node 0 holds the key (an insert with HTL 0); node 1 inserts other data under it,
 * which routes 1-3-0 and collides; node 2 requests it, along 2-3-(1)-0 and back through 3. Node 1
 * asks 3 for `chk:t` (never inserted, closest to node 2), which 3 passes to 2, which corrupts and
 * forges it; 3 rejects the forgery and tries 0. Extra nodes hang off node 0 in a chain.
 * Below 4 nodes, churn and failures instead: a line whose first node inserts, one node joining off
 * the last one and requesting the key, and a budget of one crash and one leave.
 */
function bounded(nodes: number): FreenetParams {
  if (nodes < 4) {
    return {
      nodes,
      edges: Array.from({ length: nodes - 1 }, (_, i) => [i, i + 1] as const),
      capacity: 8,
      inserts: [{ node: 0, key: 'ksk:alpha', data: 'b', htl: nodes + 1 }],
      requests: [{ node: nodes, key: 'ksk:alpha', htl: nodes + 1 }],
      corrupt: [],
      joins: [{ seed: nodes - 1, htl: 2 }],
      faults: { crash: 1, leave: 1 },
    };
  }
  const chain = Array.from({ length: nodes - 4 }, (_, i) => [i === 0 ? 0 : i + 3, i + 4] as const);
  return {
    nodes,
    edges: [[0, 2], [2, 3], [3, 0], [1, 3], ...chain],
    capacity: 8,
    inserts: [
      { node: 0, key: 'ksk:alpha', data: 'b', htl: 0 },
      { node: 1, key: 'ksk:alpha', data: 'a', htl: 3 },
    ],
    requests: [
      { node: 2, key: 'ksk:alpha', htl: nodes },
      { node: 1, key: 'chk:t', htl: 3 },
    ],
    corrupt: [2],
  };
}
