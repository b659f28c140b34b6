/**
 * The IP multicast manifest: the seed's words, the message table, the file that checks each
 * property, and the bounded configurations with their pinned counts and shortest counterexamples.
 * Re-pin with `npx tsx scripts/pins.ts ip-multicast` after a deliberate change.
 */
import type { Manifest } from '../kernel/manifest.ts';

/** What ip-multicast pins and documents. */
export const ipMulticastManifest: Manifest = {
  seed: [
    {
      where: 'Broadcast and Multicast Communication: IP Multicast',
      text: 'IP-level support for multicast: special IP address for multicast group (class D); multicast forwarding support built in to routers; nodes may join and leave the group dynamically; membership changes affect forwarding behavior at routers; groups dynamically created and deleted via session directory; local groups limit propagation with TTL on packets',
    },
    {
      where: 'Broadcast and Multicast Communication: Properties of IP Multicast',
      text: 'messages only travel once over each link; reliability? congestion control?',
    },
  ],
  messages: [
    {
      type: 'create',
      from: 'client',
      to: 'directory',
      meaning: 'create the group: announce its class-D address to every host',
    },
    {
      type: 'delete',
      from: 'client',
      to: 'directory',
      meaning: 'delete the group: withdraw the announcement',
    },
    {
      type: 'Announce',
      from: 'directory',
      to: 'host',
      meaning: '`group`: the session exists, with this address',
    },
    {
      type: 'Withdraw',
      from: 'directory',
      to: 'host',
      meaning: '`group` is deleted: a member leaves it',
    },
    {
      type: 'joinGroup',
      from: 'client',
      to: 'host',
      meaning: 'join the announced group (ignored before the announcement)',
    },
    { type: 'leaveGroup', from: 'client', to: 'host', meaning: 'leave the group' },
    {
      type: 'sendPacket',
      from: 'client',
      to: 'host',
      meaning: '`ttl`: the source sends one packet with this TTL (0: it stays on the host)',
    },
    {
      type: 'Report',
      from: 'host',
      to: 'router',
      meaning:
        'IGMP membership report for `group` (`need`: the TTL the host’s subnet needs, for observation)',
    },
    {
      type: 'Leave',
      from: 'host',
      to: 'router',
      meaning: 'IGMP leave: the host is no longer a member',
    },
    {
      type: 'Data',
      from: 'host, router',
      to: 'router, host',
      meaning:
        '`pkt` for `group` with its remaining `ttl`: accepted only from the reverse-path neighbour, forwarded to the subnet’s members and to unpruned children within the link’s threshold',
    },
    {
      type: 'Prune',
      from: 'router',
      to: 'router',
      meaning: 'DVMRP prune: my branch has no members, stop forwarding to me',
    },
    {
      type: 'Graft',
      from: 'router',
      to: 'router',
      meaning:
        'DVMRP graft: my branch has a member again (passed upstream while the receiver is pruned itself)',
    },
    {
      type: 'GraftAck',
      from: 'router',
      to: 'router',
      meaning:
        'the branch is on the tree up to the source: the grafting router’s members become effective',
    },
  ],
  checkedBy: {
    'link-once': 'properties/multicast-delivery.ts',
    'scoped-delivery': 'properties/multicast-delivery.ts',
    'pruned-branch-silent': 'properties/multicast-delivery.ts',
    'member-delivery': 'properties/multicast-delivery.ts',
    'loss-misses-packet': 'properties/multicast-delivery.ts',
  },
  configurations: [
    {
      nodes: 3,
      description:
        'a ring of three routers whose link r0–r2 is a site boundary (threshold 32); the source on r0’s subnet, members h0 on r1 and h1 on r2, both join; packets with TTL 3 (r2 out of scope) and TTL 40; one message may be lost',
      tier: 'fast',
      pins: [
        {
          variant: 'dvmrp',
          distinct: 186711,
          transitions: 428033,
          depth: 22,
          witnesses: { 'loss-misses-packet': 11 },
        },
      ],
      counterexamples: [
        {
          variant: 'no-rpf-check',
          property: 'link-once',
          why: 'r1 and r2 each take p0 from r0 and, with no reverse-path check, flood it to each other: the link r1–r2 carries it twice',
          actions: [
            'sdr ← client create',
            'sdr → src  Announce{group:"239.1.2.3"}',
            'src ← client sendPacket{ttl:40}',
            'src → r0  Data{group:"239.1.2.3",pkt:"p0",ttl:40}',
            'r0 → r1  Data{group:"239.1.2.3",pkt:"p0",ttl:39}',
            'r0 → r2  Data{group:"239.1.2.3",pkt:"p0",ttl:39}',
          ],
        },
        {
          variant: 'ignored-prune',
          property: 'pruned-branch-silent',
          why: 'r1 has no member when p0 arrives and prunes; r0 notes the prune but forwards p1 down the pruned branch',
          actions: [
            'sdr ← client create',
            'sdr → src  Announce{group:"239.1.2.3"}',
            'src ← client sendPacket{ttl:3}',
            'src → r0  Data{group:"239.1.2.3",pkt:"p0",ttl:3}',
            'r0 → r1  Data{group:"239.1.2.3",pkt:"p0",ttl:2}',
            'r1 → r0  Prune',
            'src ← client sendPacket{ttl:40}',
            'src → r0  Data{group:"239.1.2.3",pkt:"p1",ttl:40}',
          ],
        },
        {
          variant: 'ttl-not-compared',
          property: 'scoped-delivery',
          why: 'r0 forwards p0 (TTL 3, decremented to 2) over the site boundary (threshold 32) to r2, whose member h1 needs TTL 33',
          actions: [
            'sdr ← client create',
            'sdr → src  Announce{group:"239.1.2.3"}',
            'sdr → h1  Announce{group:"239.1.2.3"}',
            'src ← client sendPacket{ttl:3}',
            'src → r0  Data{group:"239.1.2.3",pkt:"p0",ttl:3}',
            'h1 ← client joinGroup',
            'h1 → r2  Report{group:"239.1.2.3",need:33}',
            'r0 → r2  Data{group:"239.1.2.3",pkt:"p0",ttl:2}',
            'r2 → h1  Data{group:"239.1.2.3",pkt:"p0",ttl:2}',
          ],
        },
        {
          variant: 'flooded-graft-ack',
          property: 'member-delivery',
          why: 'in its own configuration (two packets with TTL 40, no loss): p0 prunes both branches; h0 joins and r0 acknowledges r1’s Graft, and r1 floods that GraftAck on to r2, which is grafting for h1 and takes it for its own: h1 is a member before r0 has unpruned r2, so p1 never reaches it; then the GraftAck r0 sends r2 circles the ring forever (steps 23-28), and the run never quiesces',
          shows: 'forever: steps 23-28 repeat',
          actions: [
            'sdr ← client create',
            'sdr → src  Announce{group:"239.1.2.3"}',
            'sdr → h0  Announce{group:"239.1.2.3"}',
            'sdr → h1  Announce{group:"239.1.2.3"}',
            'src ← client sendPacket{ttl:40}',
            'src → r0  Data{group:"239.1.2.3",pkt:"p0",ttl:40}',
            'r0 → r1  Data{group:"239.1.2.3",pkt:"p0",ttl:39}',
            'r0 → r2  Data{group:"239.1.2.3",pkt:"p0",ttl:39}',
            'r1 → r0  Prune',
            'r2 → r0  Prune',
            'h0 ← client joinGroup',
            'h0 → r1  Report{group:"239.1.2.3",need:2}',
            'r1 → r0  Graft',
            'r0 → r1  GraftAck',
            'h1 ← client joinGroup',
            'h1 → r2  Report{group:"239.1.2.3",need:33}',
            'r1 → r2  GraftAck',
            'src ← client sendPacket{ttl:40}',
            'src → r0  Data{group:"239.1.2.3",pkt:"p1",ttl:40}',
            'r0 → r1  Data{group:"239.1.2.3",pkt:"p1",ttl:39}',
            'r1 → h0  Data{group:"239.1.2.3",pkt:"p1",ttl:39}',
            'r2 → r0  Graft',
            'r0 → r2  GraftAck',
            'r2 → r0  GraftAck',
            'r0 → r1  GraftAck',
            'r1 → r2  GraftAck',
            'r2 → r1  GraftAck',
            'r1 → r0  GraftAck',
          ],
        },
      ],
    },
  ],
};
