/**
 * The total-order manifest: the seed's words, the message table, the file that checks each
 * property, and the bounded configuration with its pinned counts and shortest counterexamples.
 * Re-pin with `npx tsx scripts/pins.ts total-order` after a deliberate change.
 */
import type { Manifest } from '../kernel/manifest.ts';

/** What total-order pins and documents. */
export const totalOrderManifest: Manifest = {
  seed: [
    {
      where: 'Groups to Enhance Availability: consistency issues',
      text:
        'replicas must be synchronised to prevent repeated or missed actions; needs virtual ' +
        'synchrony and totally ordered, reliable communication',
    },
  ],
  messages: [
    {
      type: 'multicast',
      from: 'client',
      to: 'member',
      meaning: '`id`: multicast message `id` to the group',
    },
    {
      type: 'Data',
      from: 'member',
      to: 'member',
      meaning:
        'sequencer variant: the message `id` itself, from its origin to every member (and resent on timeout)',
    },
    {
      type: 'Order',
      from: 'member',
      to: 'member',
      meaning: 'sequencer variant: member 0 numbers message `id` as `seq`, to every member',
    },
    {
      type: 'timeout',
      from: 'timer',
      to: 'member',
      meaning: 'sequencer variant: resend the `Data` of own multicasts not yet delivered',
    },
    {
      type: 'Msg',
      from: 'member',
      to: 'member',
      meaning: "Lamport variant: message `id` stamped `ts` with its origin's clock",
    },
    {
      type: 'Ack',
      from: 'member',
      to: 'member',
      meaning:
        'Lamport variant: "my clock has reached `ts`": nothing smaller can still come from me',
    },
  ],
  checkedBy: {
    'total-order': 'properties/total-order.ts',
    integrity: 'properties/integrity.ts',
    agreement: 'properties/agreement.ts',
    validity: 'properties/validity.ts',
    'all-delivered': 'properties/all-delivered.ts',
  },
  configurations: [
    {
      nodes: 3,
      description:
        'three members, two multicasts from different members, one network duplication, one early timeout',
      tier: 'fast',
      pins: [
        {
          variant: 'sequencer',
          distinct: 104285,
          transitions: 467768,
          depth: 20,
          witnesses: { 'all-delivered': 14 },
        },
        {
          variant: 'lamport',
          distinct: 7696,
          transitions: 27062,
          depth: 16,
          witnesses: { 'all-delivered': 8 },
        },
      ],
      counterexamples: [
        {
          variant: 'sequencer-no-seqcheck',
          property: 'total-order',
          why: "p0 and p1 each deliver their own Data first, then the other's: no Order needed",
          actions: [
            'p0 ← client multicast{id:"m0"}',
            'p0 → p0  Data{id:"m0"}',
            'p1 ← client multicast{id:"m1"}',
            'p1 → p0  Data{id:"m1"}',
            'p1 → p1  Data{id:"m1"}',
            'p0 → p1  Data{id:"m0"}',
          ],
        },
        {
          variant: 'sequencer-no-dedup',
          property: 'integrity',
          why: 'an early timeout resends m0, which the sequencer numbers again',
          actions: [
            'p0 ← client multicast{id:"m0"}',
            'p0 → p0  Data{id:"m0"}',
            'p0 timeout timeout',
            'p0 → p0  Order{id:"m0",seq:1}',
            'p0 → p0  Data{id:"m0"}',
            'p0 → p0  Order{id:"m0",seq:2}',
          ],
        },
        {
          variant: 'lamport-no-wait',
          property: 'total-order',
          why: 'equal stamps; each delivers its own message before hearing from the other',
          actions: [
            'p0 ← client multicast{id:"m0"}',
            'p1 ← client multicast{id:"m1"}',
            'p0 → p1  Msg{id:"m0",ts:1}',
            'p1 → p0  Msg{id:"m1",ts:1}',
          ],
        },
        {
          variant: 'lamport-no-dedup',
          property: 'integrity',
          why: 'the network duplicates m0 to p2, which delivers both copies',
          actions: [
            'p0 ← client multicast{id:"m0"}',
            'p0 → p1  Msg{id:"m0",ts:1}',
            'p1 → p2  Ack{ts:2}',
            'duplicate p0 → p2  Msg{id:"m0",ts:1}',
            'p0 → p2  Msg{id:"m0",ts:1}',
            'p0 → p2  Msg{id:"m0",ts:1}',
          ],
        },
      ],
    },
  ],
};
