/**
 * Freenet parameters: what a configuration names (topology, capacities, client inputs, joining
 * nodes, fault budgets), their schema, and the concrete system they make.
 */
import { z } from 'zod';
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

/** The parameters' schema (traces and files are validated against it). */
export const paramsSchema = z
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
