/**
 * Transactions on a server group under two-phase locking: the protocol definition (parameters,
 * configurations, variants, the properties it promises). The roles are in client.machine.ts
 * (transaction manager), server.machine.ts (data and lock manager) and detector.machine.ts; the
 * three deadlock policies are named guard sets in deadlock-policies.ts, supplied with `provide`.
 *
 * Source: the seed's "Transactions" (requests processed in parallel must still look serial; locks
 * and locking rules get there); Bernstein, Hadzilacos, Goodman, "Concurrency Control and Recovery in
 * Database Systems", 1987 (strict 2PL, distributed deadlock detection); Rosenkrantz, Stearns, Lewis
 * 1978 (wait-die, wound-wait); anomalies in Adya's terms (1999), checked as Elle does (Kingsbury &
 * Alvaro, VLDB 2020).
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import { lockCompatibility } from '../../properties/lock-compatibility.ts';
import { lockFairness } from '../../properties/lock-fairness.ts';
import { lockedOperations } from '../../properties/locked-operations.ts';
import { restartCommits } from '../../properties/restart-commits.ts';
import { serializability } from '../../properties/serializability.ts';
import { transactionProgress } from '../../properties/transaction-progress.ts';
import { drawn, lengths, listOf, upTo } from '../kernel/params.ts';
import { defineProtocol } from '../kernel/define.ts';
import type { Config, Role, Variant } from '../kernel/protocol.ts';
import { client } from './client.machine.ts';
import { waitDie, waitForGraph, woundWait } from './deadlock-policies.ts';
import { detector } from './detector.machine.ts';
import { twoPhaseLockingManifest } from './manifest.ts';
import { ITEMS } from './messages.ts';
import { server } from './server.machine.ts';

/** One transaction of a configuration: its client, its operations (`rx`, `wy`), whether it may roll back. */
export type TxnParams = {
  readonly client: number;
  readonly ops: readonly string[];
  readonly mayAbort: boolean;
};

/** Parameters of a two-phase-locking system. */
export type TwoPhaseLockingParams = {
  /** Client nodes (transaction managers). */
  readonly clients: number;
  /** Server nodes; item i lives on server i mod servers. */
  readonly servers: number;
  /** Data items in use: x, y, z, u in order. */
  readonly items: number;
  /** The transactions, `t0`, `t1`… in order (their index is their timestamp). */
  readonly txns: readonly TxnParams[];
};

/** Node counts (clients, servers and the detector): `--nodes` and the generator's range. */
const NODES = {
  min: 4,
  max: 7,
  default: 5,
  counts: 'all nodes: clients, servers and the deadlock detector',
} as const;

/** Clients at `n` nodes: at least two (so transactions conflict), at least one server. */
const clientRange = (n: number) => ({ min: 2, max: n - 2, limit: 4 });

/**
 * The range of each parameter (at `n` nodes where it depends on it): the generator draws from
 * these, the schema accepts up to their largest value or their `limit` (see
 * models/kernel/params.ts).
 */
export const RANGES = {
  clients: clientRange,
  // Not drawn: every node but the clients and the detector.
  servers: (n: number) => ({
    min: n - 1 - clientRange(n).max,
    max: n - 1 - clientRange(n).min,
    limit: 4,
  }),
  items: { min: 1, max: ITEMS.length },
  txns: { min: 2, max: 4, limit: 12 },
  ops: { min: 1, max: 3, limit: 6 },
} as const;

const paramsSchema = z
  .strictObject({
    clients: upTo(RANGES.clients, NODES, 1),
    servers: upTo(RANGES.servers, NODES, 1),
    items: upTo(RANGES.items, NODES, 1),
    txns: listOf(
      z.strictObject({
        client: z.number().int().nonnegative(),
        ops: listOf(z.string().regex(/^[rw][xyzu]$/), RANGES.ops, NODES).min(1),
        mayAbort: z.boolean(),
      }),
      RANGES.txns,
      NODES,
    ),
  })
  .refine((p) => p.txns.every((t) => t.client < p.clients), 'every transaction needs a client')
  .refine(
    (p) => p.txns.every((t) => t.ops.every((op) => ITEMS.indexOf(op[1] as 'x') < p.items)),
    'every operation must use one of the configured items',
  );

/** Nodes: the clients, then the servers, then the deadlock detector. */
export function configure(p: TwoPhaseLockingParams): Config {
  const detectorNode = p.clients + p.servers;
  const items = ITEMS.slice(0, p.items);
  const home = Object.fromEntries(items.map((item, i) => [item, p.clients + (i % p.servers)]));
  return {
    network: 'fifo',
    nodes: [
      ...Array.from({ length: p.clients }, (_, i) => ({
        role: 'client',
        name: `c${i}`,
        input: { home },
      })),
      ...Array.from({ length: p.servers }, (_, i) => ({
        role: 'server',
        name: `s${i}`,
        input: { items: items.filter((_, k) => k % p.servers === i), detector: detectorNode },
      })),
      { role: 'detector', name: 'dd', input: {} },
    ],
    inputs: p.txns.map((t, k) => ({
      node: t.client,
      event: { type: 'submit', txn: `t${k}`, ts: k, ops: t.ops, mayAbort: t.mayAbort },
    })),
    faults: {},
  };
}

const clientRole: Role = { machine: client, choices: [{ type: 'chooseAbort' }] };
const serverRole: Role = { machine: server };
const detectorRole: Role = { machine: detector };
const roles = { client: clientRole, server: serverRole, detector: detectorRole };
const withServer = (machine: Role['machine']) => ({ ...roles, server: { machine } });

/** The variants: three deadlock policies under strict 2PL, and the mutants the properties catch. */
export const variants: readonly Variant[] = [
  {
    name: 'wait-for-graph',
    description:
      'strict 2PL; a central detector aborts the youngest transaction of a wait-for cycle',
    roles: withServer(server.provide({ guards: waitForGraph })),
  },
  {
    name: 'wait-die',
    description:
      'strict 2PL; an older requester waits, a younger one dies and restarts after the holder',
    roles: withServer(server.provide({ guards: waitDie })),
  },
  {
    name: 'wound-wait',
    description:
      'strict 2PL; an older requester wounds (aborts) younger holders, a younger one waits',
    roles: withServer(server.provide({ guards: woundWait })),
  },
  {
    name: 'non-two-phase',
    description:
      'releases each lock right after its operation, so a transaction locks after unlocking',
    breaks: 'serializability',
    roles: withServer(server.provide({ guards: { holdsLocks: () => false } })),
  },
  {
    name: 'read-without-lock',
    description: 'serves a read without taking a shared lock',
    breaks: 'locked-operations',
    roles: withServer(server.provide({ guards: { locksReads: () => false } })),
  },
  {
    name: 'no-deadlock-handling',
    description: 'lock managers never report waits, so a deadlock is never broken',
    breaks: 'transaction-progress',
    roles: withServer(server.provide({ guards: { reportsWaits: () => false } })),
  },
  {
    name: 'non-strict',
    description: 'releases locks at the lock point, before commit or abort (an abort can be read)',
    breaks: 'serializability',
    roles: {
      ...roles,
      client: { ...clientRole, machine: client.provide({ guards: { strict: () => false } }) },
    },
  },
  {
    name: 'exclusive-shared',
    description: 'the lock manager treats every lock as compatible with every other',
    breaks: 'lock-compatibility',
    roles: withServer(server.provide({ guards: { compatible: () => true } })),
  },
  {
    name: 'barging-waiters',
    description:
      'grants a request compatible with the holders ahead of earlier conflicting waiters (no fair queue)',
    breaks: 'lock-fairness',
    roles: withServer(server.provide({ guards: { queuesBehindWaiters: () => false } })),
  },
  {
    name: 'die-as-busy',
    description:
      'wait-die, but a transaction manager takes Die for a busy signal: it sends the same ' +
      'operation again and keeps its locks, so a younger transaction holding what an older one ' +
      'waits for is refused and asks again forever (a livelock)',
    breaks: 'transaction-progress',
    roles: {
      ...withServer(server.provide({ guards: waitDie })),
      client: { ...clientRole, machine: client.provide({ guards: { abortsOnDie: () => false } }) },
    },
  },
];

/**
 * The bounded configuration from 6 nodes: three clients, two servers (x on s0, y on s1), and
 * transactions that cross them. t0 writes x, then y, then x again, and may roll back: the abort
 * must restore x's value from before its first write; it holds locks at s0 while it locks at s1
 * and back. t1 reads y then x, so it can wait at s1 for t0, then at s0 (or deadlock with it
 * across the two servers, which only the central detector sees). t2 reads x then writes it: a lock
 * upgrade, which waits for the other readers' shared locks.
 */
function twoServers(nodes: number): TwoPhaseLockingParams {
  return {
    clients: 3,
    servers: nodes - 4,
    items: 2,
    txns: [
      { client: 0, ops: ['wx', 'wy', 'wx'], mayAbort: true },
      { client: 1, ops: ['ry', 'rx'], mayAbort: false },
      { client: 2, ops: ['rx', 'wx'], mayAbort: false },
    ],
  };
}

/** Transactions over items on a server group, under strict two-phase locking. */
export const twoPhaseLockingProtocol = defineProtocol({
  name: 'two-phase-locking',
  title: 'Serializable transactions on a server group by strict two-phase locking',
  source:
    'Seed: Transactions (parallel requests must look serial; locks and locking rules). Bernstein, ' +
    'Hadzilacos, Goodman 1987 (strict 2PL, distributed deadlock detection); Rosenkrantz, Stearns, ' +
    'Lewis 1978 (wait-die, wound-wait); anomalies after Adya 1999, checked as Elle (VLDB 2020). ' +
    'Reliable FIFO channels, no crashes (no logging or atomic commit), one central deadlock detector.',
  variants,
  properties: [
    serializability,
    lockCompatibility,
    lockFairness,
    lockedOperations,
    transactionProgress,
    restartCommits,
  ],
  nodes: NODES,
  defaultRuns: 1000,
  paramsSchema,
  configure,
  manifest: twoPhaseLockingManifest,
  // Two transactions on two clients that read one item and write the other, crosswise: enough to
  // deadlock, to interleave non-serializably without locks, and (t0 may roll back) to read an
  // aborted write once locks go early; a third reads x on its own client (from 5 nodes), so it can
  // arrive while t1's write waits for t0's shared lock: the fair queue makes it wait behind t1,
  // and a lock manager that lets it overtake (barging-waiters) is caught.
  bounded: (nodes) => {
    if (nodes >= 6) return twoServers(nodes);
    const clients = nodes >= 5 ? 3 : 2;
    return {
      clients,
      servers: nodes - 1 - clients,
      items: 2,
      txns: [
        { client: 0, ops: ['rx', 'wy'], mayAbort: true },
        { client: 1, ops: ['ry', 'wx'], mayAbort: false },
        { client: clients - 1, ops: ['rx'], mayAbort: false },
      ],
    };
  },
  scenarios: ({ minNodes, maxNodes }) =>
    fc
      .integer({ min: Math.max(NODES.min, minNodes), max: Math.max(NODES.min, maxNodes) })
      .chain((nodes) =>
        drawn(RANGES.clients, nodes).chain((clients) =>
          drawn(RANGES.items, nodes).chain((items) =>
            fc.record({
              clients: fc.constant(clients),
              servers: fc.constant(nodes - 1 - clients),
              items: fc.constant(items),
              txns: fc.array(
                fc.record({
                  client: fc.nat(clients - 1),
                  ops: fc.array(
                    fc
                      .tuple(fc.constantFrom('r', 'w'), fc.constantFrom(...ITEMS.slice(0, items)))
                      .map(([f, item]) => `${f}${item}`),
                    lengths(RANGES.ops, nodes),
                  ),
                  mayAbort: fc.boolean(),
                }),
                lengths(RANGES.txns, nodes),
              ),
            }),
          ),
        ),
      ),
});
