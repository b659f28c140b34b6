/**
 * Totally ordered multicast in a static group: the protocol definition (configurations, variants,
 * the properties it promises). The algorithms are in sequencer.machine.ts and lamport.machine.ts.
 *
 * Source: the seed's "Groups to Enhance Availability" (replicas need totally ordered, reliable
 * communication); algorithms from Défago, Schiper, Urbán's taxonomy (ACM Computing Surveys, 2004).
 */
import * as fc from 'fast-check';
import { z } from 'zod';
import { agreement } from '../../properties/agreement.ts';
import { allDelivered } from '../../properties/all-delivered.ts';
import { integrity } from '../../properties/integrity.ts';
import { totalOrder } from '../../properties/total-order.ts';
import { validity } from '../../properties/validity.ts';
import { drawn, lengths, listOf, upTo } from '../kernel/params.ts';
import { defineProtocol, type ParamsOf } from '../kernel/define.ts';
import type { Config, Role, Variant } from '../kernel/protocol.ts';
import { lamportMember } from './lamport.machine.ts';
import { totalOrderManifest } from './manifest.ts';
import { sequencerMember } from './sequencer.machine.ts';
import { totalOrderSymmetry } from './symmetry.ts';

/** Group sizes: `--nodes` and the generator's range. */
const NODES = { min: 2, max: 5, default: 3, param: 'members', counts: 'group members' } as const;

/**
 * The range of each parameter: the generator draws from these, the schema accepts up to their
 * largest value or their `limit` (see models/kernel/params.ts).
 */
export const RANGES = {
  members: { min: NODES.min, max: NODES.max, limit: 10 },
  multicasts: { min: 1, max: 4, limit: 30 },
  drops: { min: 0, max: 2, limit: Infinity },
  duplicates: { min: 0, max: 1, limit: Infinity },
  timeouts: { min: 0, max: 2, limit: Infinity },
} as const;

/** The parameters' schema: their types and bounds. */
const paramsSchema = z
  .strictObject({
    members: upTo(RANGES.members, NODES, 1),
    multicasts: listOf(z.number().int().nonnegative(), RANGES.multicasts, NODES),
    drops: upTo(RANGES.drops, NODES),
    duplicates: upTo(RANGES.duplicates, NODES),
    timeouts: upTo(RANGES.timeouts, NODES),
  })
  .refine(
    (p) => p.multicasts.every((m) => m < p.members),
    'every multicast origin must be a member',
  );

/** Parameters of a total-order system. */
export type TotalOrderParams = ParamsOf<typeof paramsSchema>;

/**
 * Turns parameters into a concrete system: n members over FIFO channels that may lose `drops`
 * messages, one input per multicast.
 */
export function configure(p: TotalOrderParams): Config {
  return {
    network: 'fifo',
    nodes: Array.from({ length: p.members }, (_, self) => ({
      role: 'member',
      name: `p${self}`,
      input: { self, n: p.members },
    })),
    inputs: p.multicasts.map((node, k) => ({ node, event: { type: 'multicast', id: `m${k}` } })),
    faults: { drop: p.drops, duplicate: p.duplicates, timeout: p.timeouts },
  };
}

const sequencer: Role = { machine: sequencerMember, timeouts: [{ type: 'timeout' }] };
const lamport: Role = { machine: lamportMember, timeouts: [{ type: 'timeout' }] };

/** The variants: two correct algorithms and the mutants each property must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'sequencer',
    description:
      'fixed sequencer (member 0 numbers messages), broadcast-broadcast; the sequencer resends what a member has not acknowledged',
    roles: { member: sequencer },
  },
  {
    name: 'lamport',
    description:
      'communication history: Lamport stamps, deliver once every member is heard from; over a retransmitted FIFO stream',
    roles: { member: lamport },
  },
  {
    name: 'sequencer-no-seqcheck',
    description: 'delivers a message on receipt of its Data, ignoring the sequence numbers',
    breaks: 'total-order',
    roles: {
      member: {
        ...sequencer,
        machine: sequencerMember.provide({ guards: { isNextInOrder: () => true } }),
      },
    },
  },
  {
    name: 'sequencer-no-dedup',
    description: 'retransmits on timeout but receivers do not suppress duplicates',
    breaks: 'integrity',
    roles: {
      member: {
        ...sequencer,
        machine: sequencerMember.provide({ guards: { isDuplicate: () => false } }),
      },
    },
  },
  {
    name: 'sequencer-no-resend',
    description:
      'the sequencer never resends Data and Order to a member that has not acknowledged them',
    breaks: 'agreement',
    roles: {
      member: {
        ...sequencer,
        machine: sequencerMember.provide({ guards: { isLagging: () => false } }),
      },
    },
  },
  {
    name: 'sequencer-order-only',
    description:
      'the sequencer resends only the Order of a message a member has not acknowledged, not its Data: a member that lost the Data is sent the Order forever',
    breaks: 'validity',
    roles: {
      member: {
        ...sequencer,
        machine: sequencerMember.provide({ guards: { resendsData: () => false } }),
      },
    },
  },
  {
    name: 'lamport-no-wait',
    description: 'delivers the smallest pending message without having heard from every member',
    breaks: 'total-order',
    roles: {
      member: {
        ...lamport,
        machine: lamportMember.provide({ guards: { stableHead: () => true } }),
      },
    },
  },
  {
    name: 'lamport-no-dedup',
    description: 'takes again a stream entry it already has, so a resent or duplicated Msg shows',
    breaks: 'integrity',
    roles: {
      member: {
        ...lamport,
        machine: lamportMember.provide({ guards: { isDuplicate: () => false } }),
      },
    },
  },
];

/** Totally ordered multicast in a static group. */
export const totalOrderProtocol = defineProtocol({
  name: 'total-order',
  title: 'Totally ordered reliable multicast in a static group',
  source:
    'Seed: replicated server groups need totally ordered, reliable communication. Algorithms: ' +
    'Défago, Schiper, Urbán 2004 (fixed sequencer; communication history with Lamport clocks). ' +
    'Retransmission over lossy channels: Kaashoek et al. 1989 (Amoeba: the sequencer resends what a ' +
    'member has not acknowledged); a go-back-N stream under Lamport. Static group over FIFO ' +
    'channels that may lose and duplicate messages; no crashes.',
  variants,
  properties: [totalOrder, integrity, agreement, validity, allDelivered],
  nodes: NODES,
  defaultRuns: 1000,
  paramsSchema,
  configure,
  // Two multicasts from different members over channels that may lose one message: enough for
  // every mutant to show (a loss makes both algorithms resend, so duplicates reach the receivers
  // without a duplication budget), small enough to explore fully.
  symmetry: totalOrderSymmetry,
  manifest: totalOrderManifest,
  bounded: (members) => ({
    members,
    multicasts: [0, 1 % members],
    drops: 1,
    duplicates: 0,
    timeouts: 0,
  }),
  scenarios: ({ minNodes, maxNodes }) =>
    fc.integer({ min: minNodes, max: maxNodes }).chain((members) =>
      fc.record({
        members: fc.constant(members),
        multicasts: fc.array(fc.nat(members - 1), lengths(RANGES.multicasts, members)),
        drops: drawn(RANGES.drops, members),
        duplicates: drawn(RANGES.duplicates, members),
        timeouts: drawn(RANGES.timeouts, members),
      }),
    ),
});
