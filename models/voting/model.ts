/**
 * Replicated data by weighted voting: a file suite of representatives (copies with version numbers
 * and votes) and clients that read from a read quorum and write to a write quorum. The protocol
 * definition (configurations, variants, the properties it promises); the roles are in
 * representative.machine.ts and client.machine.ts.
 *
 * Source: the seed's decentralized server groups for availability ("majority or weighted voting
 * schemes"); Gifford, "Weighted Voting for Replicated Data" (SOSP 1979); majority consensus
 * (Thomas, TODS 1979) is the case where every copy has one vote. A suite has V votes in all, a
 * read quorum r and a write quorum w with r + w > V (a read meets the latest write) and 2w > V
 * (two writes meet, so their locks serialize them and a write's quorum holds the current version).
 *
 * Network: FIFO channels that may lose messages (clients resend on a timeout). Faults: crashes and
 * recoveries of representatives (the copy and its lock are on stable storage), losses, early
 * timeouts, partitions. The kernel may spend the crash budget on a client instead: its operation
 * then stays pending (and may have taken effect).
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import { oneCopyEquivalence, readSeesWrite } from '../../properties/one-copy-equivalence.ts';
import { operationsComplete } from '../../properties/operations-complete.ts';
import { monotonicVersions, uniqueWriteVersions } from '../../properties/write-versions.ts';
import { defineProtocol, defineRole, type ParamsOf } from '../kernel/define.ts';
import { drawn, lengths, listOf, upTo } from '../kernel/params.ts';
import type { Payload } from '../kernel/action.ts';
import type { Config, Variant } from '../kernel/protocol.ts';
import type { ClientInput } from './messages.ts';
import { client, counted, totalVotes, type ClientContext, type Count } from './client.machine.ts';
import { votingManifest } from './manifest.ts';
import { representative } from './representative.machine.ts';

/** Representative counts: `--nodes` and the generator's range. */
const NODES = {
  min: 2,
  max: 5,
  default: 3,
  counts: 'representatives (the clients come on top)',
} as const;

/**
 * The range of each parameter: the generator draws from these, the schema accepts up to their
 * largest value or their `limit` (see models/kernel/params.ts).
 */
export const RANGES = {
  representatives: { min: NODES.min, max: NODES.max, limit: 7 },
  votes: { min: 0, max: 3, limit: 9 },
  quorum: { min: 1, max: 15, limit: 63 },
  clients: { min: 1, max: 3, limit: 4 },
  retries: { min: 0, max: 2, limit: 5 },
  calls: { min: 1, max: 5, limit: 30 },
  crashes: { min: 0, max: 2, limit: Infinity },
  recoveries: { min: 0, max: 2, limit: Infinity },
  drops: { min: 0, max: 2, limit: Infinity },
  timeouts: { min: 0, max: 2, limit: Infinity },
  partitions: { min: 0, max: 1, limit: Infinity },
} as const;

/** Why a vote assignment and quorums cannot work, or null: each rule in one line. */
export function quorumProblem(votes: readonly number[], r: number, w: number): string | null {
  const total = totalVotes(votes);
  if (total === 0) return 'the votes cannot form a quorum: every representative has 0 votes';
  if (r > total) return `the read quorum r=${r} exceeds the ${total} votes of the suite`;
  if (w > total) return `the write quorum w=${w} exceeds the ${total} votes of the suite`;
  if (r + w <= total) {
    return `r + w must exceed the ${total} votes (a read must meet the latest write): r=${r}, w=${w}`;
  }
  if (2 * w <= total) {
    return `2w must exceed the ${total} votes (two writes must meet): w=${w}`;
  }
  return null;
}

const paramsSchema = z
  .strictObject({
    votes: listOf(upTo(RANGES.votes, NODES), RANGES.representatives, NODES).min(
      1,
      'a file suite needs a representative',
    ),
    r: upTo(RANGES.quorum, NODES, 1),
    w: upTo(RANGES.quorum, NODES, 1),
    clients: upTo(RANGES.clients, NODES, 1),
    retries: upTo(RANGES.retries, NODES),
    calls: listOf(
      z.strictObject({ client: z.number().int().nonnegative(), f: z.enum(['read', 'write']) }),
      RANGES.calls,
      NODES,
    ),
    crashes: upTo(RANGES.crashes, NODES),
    recoveries: upTo(RANGES.recoveries, NODES),
    drops: upTo(RANGES.drops, NODES),
    timeouts: upTo(RANGES.timeouts, NODES),
    partitions: upTo(RANGES.partitions, NODES),
  })
  .refine((p) => p.calls.every((c) => c.client < p.clients), 'every call needs a client')
  .superRefine((p, ctx) => {
    const problem = quorumProblem(p.votes, p.r, p.w);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Parameters of a voting file suite. */
export type VotingParams = ParamsOf<typeof paramsSchema>;

/**
 * Turns parameters into a concrete system: the representatives (nodes 0..votes.length-1), then
 * the clients; the k-th call, if a write, writes the value k + 1 (so every write's value differs).
 */
export function configure(p: VotingParams): Config {
  const { votes, r, w } = p;
  const reps = votes.map((v, i) => ({
    role: 'representative',
    name: `s${i}`,
    input: { votes: v },
  }));
  const clients = Array.from({ length: p.clients }, (_, k) => ({
    role: 'client',
    name: `c${k}`,
    input: {
      name: `c${k}`,
      votes: [...votes],
      r,
      w,
      retries: p.retries,
      order: preference(votes.length, k),
    },
  }));
  return {
    network: 'fifo',
    nodes: [...reps, ...clients],
    inputs: p.calls.map(({ client: c, f }, k): { node: number; event: Payload } => ({
      node: votes.length + c,
      event: f === 'write' ? { type: 'invoke', f, value: k + 1 } : { type: 'invoke', f: 'read' },
    })),
    faults: {
      crash: p.crashes,
      recover: p.recoveries,
      drop: p.drops,
      timeout: p.timeouts,
      partition: p.partitions,
    },
  };
}

/**
 * The order in which client `k` asks the `n` representatives: even clients prefer the low-numbered
 * ones, odd clients the high-numbered ones (front ends near different copies), so two clients'
 * first choices of quorum differ.
 */
export function preference(n: number, k: number): number[] {
  const up = Array.from({ length: n }, (_, i) => i);
  return k % 2 === 0 ? up : up.reverse();
}

const representativeRole = defineRole(representative, {
  // Stable storage: the copy, its version and its lock survive a crash.
  recoverInput: (last, input) => ({
    votes: input.votes,
    version: last.version,
    value: last.value,
    writer: last.writer,
    holder: last.holder,
  }),
});
/**
 * A client keeps its operation counter across a crash, so operation ids stay unique (a lock its
 * lost operation held is never released: a later operation backs off or goes around it), and
 * reports the operation it was running as of unknown outcome when it restarts.
 */
const clientOptions = {
  timeouts: [{ type: 'timeout' }],
  recoverInput: (last: ClientContext, input: ClientInput) => ({
    ...input,
    seq: last.seq,
    lost: last.op?.id ?? null,
  }),
};
const clientRole = defineRole(client, clientOptions);

/** A quorum test that needs `read` votes to read and `write` votes to write (a mutant's quorums). */
const quorums =
  (read: (c: ClientContext) => number, write: (c: ClientContext) => number) =>
  ({ context }: { context: ClientContext }, { count }: { count: Count }) =>
    counted(context, count) >= (context.op?.f === 'write' ? write(context) : read(context));
const V = (c: ClientContext) => totalVotes(c.votes);

/** The variants: the correct protocol and the mutants its properties must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'weighted-voting',
    description:
      'read r votes and take the highest version; lock w votes, install version + 1; r + w > V, 2w > V',
    roles: { representative: representativeRole, client: clientRole },
  },
  {
    name: 'small-read-quorum',
    description: 'reads gather only V − w votes (r + w ≤ V): a read can miss the latest write',
    breaks: 'one-copy-equivalence',
    roles: {
      representative: representativeRole,
      client: defineRole(
        client.provide({
          guards: {
            quorum: quorums(
              (c) => V(c) - c.w,
              (c) => c.w,
            ),
          },
        }),
        clientOptions,
      ),
    },
  },
  {
    name: 'small-write-quorum',
    description:
      'writes gather only ⌊V/2⌋ votes (2w ≤ V, reads V − w + 1): two concurrent writers miss each other',
    breaks: 'unique-write-versions',
    roles: {
      representative: representativeRole,
      client: defineRole(
        client.provide({
          guards: {
            quorum: quorums(
              (c) => V(c) - Math.floor(V(c) / 2) + 1,
              (c) => Math.floor(V(c) / 2),
            ),
          },
        }),
        clientOptions,
      ),
    },
  },
  {
    name: 'first-reply-read',
    description: 'a read takes the value of the first reply, not of the highest version',
    breaks: 'one-copy-equivalence',
    roles: {
      representative: representativeRole,
      client: defineRole(client.provide({ guards: { isHigher: () => false } }), clientOptions),
    },
  },
  {
    name: 'blind-write',
    description:
      'a write installs its own last known version + 1 without reading the current version from its quorum',
    breaks: 'monotonic-versions',
    roles: {
      representative: representativeRole,
      client: defineRole(client.provide({ guards: { readsVersion: () => false } }), clientOptions),
    },
  },
  {
    name: 'spins-on-busy-lock',
    description:
      'a refused client asks the busy representative again at once instead of going around it or backing off: two writers that each hold a lock the other needs spin forever',
    breaks: 'operations-complete',
    roles: {
      representative: representativeRole,
      client: defineRole(client.provide({ guards: { goesAround: () => false } }), clientOptions),
    },
    // Read-one/write-all (Gifford's third example) over the shared configuration's voters (a
    // weak representative stays weak), one write per client, no faults: two writers that lock
    // from opposite ends of the suite each hold a lock the other needs, and both spin.
    bounded: (n) => {
      const votes = bounded(n).votes.map((v) => Math.min(v, 1));
      return {
        ...bounded(n),
        ...{ votes, r: 1, w: totalVotes(votes), retries: 0, drops: 0 },
        calls: [
          { client: 0, f: 'write' as const },
          { client: 1, f: 'write' as const },
        ],
      };
    },
  },
];

/** Every representative one vote, majority quorums: Thomas's majority consensus. */
function majority(n: number): { votes: number[]; r: number; w: number } {
  const q = Math.floor(n / 2) + 1;
  return { votes: Array.from({ length: n }, () => 1), r: n - q + 1, w: q };
}

/**
 * The bounded configurations. Two clients: c0 writes; c1 reads, then writes; no faults. Enough
 * for every safety mutant: a read that misses the write (small read quorum, first reply), two
 * writers on disjoint quorums, a second write over the first one's version. Two representatives:
 * weighted (<2,1>, r = w = 2: every quorum holds s0), with one lost message and one retry; three:
 * majority (<1,1,1>, r = w = 2); four: majority plus a weak representative (<1,1,1,0>), in the
 * slow tier; five or more: majority.
 */
function bounded(n: number) {
  return {
    ...(n === 2
      ? { votes: [2, 1], r: 2, w: 2 }
      : n === 4
        ? { votes: [1, 1, 1, 0], r: 2, w: 2 }
        : majority(n)),
    clients: 2,
    retries: n === 2 ? 1 : 0,
    calls: [
      { client: 0, f: 'write' as const },
      { client: 1, f: 'read' as const },
      { client: 1, f: 'write' as const },
    ],
    crashes: 0,
    recoveries: 0,
    drops: n === 2 ? 1 : 0,
    timeouts: 0,
    partitions: 0,
  };
}

/** A vote assignment and quorums for `n` representatives (every kind: majority, weighted, weak). */
const assignment = (n: number) =>
  fc
    .oneof(
      fc.constant(Array.from({ length: n }, () => 1)),
      fc.array(drawn(RANGES.votes, n), { minLength: n, maxLength: n }),
    )
    .filter((votes) => totalVotes(votes) > 0)
    .chain((votes) => {
      const total = totalVotes(votes);
      return fc.integer({ min: Math.floor(total / 2) + 1, max: total }).chain((w) =>
        fc.record({
          votes: fc.constant(votes),
          w: fc.constant(w),
          r: fc.integer({ min: total - w + 1, max: total }),
        }),
      );
    });

/** Gifford's weighted voting (majority consensus as every copy one vote). */
export const votingProtocol = defineProtocol({
  name: 'voting',
  title: 'Replicated data by majority and weighted voting, with read and write quorums',
  source:
    'Seed: decentralized server groups for availability ("majority or weighted voting schemes"). ' +
    'Gifford, "Weighted Voting for Replicated Data" (SOSP 1979); majority consensus (Thomas 1979) ' +
    'as every copy one vote. Writers serialized by locks at the representatives on intersecting ' +
    'write quorums (2w > V); one lock mode, refused when busy (the client backs off); copies and ' +
    'locks on stable storage; FIFO channels with loss; clients give up after `retries` timeouts.',
  variants,
  properties: [
    oneCopyEquivalence,
    uniqueWriteVersions,
    monotonicVersions,
    operationsComplete,
    readSeesWrite,
  ],
  nodes: NODES,
  defaultRuns: 1000,
  paramsSchema,
  configure,
  manifest: votingManifest,
  bounded,
  scenarios: ({ minNodes, maxNodes }) =>
    fc
      .record({
        n: fc.integer({ min: minNodes, max: maxNodes }),
        clients: drawn(RANGES.clients, minNodes),
      })
      .chain(({ n, clients }) =>
        fc.record({
          quorums: assignment(n),
          clients: fc.constant(clients),
          retries: drawn(RANGES.retries, n),
          calls: fc.array(
            fc.record({
              client: fc.nat(clients - 1),
              f: fc.constantFrom<'read' | 'write'>('read', 'write'),
            }),
            lengths(RANGES.calls, n),
          ),
          crashes: drawn(RANGES.crashes, n),
          recoveries: drawn(RANGES.recoveries, n),
          drops: drawn(RANGES.drops, n),
          timeouts: drawn(RANGES.timeouts, n),
          partitions: drawn(RANGES.partitions, n),
        }),
      )
      .map(({ quorums: q, ...rest }) => ({ ...q, ...rest })),
});
