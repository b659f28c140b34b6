/**
 * Freenet parameters: what a configuration names (topology, capacities, client inputs, joining
 * nodes, fault budgets), their schema, and the concrete system they make.
 */
import { z } from 'zod';
import { ceiling, listOf, upTo, type Range } from '../kernel/params.ts';
import type { Config } from '../kernel/protocol.ts';
import { keyOf, locationOf, proofOf } from './keys.ts';

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
  /** Corrupting nodes: they answer requests with forged data and alter the data they pass on. */
  readonly corrupt: readonly number[];
  /** Joining nodes, numbered from `nodes` on (absent: none). */
  readonly joins?: readonly JoinParams[];
  /** Fault budgets (absent: none). */
  readonly faults?: FreenetFaults;
};

/** Node counts, joining nodes included: the generator's range (model.ts's `nodes` for `--nodes`). */
export const NODES: Range = { min: 2, max: 6 };

/**
 * The range of each parameter (at `n` nodes in all where it depends on it): the generator
 * (scenarios.ts) draws from these, the schema accepts up to their largest value or their `limit`
 * (see models/kernel/params.ts).
 */
export const RANGES = {
  /** Nodes in all, joining ones included. */
  nodes: { min: NODES.min, max: NODES.max, limit: 8 },
  /** Links beyond a spanning tree's (drawn before self-links are dropped). */
  extraEdges: { min: 0, max: 3, limit: Infinity },
  /** Every node's capacity: 8 (ample) or a tight 1 or 2. */
  capacity: { min: 1, max: 8, limit: Infinity },
  /** Client inputs (the kernel takes 30 in all). */
  inserts: { min: 1, max: 3, limit: 30 },
  requests: { min: 1, max: 2, limit: 30 },
  /** Hops to live of an insert, a request or a join: up to one more than the nodes. */
  htl: (n: number) => ({ min: 0, max: n + 1, limit: Infinity }),
  corrupt: { min: 0, max: 1, limit: Infinity },
  joins: { min: 0, max: 1, limit: Infinity },
  crash: { min: 0, max: 1, limit: 3 },
  leave: { min: 0, max: 1, limit: 3 },
  timeout: { min: 0, max: 2, limit: 3 },
} as const;

/** The most nodes a configuration has, joining ones included. */
const MAX_TOTAL = ceiling(RANGES.nodes, NODES);

const spec = z.string().regex(/^((ksk|chk):\w+|ssk:\w+\/\w+)$/);
const htl = upTo(RANGES.htl, NODES);

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

/** The parameters' schema (traces and files are validated against it). */
export const paramsSchema = z
  .strictObject({
    nodes: upTo(RANGES.nodes, NODES, 1),
    // A spanning tree's links and the extra ones.
    edges: listOf(
      z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
      (n) => ({ min: n - 1, max: n - 1 + RANGES.extraEdges.max, limit: RANGES.extraEdges.limit }),
      NODES,
    ),
    capacity: upTo(RANGES.capacity, NODES, 1),
    inserts: listOf(
      z.strictObject({
        node: z.number().int().nonnegative(),
        key: spec,
        data: z.string().regex(/^\w+$/),
        htl,
        signer: z
          .string()
          .regex(/^(ksk|owner):\w+$/)
          .optional(),
      }),
      RANGES.inserts,
      NODES,
    ),
    joins: listOf(
      z.strictObject({ seed: z.number().int().nonnegative(), htl: htl.min(1) }),
      RANGES.joins,
      NODES,
    ).optional(),
    faults: z
      .strictObject({
        crash: upTo(RANGES.crash, NODES).optional(),
        leave: upTo(RANGES.leave, NODES).optional(),
        timeout: upTo(RANGES.timeout, NODES).optional(),
      })
      .optional(),
    corrupt: listOf(z.number().int().nonnegative(), RANGES.corrupt, NODES),
    requests: listOf(
      z.strictObject({ node: z.number().int().nonnegative(), key: spec, htl }),
      RANGES.requests,
      NODES,
    ),
  })
  .refine(
    (p) => p.edges.every((e) => e.every((n) => n < p.nodes) && e[0] !== e[1]),
    'edges join two distinct nodes',
  )
  .refine((p) => connected(p.nodes, p.edges), 'the topology must be connected')
  .refine((p) => total(p) <= MAX_TOTAL, `at most ${MAX_TOTAL} nodes, joining ones included`)
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
