/**
 * The virtual-synchrony manifest: the seed's words, the message table, the file that checks each
 * property, and the bounded configuration with its pinned counts and shortest counterexamples.
 * Re-pin with `npx tsx scripts/pins.ts virtual-synchrony` after a deliberate change.
 */
import type { Manifest } from '../kernel/manifest.ts';

/** What virtual-synchrony pins and documents. */
export const virtualSynchronyManifest: Manifest = {
  seed: [
    {
      where: 'Groups to Enhance Availability: highly available service architecture',
      text: 'fail-over support for high availability during upgrades or faults',
    },
    {
      where: 'Groups to Enhance Availability: consistency issues',
      text:
        'replicas must be synchronised to prevent repeated or missed actions; needs virtual ' +
        'synchrony and totally ordered, reliable communication',
    },
    {
      where: 'Server group architecture',
      text: 'decentralized approach (majority or weighted voting schemes)',
    },
  ],
  messages: [
    {
      type: 'multicast',
      from: 'client',
      to: 'member',
      meaning: '`id`: multicast message `id` to the current view (held back during a view change)',
    },
    {
      type: 'Data',
      from: 'member',
      to: 'member',
      meaning:
        '`view`, `id`: a multicast on its way to the sequencer of `view` (its lowest member)',
    },
    {
      type: 'Seq',
      from: 'member',
      to: 'member',
      meaning: '`view`, `id`, `seq`: the sequencer numbered message `id` as `seq` in `view`',
    },
    {
      type: 'Join',
      from: 'member',
      to: 'member',
      meaning: 'a node outside the group asks every node to be admitted in the next view',
    },
    {
      type: 'Leave',
      from: 'member',
      to: 'member',
      meaning: '`view`: the sender leaves the group in `view` (told to every node)',
    },
    {
      type: 'Flush',
      from: 'member',
      to: 'member',
      meaning:
        'Paxos phase 1a, `view`, `ballot`: the coordinator asks the members it expects to stop ' +
        'sending and report',
    },
    {
      type: 'FlushAck',
      from: 'member',
      to: 'member',
      meaning:
        'phase 1b, `view`, `ballot`, `delivered`, `pending`, `accepted`: a member promises the ' +
        'ballot and reports what it delivered, its undelivered multicasts and the proposal it ' +
        'accepted',
    },
    {
      type: 'Accept',
      from: 'member',
      to: 'member',
      meaning:
        "phase 2a, `view`, `ballot`, `proposal`: the next view's members and what the old view " +
        'delivers',
    },
    {
      type: 'Accepted',
      from: 'member',
      to: 'member',
      meaning: 'phase 2b, `view`, `ballot`: a member accepted the proposal of `ballot`',
    },
    {
      type: 'NewView',
      from: 'member',
      to: 'member',
      meaning:
        '`previous`, `view`, `deliver`, `ballot`: decided by a majority; deliver what was missed ' +
        'of the old view, in order, then install `view`',
    },
    {
      type: 'suspect',
      from: 'timer',
      to: 'member',
      meaning: '`node`: the failure detector suspects a node this member waits for, rightly or not',
    },
    {
      type: 'leave',
      from: 'kernel',
      to: 'member',
      meaning: 'the leave fault: the member announces its Leave, then is out',
    },
  ],
  checkedBy: {
    'one-primary': 'properties/one-primary.ts',
    'view-agreement': 'properties/view-agreement.ts',
    'same-view-delivery': 'properties/same-view-delivery.ts',
    'virtual-synchrony': 'properties/virtual-synchrony.ts',
    'total-order': 'properties/total-order.ts',
    integrity: 'properties/integrity.ts',
    'vs-validity': 'properties/vs-validity.ts',
    'view-change-termination': 'properties/view-change.ts',
    'view-change': 'properties/view-change.ts',
  },
  configurations: [
    {
      nodes: 3,
      description:
        'three members, two multicasts from the members other than the sequencer, one crash, ' +
        'two suspicions, one leave, one partition',
      tier: 'fast',
      pins: [
        {
          variant: 'flush',
          distinct: 621960,
          transitions: 1857881,
          depth: 23,
          witnesses: { 'view-change': 8 },
        },
      ],
      counterexamples: [
        {
          variant: 'no-flush',
          property: 'virtual-synchrony',
          shows: 'node 2 delivered m0 in view 0 and node 1 did not',
          why:
            'p1 wrongly suspects the sequencer after only p2 heard its Seq; the new view agrees ' +
            'to deliver m0, but p1 installs it without delivering what it missed',
          actions: [
            'p1 ← client multicast{id:"m0"}',
            'p1 → p0  Data{id:"m0",view:0}',
            'p0 → p2  Seq{id:"m0",seq:1,view:0}',
            'p1 timeout suspect{node:0}',
            'p1 → p2  Flush{ballot:4,view:0}',
            'p2 → p1  FlushAck{accepted:null,ballot:4,delivered:["m0"],pending:[],view:0}',
            'p1 → p2  Accept{ballot:4,proposal:{"deliver":["m0"],"members":[1,2]},view:0}',
            'p2 → p1  Accepted{ballot:4,view:0}',
            'p1 → p2  NewView{ballot:4,deliver:["m0"],previous:0,view:{"id":1,"members":[1,2]}}',
          ],
        },
        {
          variant: 'minority-view',
          property: 'one-primary',
          shows: 'keeps no majority',
          why:
            'p1 suspects the sequencer and starts a view change; suspecting p2 as well, it ' +
            'completes it alone, through every phase in one step',
          actions: [
            'p1 ← client multicast{id:"m0"}',
            'p1 timeout suspect{node:0}',
            'p1 timeout suspect{node:2}',
          ],
        },
        {
          variant: 'reused-numbers',
          property: 'total-order',
          shows: 'delivered m1 before m0',
          why:
            'the sequencer p0 numbers m1 before m0 and is wrongly suspected; the coordinator p1, ' +
            'without its report, orders the pending m0 and m1 by id',
          actions: [
            'p1 ← client multicast{id:"m0"}',
            'p2 ← client multicast{id:"m1"}',
            'p2 → p0  Data{id:"m1",view:0}',
            'p1 → p0  Data{id:"m0",view:0}',
            'p1 timeout suspect{node:0}',
            'p1 → p2  Flush{ballot:4,view:0}',
            'p2 → p1  FlushAck{accepted:null,ballot:4,delivered:[],pending:["m1"],view:0}',
            'p1 → p2  Accept{ballot:4,proposal:{"deliver":["m0","m1"],"members":[1,2]},view:0}',
            'p2 → p1  Accepted{ballot:4,view:0}',
          ],
        },
        {
          variant: 'drops-held-back',
          property: 'vs-validity',
          shows: 'node 1 multicast m0 in view 1 .* but it never delivered it',
          why:
            'p0 leaves; p1 is asked to multicast m0 after it started the flush, so holds it ' +
            'back, installs view 1 and forgets it; the crash of p2 lets the run quiesce sooner',
          actions: [
            'leave p0',
            'p0 → p1  Leave{view:0}',
            'p1 → p2  Flush{ballot:4,view:0}',
            'p2 → p1  FlushAck{accepted:null,ballot:4,delivered:[],pending:[],view:0}',
            'p1 → p2  Accept{ballot:4,proposal:{"deliver":[],"members":[1,2]},view:0}',
            'p1 ← client multicast{id:"m0"}',
            'p2 → p1  Accepted{ballot:4,view:0}',
            'crash p2',
          ],
        },
        {
          variant: 'restarting-coordinator',
          property: 'view-change-termination',
          shows: 'no view 1 was installed, forever: steps 8-9 repeat',
          why:
            'p1 leaves; the coordinator p0 flushes with p2 and proposes view [0,2], then answers ' +
            "each of p2's Accepted with its Accept again, having forgotten the acceptance: steps " +
            '8-9 repeat forever (a fair cycle) and no view 1 is installed',
          actions: [
            'leave p1',
            'p1 → p0  Leave{view:0}',
            'p0 → p2  Flush{ballot:3,view:0}',
            'p1 → p2  Leave{view:0}',
            'p2 → p0  FlushAck{accepted:null,ballot:3,delivered:[],pending:[],view:0}',
            'p0 → p2  Accept{ballot:3,proposal:{"deliver":[],"members":[0,2]},view:0}',
            'p2 ← client multicast{id:"m1"}',
            'p2 → p0  Accepted{ballot:3,view:0}',
            'p0 → p2  Accept{ballot:3,proposal:{"deliver":[],"members":[0,2]},view:0}',
          ],
        },
      ],
    },
    {
      nodes: 4,
      description:
        'three members and a joiner: two multicasts from the members other than the sequencer, ' +
        'one join, one crash, one suspicion, so two view changes (view 2 is reached, with the ' +
        'joiner) in which what the first leaves behind matters (held-back multicasts, carried-' +
        'over suspicions, a Join or Flush arriving in either view); explored fully breadth-first ' +
        '(about 40 s: slow tier)',
      tier: 'slow',
      pins: [
        {
          variant: 'flush',
          distinct: 982083,
          transitions: 3875071,
          depth: 44,
          witnesses: { 'view-change': 8 },
        },
      ],
      counterexamples: [
        {
          variant: 'no-flush',
          property: 'virtual-synchrony',
          shows: 'delivered m0 in view 0 and node 1 did not',
          actions: [
            'p1 ← client multicast{id:"m0"}',
            'p1 → p0  Data{id:"m0",view:0}',
            'p0 → p2  Seq{id:"m0",seq:1,view:0}',
            'p1 timeout suspect{node:0}',
            'p1 → p2  Flush{ballot:5,view:0}',
            'p2 → p1  FlushAck{accepted:null,ballot:5,delivered:["m0"],pending:[],view:0}',
            'p1 → p2  Accept{ballot:5,proposal:{"deliver":["m0"],"members":[1,2]},view:0}',
            'p2 → p1  Accepted{ballot:5,view:0}',
            'p1 → p2  NewView{ballot:5,deliver:["m0"],previous:0,view:{"id":1,"members":[1,2]}}',
          ],
        },
        {
          variant: 'minority-view',
          property: 'one-primary',
          shows: 'keeps no majority',
          actions: [
            'p1 ← client multicast{id:"m0"}',
            'p1 → p0  Data{id:"m0",view:0}',
            'p0 → p1  Seq{id:"m0",seq:1,view:0}',
            'p0 → p2  Seq{id:"m0",seq:1,view:0}',
            'p2 ← client multicast{id:"m1"}',
            'p2 → p0  Data{id:"m1",view:0}',
            'p0 → p1  Seq{id:"m1",seq:2,view:0}',
            'p2 timeout suspect{node:0}',
            'p0 → p2  Seq{id:"m1",seq:2,view:0}',
            'timers expire',
          ],
        },
        {
          variant: 'reused-numbers',
          property: 'total-order',
          shows: 'delivered m1 before m0',
          actions: [
            'p1 ← client multicast{id:"m0"}',
            'p2 ← client multicast{id:"m1"}',
            'p2 → p0  Data{id:"m1",view:0}',
            'p1 → p0  Data{id:"m0",view:0}',
            'p1 timeout suspect{node:0}',
            'p1 → p2  Flush{ballot:5,view:0}',
            'p2 → p1  FlushAck{accepted:null,ballot:5,delivered:[],pending:["m1"],view:0}',
            'p1 → p2  Accept{ballot:5,proposal:{"deliver":["m0","m1"],"members":[1,2]},view:0}',
            'p2 → p1  Accepted{ballot:5,view:0}',
          ],
        },
        {
          variant: 'drops-held-back',
          property: 'vs-validity',
          shows: 'multicast m1 in view 1 .* but it never delivered it',
          actions: [
            'p1 ← client multicast{id:"m0"}',
            'p1 → p0  Data{id:"m0",view:0}',
            'p0 → p2  Seq{id:"m0",seq:1,view:0}',
            'p1 timeout suspect{node:0}',
            'p0 → p1  Seq{id:"m0",seq:1,view:0}',
            'p1 → p2  Flush{ballot:5,view:0}',
            'p2 → p1  FlushAck{accepted:null,ballot:5,delivered:["m0"],pending:[],view:0}',
            'p1 → p2  Accept{ballot:5,proposal:{"deliver":["m0"],"members":[1,2]},view:0}',
            'p2 → p1  Accepted{ballot:5,view:0}',
            'p2 ← client multicast{id:"m1"}',
            'p1 → p2  NewView{ballot:5,deliver:["m0"],previous:0,view:{"id":1,"members":[1,2]}}',
          ],
        },
        {
          variant: 'restarting-coordinator',
          property: 'view-change-termination',
          shows: 'no view 1 was installed, forever: steps 13-16 repeat',
          actions: [
            'join p3',
            'p3 → p0  Join',
            'p0 → p1  Flush{ballot:4,view:0}',
            'p0 → p2  Flush{ballot:4,view:0}',
            'p1 → p0  FlushAck{accepted:null,ballot:4,delivered:[],pending:[],view:0}',
            'p2 → p0  FlushAck{accepted:null,ballot:4,delivered:[],pending:[],view:0}',
            'p0 → p1  Accept{ballot:4,proposal:{"deliver":[],"members":[0,1,2,3]},view:0}',
            'p0 → p2  Accept{ballot:4,proposal:{"deliver":[],"members":[0,1,2,3]},view:0}',
            'p3 → p1  Join',
            'p3 → p2  Join',
            'p1 ← client multicast{id:"m0"}',
            'p2 ← client multicast{id:"m1"}',
            'p1 → p0  Accepted{ballot:4,view:0}',
            'p2 → p0  Accepted{ballot:4,view:0}',
            'p0 → p1  Accept{ballot:4,proposal:{"deliver":[],"members":[0,1,2,3]},view:0}',
            'p0 → p2  Accept{ballot:4,proposal:{"deliver":[],"members":[0,1,2,3]},view:0}',
          ],
        },
      ],
    },
  ],
};
