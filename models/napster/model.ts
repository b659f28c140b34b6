/**
 * Napster: a central index server and peers that are both clients and servers. Peers log in with
 * the list of files they share, search the index, download a listed file directly from the peer
 * holding it, and log out; peers and index servers crash. The index is the single point of
 * failure (the default variant, as Napster ran it); the `replicated-index` variant runs the same
 * index as the replicated state machine of the primary-backup group of models/primary-backup,
 * imported, which keeps searches answered through a crash of fewer than half its servers. The
 * roles are in index.machine.ts, peer.machine.ts and replicated.ts.
 *
 * Network: reliable FIFO channels (Napster ran over TCP); loss is what a crash causes: the kernel
 * discards what is in flight to a crashed node. A timer fires when nothing else can happen, or
 * early within the `timeouts` budget (a slow link or server); a peer sends a request `attempts`
 * times before giving up, enough to outlast a fail-over. No recovery, no joins.
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import {
  noAnswerWithoutIndex,
  searchAfterIndexCrashEnds,
  searchComplete,
  searchesAnswered,
} from '../../properties/napster-search.ts';
import { dataPeerToPeer, getFromListedPeer } from '../../properties/napster-transfer.ts';
import type { Payload } from '../kernel/action.ts';
import { requestsEnd } from '../../properties/napster-requests.ts';
import { defineProtocol, defineRole, type ParamsOf } from '../kernel/define.ts';
import { drawn, lengths, listOf, upTo } from '../kernel/params.ts';
import type { Config, Variant } from '../kernel/protocol.ts';
import { centralIndex } from './index.machine.ts';
import { napsterManifest } from './manifest.ts';
import { peer } from './peer.machine.ts';
import { replicatedIndex, staleReplicaIndex } from './replicated.ts';
import { napsterSymmetry } from './symmetry.ts';

/** Peer counts: `--nodes` and the generator's range. */
export const NODES = {
  min: 1,
  max: 4,
  default: 1,
  param: 'peers',
  counts: 'peers (the index servers come on top)',
} as const;

/**
 * The range of each parameter: the generator draws from these, the schema accepts up to their
 * largest value or their `limit` (see models/kernel/params.ts).
 */
export const RANGES = {
  peers: { min: NODES.min, max: NODES.max, limit: 8 },
  // Index servers: the central variant uses server 0 only; the replicated one all of them.
  indexes: { min: 1, max: 3, limit: 5 },
  files: { min: 1, max: 2, limit: 4 },
  calls: { min: 1, max: 6, limit: 30 },
  // At most f < indexes/2 (the schema checks it at the configuration's own index count).
  crashes: { min: 0, max: 1, limit: Infinity },
  // Early timers (a slow link or server): a peer's retry, a backup's suspicion.
  timeouts: { min: 0, max: 1, limit: Infinity },
  // Sends of one request before a peer gives up: 3 plus one per early timer outlast a fail-over
  // (see notes.md); the generator draws from here up.
  attempts: { min: 3, max: 6, limit: 8 },
} as const;

/** The most crashes `indexes` index servers survive: f < n/2. */
export function tolerated(indexes: number): number {
  return Math.floor((indexes - 1) / 2);
}

/** The file names the generator shares and searches for. */
export const DRAWN_FILES = ['a.mp3', 'ab.mp3', 'b.mp3'] as const;

const fileName = z
  .string()
  .min(1, 'a file name is not empty')
  .refine((f) => !f.includes(','), 'a file name has no comma (a login lists files with commas)');

const peerIndex = z.number().int().nonnegative();

const callSchema = z.discriminatedUnion('op', [
  z.strictObject({ peer: peerIndex, op: z.literal('login') }),
  z.strictObject({ peer: peerIndex, op: z.literal('logout') }),
  z.strictObject({
    peer: peerIndex,
    op: z.literal('search'),
    keyword: z.string().min(1, 'a search keyword is not empty'),
  }),
  z.strictObject({ peer: peerIndex, op: z.literal('get'), file: fileName }),
]);

const paramsSchema = z
  .strictObject({
    peers: upTo(RANGES.peers, NODES, 1),
    indexes: upTo(RANGES.indexes, NODES, 1),
    files: z.array(listOf(fileName, RANGES.files, NODES)),
    calls: listOf(callSchema, RANGES.calls, NODES),
    crashes: upTo(RANGES.crashes, NODES),
    timeouts: upTo(RANGES.timeouts, NODES),
    attempts: upTo(RANGES.attempts, NODES, 1),
  })
  .superRefine((p, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (p.files.length !== p.peers) {
      bad(`files lists ${p.files.length} peers' shares, for ${p.peers} peers: give one list each`);
    }
    if (2 * p.crashes >= p.indexes) {
      bad(
        `${p.crashes} crashes need more than ${2 * p.crashes} index servers (${p.indexes} given): the replicated index answers only with a majority up, so crashes stay below half the index servers`,
      );
    }
    for (const c of p.calls) {
      if (c.peer >= p.peers)
        bad(`a ${c.op} names peer ${c.peer}, past the last peer ${p.peers - 1}`);
    }
  });

/** Parameters of a Napster configuration. */
export type NapsterParams = ParamsOf<typeof paramsSchema>;

/** The client input a call hands its peer. */
function eventOf(c: NapsterParams['calls'][number]): Payload {
  if (c.op === 'search') return { type: 'search', keyword: c.keyword };
  if (c.op === 'get') return { type: 'get', file: c.file };
  return { type: c.op };
}

/** Turns parameters into a concrete system: index servers i0… then peers p0…, over FIFO channels. */
export function configure(p: NapsterParams): Config {
  const indexes = Array.from({ length: p.indexes }, (_, self) => ({
    role: 'index',
    name: `i${self}`,
    input: { self, n: p.indexes },
  }));
  const peers = Array.from({ length: p.peers }, (_, k) => ({
    role: 'peer',
    name: `p${k}`,
    input: {
      self: p.indexes + k,
      name: `p${k}`,
      files: [...(p.files[k] ?? [])],
      indexes: p.indexes,
      attempts: p.attempts,
    },
  }));
  return {
    network: 'fifo',
    nodes: [...indexes, ...peers],
    inputs: p.calls.map((c) => ({ node: p.indexes + c.peer, event: eventOf(c) })),
    faults: { crash: p.crashes, timeout: p.timeouts },
  };
}

const timer = { timeouts: [{ type: 'timeout' }] };
const peerRole = defineRole(peer, timer);
const replicatedPeer = peer.provide({ guards: { replicatedIndex: () => true } });
const centralRoles = { index: defineRole(centralIndex), peer: peerRole };
const replicatedRoles = {
  index: defineRole(replicatedIndex, timer),
  peer: defineRole(replicatedPeer, timer),
};

/** The variants: the central index, the replicated one, and the mutants. */
export const variants: readonly Variant[] = [
  {
    name: 'central-index',
    description:
      'one index server (Napster’s): login with the shared files, search, logout; downloads peer to peer',
    roles: centralRoles,
  },
  {
    name: 'replicated-index',
    description:
      'the index replicated by the primary-backup group (master-slaves, view change); peers retry to every server',
    roles: replicatedRoles,
  },
  {
    name: 'forgets-logouts',
    description: 'the central index acknowledges a logout but keeps listing the peer’s files',
    breaks: 'search-complete',
    roles: {
      ...centralRoles,
      index: defineRole(centralIndex.provide({ guards: { dropsEntries: () => false } })),
    },
  },
  {
    name: 'stale-replica',
    description:
      'replicated index read at any replica: peers send searches to every server and take the first answer, which a backup gives from its own copy, missing commits in flight',
    breaks: 'search-complete',
    roles: {
      index: defineRole(staleReplicaIndex, timer),
      peer: defineRole(replicatedPeer.provide({ guards: { readsAnyReplica: () => true } }), timer),
    },
  },
  {
    name: 'impatient-peer',
    description:
      'replicated index, but a peer gives up on a request at its first timeout instead of retrying',
    breaks: 'searches-answered',
    roles: {
      ...replicatedRoles,
      peer: defineRole(replicatedPeer.provide({ guards: { mayRetry: () => false } }), timer),
    },
  },
  {
    name: 'uncounted-retries',
    description:
      'central index, but a peer never counts its retries: with the index down it resends its request forever and never gives up',
    breaks: 'requests-end',
    roles: {
      ...centralRoles,
      peer: defineRole(peer.provide({ guards: { countsRetry: () => false } }), timer),
    },
  },
];

/** A peer's shared files in the bounded configurations: p0 shares a.mp3, the others b.mp3. */
const sharedBy = (k: number): string[] => [k === 0 ? 'a.mp3' : 'b.mp3'];

/** The generator's call for one of `peers` peers. */
const drawnCall = (peers: number) =>
  fc.oneof(
    {
      arbitrary: fc.record({ peer: fc.nat(peers - 1), op: fc.constant('login' as const) }),
      weight: 2,
    },
    fc.record({ peer: fc.nat(peers - 1), op: fc.constant('logout' as const) }),
    {
      arbitrary: fc.record({
        peer: fc.nat(peers - 1),
        op: fc.constant('search' as const),
        keyword: fc.constantFrom('a', 'b', 'mp3'),
      }),
      weight: 3,
    },
    fc.record({
      peer: fc.nat(peers - 1),
      op: fc.constant('get' as const),
      file: fc.constantFrom(...DRAWN_FILES),
    }),
  );

/** Napster: a central index and peer-to-peer transfer. */
export const napsterProtocol = defineProtocol({
  name: 'napster',
  title: 'Napster: a central index, peers that are clients and servers, peer-to-peer transfer',
  source:
    'Seed: example peer-to-peer systems, Napster (centralized coordination and query processing, ' +
    'peer-to-peer data transfer, single point of failure: "server may be replicated"), and ' +
    'proxies (a node both client and server). Saroiu, Gummadi, Gribble (MMCN 2002) §2 for the ' +
    'login/search/download flow. Default: one index, as Napster ran it; the replicated variant ' +
    'reuses models/primary-backup (Budhiraja et al. 1993, view change after Viewstamped ' +
    'Replication). Reliable FIFO channels; timers fire at quiescence or early within a budget; ' +
    'crashes below half the index servers; no recovery or joins.',
  variants,
  properties: [
    searchComplete,
    searchesAnswered,
    getFromListedPeer,
    dataPeerToPeer,
    noAnswerWithoutIndex,
    searchAfterIndexCrashEnds,
    requestsEnd,
  ],
  nodes: NODES,
  defaultRuns: 1000,
  paramsSchema,
  configure,
  manifest: napsterManifest,
  // p0 and the next peer with the same shared files and calls are interchangeable (symmetry.ts).
  symmetry: napsterSymmetry,
  // Three index servers; p0 shares a.mp3, the other peers b.mp3. One peer: it logs in, searches
  // for “a” and logs out. More: p0 logs in and out, p1 searches for “a” and downloads a.mp3. One
  // crash (the central index, a replica, or a peer); one early timer; four sends of a request
  // before a peer gives up (three outlast a fail-over, plus one for the early timer).
  bounded: (peers) => ({
    peers,
    indexes: 3,
    files: Array.from({ length: peers }, (_, k) => sharedBy(k)),
    calls:
      peers === 1
        ? [
            { peer: 0, op: 'login' as const },
            { peer: 0, op: 'search' as const, keyword: 'a' },
            { peer: 0, op: 'logout' as const },
          ]
        : [
            { peer: 0, op: 'login' as const },
            { peer: 0, op: 'logout' as const },
            { peer: 1, op: 'search' as const, keyword: 'a' },
            { peer: 1, op: 'get' as const, file: 'a.mp3' },
          ],
    crashes: 1,
    timeouts: 1,
    attempts: 4,
  }),
  scenarios: ({ minNodes, maxNodes }) =>
    fc
      .record({
        peers: fc.integer({ min: minNodes, max: maxNodes }),
        // Mostly three: a replicated index with a crash to survive and backups to lag.
        indexes: fc.constantFrom(1, 2, 3, 3, 3),
      })
      .chain(({ peers, indexes }) =>
        drawn(RANGES.timeouts, peers).map((timeouts) => ({ peers, indexes, timeouts })),
      )
      .chain(({ peers, indexes, timeouts }) =>
        fc.record({
          peers: fc.constant(peers),
          indexes: fc.constant(indexes),
          files: fc.array(
            fc.uniqueArray(fc.constantFrom(...DRAWN_FILES), lengths(RANGES.files, peers)),
            { minLength: peers, maxLength: peers },
          ),
          calls: fc.array(drawnCall(peers), lengths(RANGES.calls, peers)),
          crashes: fc.integer({ min: 0, max: Math.min(RANGES.crashes.max, tolerated(indexes)) }),
          timeouts: fc.constant(timeouts),
          // Patient enough for a fail-over: the early timers spend a send each.
          attempts: fc.integer({ min: RANGES.attempts.min + timeouts, max: RANGES.attempts.max }),
        }),
      ),
});
