/**
 * Virtual synchrony in a primary-partition process group: the protocol definition
 * (configurations, variants, the properties it promises). The member algorithm is in
 * member.machine.ts, its view-change rules in membership.ts.
 *
 * Source: the seed's "Groups to Enhance Availability" (replicas must not repeat or miss actions,
 * which needs virtual synchrony and totally ordered, reliable communication); Birman & Joseph 1987;
 * Birman, "Reliable Distributed Systems" (2005); Chockler, Keidar, Vitenberg 2001 for the
 * properties. Simplifications are listed in member.machine.ts.
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import { integrity } from '../../properties/integrity.ts';
import { onePrimary } from '../../properties/one-primary.ts';
import { sameViewDelivery } from '../../properties/same-view-delivery.ts';
import { totalOrder } from '../../properties/total-order.ts';
import { viewAgreement } from '../../properties/view-agreement.ts';
import { viewChange, viewChangeTermination } from '../../properties/view-change.ts';
import { virtualSynchrony } from '../../properties/virtual-synchrony.ts';
import { vsValidity } from '../../properties/vs-validity.ts';
import { drawn, lengths, listOf, upTo } from '../kernel/params.ts';
import { defineProtocol } from '../kernel/define.ts';
import type { Config, Role, Variant } from '../kernel/protocol.ts';
import { virtualSynchronyManifest } from './manifest.ts';
import { member } from './member.machine.ts';
import { virtualSynchronySymmetry } from './symmetry.ts';

/** Parameters of a virtual-synchrony system. */
export interface VirtualSynchronyParams {
  /** Size of the initial view (nodes 0..members-1), at least 2. */
  readonly members: number;
  /** Nodes that start outside the group and may ask to join (they follow the members). */
  readonly joiners: number;
  /** The origin of each multicast (an initial member); multicast k has id `m<k>`. */
  readonly multicasts: readonly number[];
  /** How many members may crash. */
  readonly crashes: number;
  /** How many times a failure detector may suspect a member it waits for, rightly or not. */
  readonly suspicions: number;
  /** How many nodes may join. */
  readonly joins: number;
  /** How many members may leave. */
  readonly leaves: number;
  /** How many partitions may split the network (each heals for free). */
  readonly partitions: number;
}

/** Most nodes a configuration may have (the failure detector declares one timeout per node). */
export const MAX_NODES = 7;

/** Initial view sizes (joiners come on top): `--nodes` and the generator's range. */
const NODES = {
  min: 2,
  max: 5,
  default: 3,
  counts: 'all nodes: members, and from 4 nodes on a joiner in the bounded configuration',
} as const;

/**
 * The range of each parameter (at `n` initial members where it depends on it): the generator
 * draws from these, the schema accepts up to their largest value or their `limit` (see
 * models/kernel/params.ts); `MAX_NODES` bounds members and joiners together.
 */
export const RANGES = {
  members: { min: NODES.min, max: NODES.max, limit: MAX_NODES },
  joiners: { min: 0, max: 1, limit: Infinity },
  multicasts: { min: 1, max: 4, limit: 30 },
  crashes: (n: number) => ({ min: 0, max: Math.floor((n - 1) / 2), limit: Infinity }),
  suspicions: { min: 0, max: 3, limit: Infinity },
  joins: { min: 0, max: 1, limit: Infinity },
  leaves: { min: 0, max: 1, limit: Infinity },
  partitions: { min: 0, max: 1, limit: Infinity },
} as const;

const count = z.number().int().nonnegative();
const paramsSchema = z
  .strictObject({
    members: upTo(RANGES.members, NODES, 2),
    joiners: upTo(RANGES.joiners, NODES),
    multicasts: listOf(count, RANGES.multicasts, NODES),
    crashes: upTo(RANGES.crashes, NODES),
    suspicions: upTo(RANGES.suspicions, NODES),
    joins: upTo(RANGES.joins, NODES),
    leaves: upTo(RANGES.leaves, NODES),
    partitions: upTo(RANGES.partitions, NODES),
  })
  .refine((p) => p.members + p.joiners <= MAX_NODES, `at most ${MAX_NODES} nodes in all`)
  // The kernel lets a member that left join again, restarted from its configured input: it
  // believes it is still in the initial view and has forgotten what it promised there. One such
  // member is ignored by the others (its Leave reached them first) unless it is a majority alone
  // (hence two initial members at least); two could be a majority and decide a view again.
  .refine((p) => p.leaves <= 1 || p.joins <= 1, 'at most one leave when more than one join')
  .refine(
    (p) => p.multicasts.every((m) => m < p.members),
    'every multicast origin must be an initial member',
  );

/** Turns parameters into a concrete system: the initial view, joiners outside it, FIFO channels. */
export function configure(p: VirtualSynchronyParams): Config {
  const n = p.members + p.joiners;
  return {
    network: 'fifo',
    nodes: Array.from({ length: n }, (_, self) => ({
      role: 'member',
      name: `p${self}`,
      input: { self, n, initial: p.members },
      ...(self >= p.members ? { out: true } : {}),
    })),
    inputs: p.multicasts.map((node, k) => ({ node, event: { type: 'multicast', id: `m${k}` } })),
    faults: {
      crash: p.crashes,
      timeout: p.suspicions,
      join: p.joins,
      leave: p.leaves,
      partition: p.partitions,
    },
  };
}

/**
 * The failure detector: a member may suspect any node it waits for, which depends on its phase
 * (see `awaitedInView`, `awaitedWhileFlushing`, `missingReports`, `missingAcceptances`).
 */
const suspicions = Array.from({ length: MAX_NODES }, (_, node) => ({ type: 'suspect', node }));

const role = (machine: Role['machine']): Role => ({ machine, timeouts: suspicions });

/** The variants: the correct protocol and the mutants its properties must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'flush',
    description:
      'sequencer per view; view change by flush, with the next view agreed by a majority',
    roles: { member: role(member) },
  },
  {
    name: 'no-flush',
    description:
      'installs the new view without delivering the messages of the old view it missed (no flush)',
    breaks: 'virtual-synchrony',
    roles: { member: role(member.provide({ guards: { isMissing: () => false } })) },
  },
  {
    name: 'minority-view',
    description: 'a coordinator installs the next view without a majority of the previous one',
    breaks: 'one-primary',
    roles: { member: role(member.provide({ guards: { isMajority: () => true } })) },
  },
  {
    name: 'reused-numbers',
    description:
      'the new coordinator numbers messages after the prefix the survivors saw, although the ' +
      'failed sequencer may have used those numbers',
    breaks: 'total-order',
    roles: { member: role(member.provide({ guards: { sequenceComplete: () => true } })) },
  },
  {
    name: 'drops-held-back',
    description:
      'a member never sends the multicasts it held back during a flush once the new view is ' +
      'installed',
    breaks: 'vs-validity',
    roles: { member: role(member.provide({ guards: { sendsHeldBack: () => false } })) },
  },
  {
    name: 'restarting-coordinator',
    description:
      'the coordinator restarts phase 2 on every acceptance: it forgets who accepted and asks ' +
      'the acceptor again with the same Accept, so the view change never ends',
    breaks: 'view-change-termination',
    roles: { member: role(member.provide({ guards: { keepsTally: () => false } })) },
  },
];

/**
 * The bounded configuration at `members` nodes: two multicasts from members other than the
 * sequencer, a crash, two suspicions, a leave and a partition: every mutant shows (a missed
 * message, a minority view after a leave, a reordering after a suspected sequencer). At most one
 * view change completes with a majority left, and no one joins.
 */
function oneViewChange(members: number): VirtualSynchronyParams {
  return {
    members,
    joiners: 0,
    multicasts: [1 % members, 2 % members],
    crashes: 1,
    suspicions: 2,
    joins: 0,
    leaves: 1,
    partitions: 1,
  };
}

/**
 * The bounded configuration at 4 nodes: three members and a joiner, so two view changes (the
 * join, and the crash or suspicion of a member) where what the first leaves behind matters: a
 * multicast held back in the first flush is sent in the next view, a suspicion carries over, a
 * Join or Flush may arrive in either view.
 */
const twoViewChanges: VirtualSynchronyParams = {
  members: 3,
  joiners: 1,
  multicasts: [1, 2],
  crashes: 0,
  suspicions: 1,
  joins: 1,
  leaves: 0,
  partitions: 0,
};

/** Virtual synchrony with a flush, in a primary-partition group. */
export const virtualSynchronyProtocol = defineProtocol({
  name: 'virtual-synchrony',
  title: 'Group membership with virtual synchrony: views, flush, one primary partition',
  source:
    'Seed: replicated server groups need virtual synchrony and totally ordered, reliable ' +
    'communication. Birman & Joseph 1987; Birman, Reliable Distributed Systems (2005); ' +
    'Chockler, Keidar, Vitenberg 2001; next view agreed as in Ricciardi & Birman 1991 (Paxos ' +
    'over the successor of each view). A sequencer (the lowest member) orders each view; no recovery ' +
    'from crashes; a multicast whose sequencer fails before the flush may be lost.',
  variants,
  properties: [
    onePrimary,
    viewAgreement,
    sameViewDelivery,
    virtualSynchrony,
    totalOrder,
    integrity,
    vsValidity,
    viewChangeTermination,
    viewChange,
  ],
  nodes: NODES,
  defaultRuns: 1000,
  paramsSchema,
  configure,
  // One view change at 3 nodes (the default), two with a joiner at 4: see the functions above.
  bounded: (nodes) => (nodes === 4 ? twoViewChanges : oneViewChange(nodes)),
  scenarios: ({ minNodes, maxNodes }) =>
    fc.integer({ min: minNodes, max: maxNodes }).chain((members) =>
      fc.record({
        members: fc.constant(members),
        joiners: drawn(RANGES.joiners, members),
        multicasts: fc.array(fc.nat(members - 1), lengths(RANGES.multicasts, members)),
        crashes: drawn(RANGES.crashes, members),
        suspicions: drawn(RANGES.suspicions, members),
        joins: drawn(RANGES.joins, members),
        leaves: drawn(RANGES.leaves, members),
        partitions: drawn(RANGES.partitions, members),
      }),
    ),
  manifest: virtualSynchronyManifest,
  // Members other than the sequencer that multicast nothing, where no view can change (symmetry.ts).
  symmetry: virtualSynchronySymmetry,
});
