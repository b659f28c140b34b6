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
import type { Config, Protocol, Role, Variant } from '../kernel/protocol.ts';
import { lamportMember } from './lamport.machine.ts';
import { totalOrderManifest } from './manifest.ts';
import { sequencerMember } from './sequencer.machine.ts';
import { totalOrderSymmetry } from './symmetry.ts';

/** Parameters of a total-order system. */
export interface TotalOrderParams {
  /** Group size. */
  readonly members: number;
  /** The origin of each multicast; multicast k has id `m<k>`. */
  readonly multicasts: readonly number[];
  /** How many network duplications a run may inject. */
  readonly duplicates: number;
  /** How many retransmission timeouts may fire early (the sequencer algorithm retransmits). */
  readonly timeouts: number;
  readonly [key: string]: number | readonly number[];
}

const paramsSchema = z
  .strictObject({
    members: z.number().int().min(1).max(10),
    multicasts: z.array(z.number().int().nonnegative()).max(30),
    duplicates: z.number().int().nonnegative(),
    timeouts: z.number().int().nonnegative(),
  })
  .refine(
    (p) => p.multicasts.every((m) => m < p.members),
    'every multicast origin must be a member',
  );

/** Turns parameters into a concrete system: n members over FIFO channels, one input per multicast. */
export function configure(p: TotalOrderParams): Config {
  return {
    network: 'fifo',
    nodes: Array.from({ length: p.members }, (_, self) => ({
      role: 'member',
      name: `p${self}`,
      input: { self, n: p.members },
    })),
    inputs: p.multicasts.map((node, k) => ({ node, event: { type: 'multicast', id: `m${k}` } })),
    faults: { duplicate: p.duplicates, timeout: p.timeouts },
  };
}

const sequencer: Role = { machine: sequencerMember, timeouts: [{ type: 'timeout' }] };
const lamport: Role = { machine: lamportMember };

/** The variants: two correct algorithms and the mutants each property must catch. */
export const variants: readonly Variant[] = [
  {
    name: 'sequencer',
    description: 'fixed sequencer (member 0 numbers messages), broadcast-broadcast',
    roles: { member: sequencer },
  },
  {
    name: 'lamport',
    description: 'communication history: Lamport stamps, deliver once every member is heard from',
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
    name: 'lamport-no-wait',
    description: 'delivers the smallest pending message without having heard from every member',
    breaks: 'total-order',
    roles: { member: { machine: lamportMember.provide({ guards: { stableHead: () => true } }) } },
  },
  {
    name: 'lamport-no-dedup',
    description: 'does not suppress a duplicated Msg, so the network duplicating one shows',
    breaks: 'integrity',
    roles: { member: { machine: lamportMember.provide({ guards: { isDuplicate: () => false } }) } },
  },
];

/** Totally ordered multicast in a static group. */
export const totalOrderProtocol: Protocol<TotalOrderParams> = {
  name: 'total-order',
  title: 'Totally ordered reliable multicast in a static group',
  source:
    'Seed: replicated server groups need totally ordered, reliable communication. Algorithms: ' +
    'Défago, Schiper, Urbán 2004 (fixed sequencer; communication history with Lamport clocks). ' +
    'Static group over reliable FIFO channels; no crashes.',
  variants,
  properties: [totalOrder, integrity, agreement, validity, allDelivered],
  nodes: { min: 2, max: 5, default: 3 },
  defaultRuns: 1000,
  paramsSchema,
  configure,
  // Two multicasts from different members, one duplication and one early timeout: enough for every
  // mutant to show, small enough to explore fully.
  symmetry: totalOrderSymmetry,
  manifest: totalOrderManifest,
  bounded: (members) => ({ members, multicasts: [0, 1 % members], duplicates: 1, timeouts: 1 }),
  scenarios: ({ minNodes, maxNodes }) =>
    fc.integer({ min: minNodes, max: maxNodes }).chain((members) =>
      fc.record({
        members: fc.constant(members),
        multicasts: fc.array(fc.nat(members - 1), { minLength: 1, maxLength: 4 }),
        duplicates: fc.nat(1),
        timeouts: fc.nat(2),
      }),
    ),
};
