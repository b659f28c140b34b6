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
        'sequencer variant: the message `id` itself, from its origin to every member (resent on timeout by its origin until delivered there, and by the sequencer to a member that has not acknowledged it)',
    },
    {
      type: 'Order',
      from: 'member',
      to: 'member',
      meaning:
        'sequencer variant: member 0 numbers message `id` as `seq`, to every other member (resent on timeout until acknowledged)',
    },
    {
      type: 'OrderAck',
      from: 'member',
      to: 'member',
      meaning:
        'sequencer variant: "I have delivered the first `count` messages in sequence order", to the sequencer (again on an `Order` already delivered)',
    },
    {
      type: 'timeout',
      from: 'timer',
      to: 'member',
      meaning:
        'resend: sequencer variant, the `Data` of own multicasts not yet delivered, and at the sequencer the `Data` and `Order` of every message a member has not acknowledged; Lamport variant, every stream entry a member has not confirmed with `Got`',
    },
    {
      type: 'Msg',
      from: 'member',
      to: 'member',
      meaning:
        "Lamport variant: message `id` stamped `ts` with its origin's clock, entry `k` of its stream",
    },
    {
      type: 'Ack',
      from: 'member',
      to: 'member',
      meaning:
        'Lamport variant: "my clock has reached `ts`": nothing smaller can still come from me; entry `k` of my stream',
    },
    {
      type: 'Got',
      from: 'member',
      to: 'member',
      meaning:
        'Lamport variant: "I have taken your stream up to entry `k`", for every entry received (a duplicate too)',
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
        'three members, two multicasts from different members, channels that may lose one message',
      tier: 'fast',
      pins: [
        {
          variant: 'sequencer',
          distinct: 4931,
          transitions: 14414,
          depth: 24,
          witnesses: { 'all-delivered': 12 },
        },
        {
          variant: 'lamport',
          distinct: 186113,
          transitions: 748980,
          depth: 28,
          witnesses: { 'all-delivered': 9 },
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
          why: "the loss of m1's Order to p1 makes p1 resend m1's Data; the sequencer numbers it again",
          actions: [
            'p0 ← client multicast{id:"m0"}',
            'p0 → p1  Data{id:"m0"}',
            'p0 → p2  Data{id:"m0"}',
            'p1 ← client multicast{id:"m1"}',
            'p1 → p0  Data{id:"m1"}',
            'p0 → p0  Data{id:"m0"}',
            'p0 → p2  Order{id:"m1",seq:1}',
            'p0 → p2  Order{id:"m0",seq:2}',
            'p1 → p1  Data{id:"m1"}',
            'p1 → p2  Data{id:"m1"}',
            'p2 → p0  OrderAck{count:2}',
            'drop p0 → p1  Order{id:"m1",seq:1}',
            'p0 → p1  Order{id:"m0",seq:2}',
            'timers expire',
            'p1 → p0  Data{id:"m1"}',
          ],
        },
        {
          variant: 'sequencer-no-resend',
          property: 'agreement',
          why: 'the Data of m1 to p2 is lost and the sequencer, told by p1 only, never resends it',
          actions: [
            'p0 ← client multicast{id:"m0"}',
            'p0 → p1  Data{id:"m0"}',
            'p0 → p2  Data{id:"m0"}',
            'p1 ← client multicast{id:"m1"}',
            'p1 → p0  Data{id:"m1"}',
            'p0 → p0  Data{id:"m0"}',
            'p0 → p1  Order{id:"m1",seq:1}',
            'p0 → p1  Order{id:"m0",seq:2}',
            'p0 → p2  Order{id:"m1",seq:1}',
            'p0 → p2  Order{id:"m0",seq:2}',
            'p1 → p1  Data{id:"m1"}',
            'p1 → p0  OrderAck{count:2}',
            'drop p1 → p2  Data{id:"m1"}',
          ],
        },
        {
          variant: 'sequencer-order-only',
          property: 'validity',
          why: "p1 loses its own Data of m1 after seeing m1's Order; each time the timers expire the sequencer resends p1 the Orders of m1 and m0 but not m1's Data, so steps 14-16 repeat forever with m1 undelivered at p1",
          shows: 'forever: steps 14-16 repeat',
          actions: [
            'p1 ← client multicast{id:"m1"}',
            'p1 → p0  Data{id:"m1"}',
            'p0 → p1  Order{id:"m1",seq:1}',
            'p0 → p2  Order{id:"m1",seq:1}',
            'p0 ← client multicast{id:"m0"}',
            'p0 → p0  Data{id:"m0"}',
            'p0 → p1  Data{id:"m0"}',
            'p0 → p1  Order{id:"m0",seq:2}',
            'p0 → p2  Data{id:"m0"}',
            'p0 → p2  Order{id:"m0",seq:2}',
            'p1 → p2  Data{id:"m1"}',
            'p2 → p0  OrderAck{count:2}',
            'drop p1 → p1  Data{id:"m1"}',
            'timers expire',
            'p0 → p1  Order{id:"m1",seq:1}',
            'p0 → p1  Order{id:"m0",seq:2}',
          ],
        },
        {
          variant: 'lamport-no-wait',
          property: 'total-order',
          why: 'equal stamps; each delivers its own message before hearing from the other',
          actions: [
            'p0 ← client multicast{id:"m0"}',
            'p1 ← client multicast{id:"m1"}',
            'p0 → p1  Msg{id:"m0",k:1,ts:1}',
            'p1 → p0  Msg{id:"m1",k:1,ts:1}',
          ],
        },
        {
          variant: 'lamport-no-dedup',
          property: 'integrity',
          why: "the loss of p2's Got for m1 makes p1 resend m1 once all is quiet; p2 takes it again",
          actions: [
            'p0 ← client multicast{id:"m0"}',
            'p0 → p1  Msg{id:"m0",k:1,ts:1}',
            'p0 → p2  Msg{id:"m0",k:1,ts:1}',
            'p1 → p0  Got{k:1}',
            'p1 → p0  Ack{k:1,ts:2}',
            'p0 → p1  Got{k:1}',
            'p1 → p2  Ack{k:1,ts:2}',
            'p2 → p0  Got{k:1}',
            'p2 → p0  Ack{k:1,ts:2}',
            'p0 → p2  Got{k:1}',
            'p2 → p1  Ack{k:1,ts:2}',
            'p1 → p2  Got{k:1}',
            'p2 → p1  Got{k:1}',
            'p1 ← client multicast{id:"m1"}',
            'p1 → p0  Msg{id:"m1",k:2,ts:3}',
            'p0 → p1  Got{k:2}',
            'p0 → p1  Ack{k:2,ts:4}',
            'p0 → p2  Ack{k:2,ts:4}',
            'p1 → p0  Got{k:2}',
            'p1 → p2  Msg{id:"m1",k:2,ts:3}',
            'p2 → p0  Got{k:2}',
            'p2 → p0  Ack{k:2,ts:4}',
            'p0 → p2  Got{k:2}',
            'drop p2 → p1  Got{k:2}',
            'p2 → p1  Ack{k:2,ts:4}',
            'p1 → p2  Got{k:2}',
            'timers expire',
            'p1 → p2  Msg{id:"m1",k:2,ts:3}',
          ],
        },
      ],
    },
  ],
};
