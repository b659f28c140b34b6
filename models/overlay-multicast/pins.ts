/**
 * The bounded configurations of overlay-multicast with their pinned counts and each mutant's
 * shortest counterexample, as `npx tsx scripts/pins.ts overlay-multicast` prints them.
 */
import type { BoundedConfiguration } from '../kernel/manifest.ts';

/** The pinned bounded configurations (3 and 4 initial members). */
export const PINS: readonly BoundedConfiguration[] = [
  {
    nodes: 3,
    description:
      'the line underlay, initial mesh m0 – m1 – m2 (degree 1), joiner m3 (links to m2), m1 crashes (cutting the line); m0 sends three packets, one per unit of time',
    tier: 'fast',
    pins: [
      {
        variant: 'narada',
        distinct: 16173,
        transitions: 25044,
        depth: 30,
        witnesses: { 'repair-happens': 14, 'delivery-after-crash': 26 },
      },
    ],
    counterexamples: [
      {
        variant: 'no-path-check',
        property: 'loop-free-routes',
        why: 'm1 crashes; when m2 declares it dead it takes m3’s stale route to m0, which leads back through m2 itself, since it no longer checks the path',
        actions: [
          'm3 ← client join',
          'm3 → boot  Hello',
          'boot → m3  Welcome{members:[0,1,2]}',
          'm3 → m2  LinkRequest',
          'm2 → m3  LinkAccept{departed:[],members:[0,1,2,3],routes:[{"cost":0,"dest":2,"path":[2]},{"cost":3,"dest":0,"path":[2,1,0]},{"cost":2,"dest":1,"path":[2,1]},{"cost":1,"dest":3,"path":[2,3]}]}',
          'm3 → m2  Refresh{departed:[],members:[0,1,2,3],routes:[{"cost":0,"dest":3,"path":[3]},{"cost":4,"dest":0,"path":[3,2,1,0]},{"cost":3,"dest":1,"path":[3,2,1]},{"cost":1,"dest":2,"path":[3,2]}]}',
          'm1 ← client crash',
          'timers expire',
          'm2 → m3  Probe',
          'm3 → m2  Probe',
          'm2 → m3  ProbeAck',
          'm3 → m2  ProbeAck',
          'timers expire',
        ],
      },
      {
        variant: 'reattach-to-descendant',
        property: 'mesh-connected',
        why: 'm1 crashes and cuts the line; m2 repairs by linking to a member it can still reach (none but its neighbour m3), so m2 and m3 stay cut off from m0',
        actions: [
          'm3 ← client join',
          'm3 → boot  Hello',
          'boot → m3  Welcome{members:[0,1,2]}',
          'm3 → m2  LinkRequest',
          'm2 → m3  LinkAccept{departed:[],members:[0,1,2,3],routes:[{"cost":0,"dest":2,"path":[2]},{"cost":3,"dest":0,"path":[2,1,0]},{"cost":2,"dest":1,"path":[2,1]},{"cost":1,"dest":3,"path":[2,3]}]}',
          'm3 → m2  Refresh{departed:[],members:[0,1,2,3],routes:[{"cost":0,"dest":3,"path":[3]},{"cost":4,"dest":0,"path":[3,2,1,0]},{"cost":3,"dest":1,"path":[3,2,1]},{"cost":1,"dest":2,"path":[3,2]}]}',
          'm1 ← client crash',
          'timers expire',
          'm2 → m3  Probe',
          'm3 → m2  Probe',
          'm2 → m3  ProbeAck',
          'm3 → m2  ProbeAck',
          'timers expire',
          'm2 → m3  Refresh{departed:[1],members:[0,2,3],routes:[{"cost":0,"dest":2,"path":[2]},{"cost":1,"dest":3,"path":[2,3]}]}',
          'm3 → m2  Refresh{departed:[1],members:[0,2,3],routes:[{"cost":0,"dest":3,"path":[3]},{"cost":1,"dest":2,"path":[3,2]}]}',
          'timers expire',
        ],
      },
      {
        variant: 'forward-to-sender',
        property: 'no-backward-forwarding',
        why: 'after the repair m2 takes p2 from its parent m0 and sends it back to m0 as well as down to m3',
        actions: [
          'm3 ← client join',
          'm3 → boot  Hello',
          'boot → m3  Welcome{members:[0,1,2]}',
          'm3 → m2  LinkRequest',
          'm2 → m3  LinkAccept{departed:[],members:[0,1,2,3],routes:[{"cost":0,"dest":2,"path":[2]},{"cost":3,"dest":0,"path":[2,1,0]},{"cost":2,"dest":1,"path":[2,1]},{"cost":1,"dest":3,"path":[2,3]}]}',
          'm3 → m2  Refresh{departed:[],members:[0,1,2,3],routes:[{"cost":0,"dest":3,"path":[3]},{"cost":4,"dest":0,"path":[3,2,1,0]},{"cost":3,"dest":1,"path":[3,2,1]},{"cost":1,"dest":2,"path":[3,2]}]}',
          'm1 ← client crash',
          'timers expire',
          'm2 → m3  Probe',
          'm3 → m2  Probe',
          'm2 → m3  ProbeAck',
          'm3 → m2  ProbeAck',
          'timers expire',
          'm0 → m2  LinkRequest',
          'm2 → m0  LinkRequest',
          'm0 → m2  LinkAccept{departed:[1],members:[0,2],routes:[{"cost":0,"dest":0,"path":[0]},{"cost":3,"dest":2,"path":[0,2]}]}',
          'm2 → m0  LinkAccept{departed:[1],members:[0,2,3],routes:[{"cost":0,"dest":2,"path":[2]},{"cost":3,"dest":0,"path":[2,0]},{"cost":1,"dest":3,"path":[2,3]}]}',
          'm0 → m2  Refresh{departed:[1],members:[0,2,3],routes:[{"cost":0,"dest":0,"path":[0]},{"cost":3,"dest":2,"path":[0,2]},{"cost":4,"dest":3,"path":[0,2,3]}]}',
          'm2 → m0  Refresh{departed:[1],members:[0,2,3],routes:[{"cost":0,"dest":2,"path":[2]},{"cost":3,"dest":0,"path":[2,0]},{"cost":1,"dest":3,"path":[2,3]}]}',
          'm2 → m3  Refresh{departed:[1],members:[0,2,3],routes:[{"cost":0,"dest":2,"path":[2]},{"cost":1,"dest":3,"path":[2,3]}]}',
          'm2 → m3  Refresh{departed:[1],members:[0,2,3],routes:[{"cost":0,"dest":2,"path":[2]},{"cost":3,"dest":0,"path":[2,0]},{"cost":1,"dest":3,"path":[2,3]}]}',
          'm3 → m2  Refresh{departed:[1],members:[0,2,3],routes:[{"cost":0,"dest":3,"path":[3]},{"cost":1,"dest":2,"path":[3,2]}]}',
          'm3 → m2  Refresh{departed:[1],members:[0,2,3],routes:[{"cost":0,"dest":3,"path":[3]},{"cost":4,"dest":0,"path":[3,2,0]},{"cost":1,"dest":2,"path":[3,2]}]}',
          'timers expire',
          'm0 → m2  Data{seq:2,src:0}',
        ],
      },
    ],
  },
  {
    nodes: 4,
    description:
      'the line underlay, initial mesh m0 – m1 – m2 – m3 (degree 1), m0 multicasts one packet while m1 leaves (cutting the line) and m3 crashes, then three packets, one per unit of time',
    tier: 'fast',
    pins: [
      {
        variant: 'narada',
        distinct: 5039,
        transitions: 6257,
        depth: 24,
        witnesses: { 'repair-happens': 8, 'delivery-after-crash': 19 },
      },
    ],
    counterexamples: [
      {
        variant: 'no-path-check',
        property: 'loop-free-routes',
        why: 'm1 leaves; m2 takes m3’s stale route to m0, which leads back through m2',
        actions: ['m1 ← client leave', 'm1 → m2  Leave'],
      },
      {
        variant: 'reattach-to-descendant',
        property: 'mesh-connected',
        why: 'm1 leaves and m3 crashes; m2 finds no reachable member to link to and stays cut off from m0',
        actions: [
          'm0 ← client multicast',
          'm1 ← client leave',
          'm1 → m0  Leave',
          'm1 → m2  Leave',
          'm1 → boot  Leave',
          'm3 ← client crash',
          'timers expire',
          'timers expire',
          'timers expire',
        ],
      },
      {
        variant: 'forward-to-sender',
        property: 'no-backward-forwarding',
        why: 'm1 takes p0 from m0 and sends it back to m0',
        actions: ['m0 ← client multicast', 'm0 → m1  Data{seq:0,src:0}'],
      },
    ],
  },
];
