/**
 * Gnutella parameters: the servents and their connections, what each shares, the searches and
 * pings users make, joining servents, fault budgets; their schema, and the concrete system they make.
 */
import { z } from 'zod';
import { ceiling, listOf, upTo, type Range } from '../kernel/params.ts';
import type { ParamsOf } from '../kernel/define.ts';
import type { Config } from '../kernel/protocol.ts';
import type { ServentInput } from './messages.ts';
import { tableOf } from './qrt.ts';

/** Servent counts at the start (joining servents come on top): `--nodes` and the generator's. */
export const NODES: Range = { min: 2, max: 5 };

/** The largest TTL a descriptor may start with: the spec's customary 7 (servents drop more). */
export const MAX_TTL = 7;

/**
 * The range of each parameter (at `n` servents where it depends on it): the generator
 * (scenarios.ts) draws from these, the schema accepts up to their largest value or their `limit`.
 */
export const RANGES = {
  servents: { min: NODES.min, max: NODES.max, limit: 8 },
  /** Links beyond a spanning tree's. */
  extraEdges: { min: 0, max: 2, limit: 20 },
  shares: { min: 1, max: 3, limit: 16 },
  searches: { min: 1, max: 2, limit: 10 },
  pings: { min: 0, max: 1, limit: 10 },
  /** A search's or ping's TTL: up to the servents (every simple path), and the spec's 7. */
  ttl: (n: number) => ({ min: 1, max: Math.min(n, MAX_TTL), limit: MAX_TTL }),
  joins: { min: 0, max: 1, limit: 3 },
  firewalled: { min: 0, max: 1, limit: 8 },
  leaves: { min: 0, max: 1, limit: 8 },
  crash: { min: 0, max: 1, limit: 3 },
  leave: { min: 0, max: 1, limit: 3 },
  /** Random walkers (walk.machine.ts): walkers per search, and steps between check-backs. */
  walkers: { min: 1, max: 2, limit: 4 },
  checkEvery: { min: 1, max: 2, limit: MAX_TTL },
  /** Flow control: tokens granted per connection, and the bound on a servent's queue of walkers. */
  credit: { min: 1, max: 2, limit: 4 },
  queue: { min: 1, max: 2, limit: 8 },
  /** Pong and query-hit caching: a cache entry's bound in ticks, and repeats of each request. */
  maxAge: { min: 1, max: 1, limit: 3 },
  repeat: { min: 0, max: 2, limit: 3 },
} as const;

/** The most servents, joining ones included. */
const MAX_TOTAL = ceiling(RANGES.servents, NODES);

const ttl = z
  .number()
  .int()
  .min(1, { message: 'a TTL must be at least 1' })
  .max(MAX_TTL, { message: `a TTL must be at most ${MAX_TTL} (the Gnutella 0.4 norm)` });
const node = z.number().int().nonnegative();
const key = z.string().regex(/^\w+$/, { message: 'a key is a word (letters, digits, _)' });

/** The parameters' schema (traces and files are validated against it). */
export const paramsSchema = z
  .strictObject({
    servents: upTo(RANGES.servents, NODES, 2),
    /** Undirected connections; the topology must be connected. */
    edges: listOf(
      z.tuple([node, node]),
      (n) => ({ min: n - 1, max: n - 1 + RANGES.extraEdges.max, limit: RANGES.extraEdges.limit }),
      NODES,
    ),
    /** Who shares which key. */
    shares: listOf(z.strictObject({ node, key }), RANGES.shares, NODES),
    /** Servents behind firewalls: their hits need a Push. */
    firewalled: listOf(node, RANGES.firewalled, NODES),
    /** Searches `q0`, `q1`…: at `node`, for `key`, with `ttl`. */
    searches: listOf(z.strictObject({ node, key, ttl }), RANGES.searches, NODES),
    /** Host discovery: a Ping at `node` with `ttl`. */
    pings: listOf(z.strictObject({ node, ttl }), RANGES.pings, NODES).optional(),
    /** Joining servents, numbered from `servents` on: each connects to `known` and pings (`ping` TTL, 0: no ping). */
    joins: listOf(
      z.strictObject({ known: node, ping: ttl.or(z.literal(0)) }),
      RANGES.joins,
      NODES,
    ).optional(),
    /**
     * Leaves, for the ultrapeer variant (the others ignore it): servents of the start whose every
     * connection is to an ultrapeer (a servent that is not a leaf).
     */
    leaves: listOf(node, RANGES.leaves, NODES).optional(),
    /**
     * Bandwidth classes, for the capacity-matching variant (the others ignore it): servent i's
     * class is `classes[i]` (0 a modem … 3 a T1; 1 where none is given).
     */
    classes: z
      .array(
        z.number().int().min(0).max(3, { message: 'a bandwidth class is 0 (modem) to 3 (T1)' }),
      )
      .optional(),
    /**
     * Random walkers, for the random-walk variants (the others ignore it): `k` walkers per search,
     * each checking back with its requester every `checkEvery` steps (2 and 2 where none is given).
     */
    walkers: z
      .strictObject({
        k: upTo(RANGES.walkers, NODES, 1),
        checkEvery: upTo(RANGES.checkEvery, NODES, 1),
      })
      .optional(),
    /**
     * Flow control, for the flow-control variant (the others ignore it): the tokens a servent
     * grants each neighbour (`credit`), and the bound on its queue of walkers received and waiting
     * to go on (`queue`; 1 and 2 where none is given).
     */
    flow: z
      .strictObject({
        credit: upTo(RANGES.credit, NODES, 1),
        queue: upTo(RANGES.queue, NODES, 1),
      })
      .optional(),
    /**
     * Pong and query-hit caching, for the caching variants (the others ignore it): a cache entry
     * expires `maxAge` ticks of its servent's clock after it was learned; a servent repeats its
     * host discovery and its searches `repeat` times, one tick apart (1 and 2 where none is given).
     */
    cache: z
      .strictObject({
        maxAge: upTo(RANGES.maxAge, NODES, 1),
        repeat: upTo(RANGES.repeat, NODES),
      })
      .optional(),
    faults: z
      .strictObject({
        crash: upTo(RANGES.crash, NODES).optional(),
        leave: upTo(RANGES.leave, NODES).optional(),
      })
      .optional(),
  })
  .refine(
    (p) => p.edges.every(([a, b]) => a < p.servents && b < p.servents && a !== b),
    'a connection joins two distinct servents (numbered from 0)',
  )
  .refine((p) => connected(p.servents, p.edges), 'the topology must be connected')
  .refine((p) => total(p) <= MAX_TOTAL, `at most ${MAX_TOTAL} servents, joining ones included`)
  .refine(
    (p) => (p.joins ?? []).every((j) => j.known < p.servents),
    "a joining servent's known host must be a servent of the start",
  )
  .refine(
    (p) =>
      (p.leaves ?? []).every(
        (l) =>
          l < p.servents &&
          p.edges.some((e) => e.includes(l)) &&
          p.edges.every(
            ([a, b]) => !(a === l && p.leaves!.includes(b)) && !(b === l && p.leaves!.includes(a)),
          ),
      ),
    'a leaf is a servent of the start connected only to ultrapeers (servents that are not leaves)',
  )
  .refine((p) => (p.classes ?? []).length <= total(p), 'at most one bandwidth class per servent')
  .refine(
    (p) => (p.joins ?? []).every((j) => !(p.leaves ?? []).includes(j.known)),
    "a joining servent's known host must be an ultrapeer, not a leaf",
  )
  .refine(
    (p) => (p.leaves ?? []).length === 0 || ultrapeersConnected(p.servents, p.edges, p.leaves!),
    'the ultrapeers (the servents of the start that are not leaves) must be connected among themselves',
  )
  .refine(
    (p) =>
      [...p.shares, ...p.searches, ...(p.pings ?? [])].every((o) => o.node < total(p)) &&
      p.firewalled.every((n) => n < total(p)),
    'shares, searches, pings and firewalls name servents',
  );

/** Gnutella parameters (read-only), as the schema says. */
export type GnutellaParams = ParamsOf<typeof paramsSchema>;

/** Every servent, joining ones included. */
export const total = (p: {
  readonly servents: number;
  readonly joins?: readonly unknown[];
}): number => p.servents + (p.joins?.length ?? 0);

/** Whether the edges connect all `n` servents. */
export function connected(n: number, edges: readonly (readonly [number, number])[]): boolean {
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
  return reached.size === n;
}

/** Whether the servents of the start other than `leaves` are connected among themselves. */
export function ultrapeersConnected(
  n: number,
  edges: readonly (readonly [number, number])[],
  leaves: readonly number[],
): boolean {
  const ups = Array.from({ length: n }, (_, i) => i).filter((i) => !leaves.includes(i));
  if (ups.length === 0) return false;
  const index = new Map(ups.map((u, i) => [u, i]));
  const inner = edges
    .filter(([a, b]) => index.has(a) && index.has(b))
    .map(([a, b]) => [index.get(a)!, index.get(b)!] as const);
  return connected(ups.length, inner);
}

/** Servent `node`'s connections at the start. */
const degreeOf = (p: GnutellaParams, node: number): number =>
  new Set(p.edges.flatMap(([a, b]) => (a === node ? [b] : b === node ? [a] : []))).size;

/** Servent `self`'s input. */
export function inputOf(p: GnutellaParams, self: number): ServentInput {
  const join = self >= p.servents ? p.joins?.[self - p.servents] : undefined;
  const neighbours = p.edges.flatMap(([a, b]) => (a === self ? [b] : b === self ? [a] : []));
  const around = [...new Set(neighbours)].sort((a, b) => a - b);
  const leaves = p.leaves ?? [];
  const sharedBy = (n: number) => p.shares.filter((s) => s.node === n).map((s) => s.key);
  return {
    self,
    neighbours: around,
    shares: p.shares.filter((s) => s.node === self).map((s) => s.key),
    firewalled: p.firewalled.includes(self),
    known: join?.known ?? null,
    pingTtl: join?.ping ?? 0,
    tables: around.map((n) => [n, tableOf(sharedBy(n))] as const),
    classes: p.classes ?? [],
    cache: p.cache ?? { maxAge: 1, repeat: 2 },
    walkers: p.walkers ?? { k: 2, checkEvery: 2 },
    flow: p.flow ?? { credit: 1, queue: 2 },
    degrees: around.map((n) => [n, degreeOf(p, n)] as const),
    leaf: leaves.includes(self),
    leafIndex: leaves.includes(self)
      ? []
      : around.filter((n) => leaves.includes(n)).map((n) => [n, sharedBy(n)] as const),
  };
}

/**
 * Turns parameters into a concrete system: one servent per index with its connections; joining
 * servents start outside and connect to their known host. Connections are TCP: FIFO and reliable
 * (no `drop` fault); descriptors are lost only with a crashed or leaving servent, which the
 * history shows.
 */
export function configure(p: GnutellaParams): Config {
  const faults = p.faults ?? {};
  return {
    network: 'fifo',
    nodes: Array.from({ length: total(p) }, (_, self) => ({
      role: 'servent',
      name: `s${self}`,
      input: inputOf(p, self),
      ...(self >= p.servents ? { out: true } : {}),
    })),
    inputs: [
      ...p.searches.map((s, k) => ({
        node: s.node,
        event: { type: 'search', id: `q${k}`, key: s.key, ttl: s.ttl },
      })),
      ...(p.pings ?? []).map((g) => ({ node: g.node, event: { type: 'ping', ttl: g.ttl } })),
    ],
    faults: {
      join: p.joins?.length ?? 0,
      crash: faults.crash ?? 0,
      leave: faults.leave ?? 0,
    },
    links: linksOf(p),
  };
}

/**
 * Who may ever send to whom (for partial-order reduction; the kernel refuses any other send): a
 * servent talks over its connections, to its neighbours and, for a joining servent, to its known
 * host (and back); and a requester and the servents its random walkers reach talk directly (the
 * walkers check back with it, out of band).
 */
function linksOf(p: GnutellaParams): number[][] {
  const n = total(p);
  const links = Array.from({ length: n }, (_, self) => new Set(inputOf(p, self).neighbours));
  (p.joins ?? []).forEach((join, k) => {
    const self = p.servents + k;
    links[self]!.add(join.known);
    links[join.known]!.add(self);
  });
  for (const { node } of p.searches) {
    for (let other = 0; other < n; other++) {
      if (other === node) continue;
      links[node]!.add(other);
      links[other]!.add(node);
    }
  }
  return links.map((s) => [...s].sort((a, b) => a - b));
}
