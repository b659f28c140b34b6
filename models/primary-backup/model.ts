/**
 * A server group for availability: a master and slaves behind one group name, serving a key-value
 * store of counters, with fail-over by view change. The protocol definition (configurations,
 * variants, the properties it promises); the roles are in server.machine.ts and client.machine.ts.
 *
 * Source: the seed's "Groups to Enhance Availability" (master & slaves, fail-over; replicas must
 * not repeat or miss actions); Budhiraja, Marzullo, Schneider, Toueg, "The primary-backup
 * approach" (1993); Alsberg & Day, "A principle for resilient sharing of distributed resources"
 * (ICSE 1976); the view change simplified from Viewstamped Replication (Oki & Liskov 1988).
 *
 * Network: reliable FIFO channels, as the primary-backup papers assume (TCP between servers): the
 * master's updates, its commits and the view it starts reach a slave in the order sent, so a slave
 * appends without gap detection. Loss is what a crash causes (the kernel discards what is in flight
 * to a crashed node), and a client cannot tell it from slowness, so it retries.
 *
 * Faults: crashes (f < n/2: the view change needs a majority), early timeouts (a client's retry, a
 * server's suspicion of a master that is only slow), partitions and heals: a partition cannot make
 * two masters commit, since commit needs every member of the view and a new view a majority of
 * promises (so the old master's slaves on the other side stop acknowledging); it only blocks.
 * The kernel may spend the crash budget on a client instead: its operation then stays pending.
 * Simplified: no recovery, no joins (a crashed server is gone; the group shrinks to a majority).
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import { failOver } from '../../properties/fail-over.ts';
import { keyValueLinearizability } from '../../properties/key-value-spec.ts';
import { noDuplicateAction } from '../../properties/no-duplicate-action.ts';
import { noMissedAction } from '../../properties/no-missed-action.ts';
import { operationsComplete } from '../../properties/operations-complete.ts';
import { prefixConsistency } from '../../properties/prefix-consistency.ts';
import { drawn, lengths, listOf, upTo } from '../kernel/params.ts';
import { defineProtocol } from '../kernel/define.ts';
import type { Config, Role, Variant } from '../kernel/protocol.ts';
import { client } from './client.machine.ts';
import { primaryBackupManifest } from './manifest.ts';
import type { Operation } from './messages.ts';
import { server } from './server.machine.ts';

/** One client input: client `client` invokes `f` on `key`. */
export type Call = { readonly client: number; readonly f: Operation; readonly key: string };

/** Parameters of a primary-backup system. */
export type PrimaryBackupParams = {
  /** Number of servers (nodes 0..servers-1; server 0 is the first master). */
  readonly servers: number;
  /** Number of clients (nodes after the servers, named c0, c1…). */
  readonly clients: number;
  /** The client inputs, in no particular order: the schedule decides when each arrives. */
  readonly calls: readonly Call[];
  /** How many nodes may crash (fewer than half the servers). */
  readonly crashes: number;
  /** How many timers may fire early: client retries and server suspicions. */
  readonly timeouts: number;
  /** How many partitions may happen (each ends with a heal). */
  readonly partitions: number;
};

/** Server counts: `--nodes` and the generator's range. */
const NODES = {
  min: 3,
  max: 5,
  default: 3,
  param: 'servers',
  counts: 'servers (the clients come on top)',
} as const;

/**
 * The range of each parameter (at `n` servers where it depends on it): the generator draws from
 * these, the schema accepts up to their largest value or their `limit` (see
 * models/kernel/params.ts).
 */
export const RANGES = {
  servers: { min: NODES.min, max: NODES.max, limit: 7 },
  clients: { min: 1, max: 3, limit: 4 },
  calls: { min: 1, max: 6, limit: 30 },
  // At most f < n/2 (the schema checks it at the configuration's own size).
  crashes: (n: number) => ({ min: 0, max: tolerated(n), limit: Infinity }),
  timeouts: { min: 0, max: 4, limit: Infinity },
  partitions: { min: 0, max: 2, limit: Infinity },
} as const;

const paramsSchema = z
  .strictObject({
    servers: upTo(RANGES.servers, NODES, 2),
    clients: upTo(RANGES.clients, NODES, 1),
    calls: listOf(
      z.strictObject({
        client: z.number().int().nonnegative(),
        f: z.enum(['incr', 'read']),
        key: z.string().min(1),
      }),
      RANGES.calls,
      NODES,
    ),
    crashes: upTo(RANGES.crashes, NODES),
    timeouts: upTo(RANGES.timeouts, NODES),
    partitions: upTo(RANGES.partitions, NODES),
  })
  .refine((p) => p.calls.every((c) => c.client < p.clients), 'every call needs a client')
  .refine((p) => 2 * p.crashes < p.servers, 'crashes must stay below half the servers');

/** The largest number of crashes `servers` servers survive: f < n/2. */
export function tolerated(servers: number): number {
  return Math.floor((servers - 1) / 2);
}

/** Turns parameters into a concrete system: servers then clients, over FIFO channels. */
export function configure(p: PrimaryBackupParams): Config {
  const servers = Array.from({ length: p.servers }, (_, self) => ({
    role: 'server',
    name: `s${self}`,
    input: { self, n: p.servers },
  }));
  const clients = Array.from({ length: p.clients }, (_, k) => ({
    role: 'client',
    name: `c${k}`,
    input: { name: `c${k}`, servers: p.servers },
  }));
  return {
    network: 'fifo',
    nodes: [...servers, ...clients],
    inputs: p.calls.map(({ client: c, f, key }) => ({
      node: p.servers + c,
      event: { type: 'invoke', f, key },
    })),
    faults: { crash: p.crashes, timeout: p.timeouts, partition: p.partitions },
  };
}

const serverRole: Role = { machine: server, timeouts: [{ type: 'timeout' }] };
const clientRole: Role = { machine: client, timeouts: [{ type: 'timeout' }] };

/** The variants: the correct protocol and the mutants its properties must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'master-slaves',
    description:
      'master replies once every slave acknowledged; duplicate table; majority view change',
    roles: { server: serverRole, client: clientRole },
  },
  {
    name: 'reply-before-ack',
    description: 'the master commits and replies without waiting for its slaves’ acknowledgements',
    breaks: 'no-missed-action',
    roles: {
      server: { ...serverRole, machine: server.provide({ guards: { allAcked: () => true } }) },
      client: clientRole,
    },
  },
  {
    name: 'no-duplicate-table',
    description: 'the master does not consult the duplicate table: a retry is executed again',
    breaks: 'no-duplicate-action',
    roles: {
      server: { ...serverRole, machine: server.provide({ guards: { isDuplicate: () => false } }) },
      client: clientRole,
    },
  },
  {
    name: 'deaf-client',
    description:
      'a client takes a reply only from the server it believes is the master, so after a ' +
      'fail-over it ignores the new master, retries forever and the new master answers every retry',
    breaks: 'operations-complete',
    roles: {
      server: serverRole,
      client: {
        ...clientRole,
        machine: client.provide({
          guards: {
            isAnswer: ({ context, event }) =>
              event.type === 'Reply' && event.r === context.r && event.from === context.master,
          },
        }),
      },
    },
  },
];

const call = (clients: number): fc.Arbitrary<Call> =>
  fc.record({
    client: fc.nat(clients - 1),
    f: fc.constantFrom<Operation>('incr', 'incr', 'read'),
    key: fc.constantFrom('x', 'y'),
  });

/** A master-slaves server group with fail-over. */
export const primaryBackupProtocol = defineProtocol({
  name: 'primary-backup',
  title: 'A master and slaves behind one group name, with fail-over by view change',
  source:
    'Seed: groups to enhance availability (master & slaves, fail-over, no repeated or missed ' +
    'actions). Budhiraja, Marzullo, Schneider, Toueg 1993; Alsberg & Day 1976; view change ' +
    'simplified from Viewstamped Replication (Oki & Liskov 1988). Reliable FIFO channels; one ' +
    'request in flight at the master; commit waits for every member; no recovery or joins.',
  variants,
  properties: [
    noMissedAction,
    noDuplicateAction,
    prefixConsistency,
    keyValueLinearizability,
    operationsComplete,
    failOver,
  ],
  nodes: NODES,
  defaultRuns: 1000,
  paramsSchema,
  configure,
  manifest: primaryBackupManifest,
  // One client, two increments, f crashes, two early timers (a client retry and a suspicion):
  // enough for a fail-over, a lost acknowledged update, a re-executed retry, and a retry that could
  // be confused with the next call. Linearizability reads only the clients' operations across
  // nodes (`reads`), which keeps this small enough to explore: 1.5 million states at 3 servers
  // (manifest.ts pins it, in the slow tier).
  bounded: (servers) => ({
    servers,
    clients: 1,
    calls: [
      { client: 0, f: 'incr' as const, key: 'x' },
      { client: 0, f: 'incr' as const, key: 'x' },
    ],
    crashes: tolerated(servers),
    timeouts: 2,
    partitions: 0,
  }),
  scenarios: ({ minNodes, maxNodes }) =>
    fc
      .record({
        servers: fc.integer({ min: minNodes, max: maxNodes }),
        clients: fc.integer(RANGES.clients),
      })
      .chain(({ servers, clients }) =>
        fc.record({
          servers: fc.constant(servers),
          clients: fc.constant(clients),
          calls: fc.array(call(clients), lengths(RANGES.calls, servers)),
          crashes: drawn(RANGES.crashes, servers),
          timeouts: drawn(RANGES.timeouts, servers),
          partitions: drawn(RANGES.partitions, servers),
        }),
      ),
});
