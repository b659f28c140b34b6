/**
 * The Freenet manifest: the seed's words, the message table, the file that checks each property,
 * and the bounded configurations with their pinned counts and shortest counterexamples.
 * Re-pin with `npx tsx scripts/pins.ts freenet` after a deliberate change.
 */
import type { Manifest } from '../kernel/manifest.ts';

/** What Freenet pins and documents. */
export const freenetManifest: Manifest = {
  seed: [
    {
      where: 'Freenet (True P2P, no centralized directory): naming',
      text:
        'Naming via location-independent keys: keys produced by hashing file keywords or file ' +
        'content; combining them with public/private keys to create protected/unique name spaces',
    },
    {
      where: 'Freenet: file placement / propagation',
      text:
        'Each node has files and a routing table <key, node addr>. File placement / propagation: ' +
        'create key; insert key locally (if unique) and set TTL; forward key to "nearest" node in ' +
        'route table (closest hash value); if unique it is inserted, otherwise returned; if still ' +
        'unique when TTL expires placement has succeeded; the file is stored at each node along ' +
        'the propagation path; results in file copies being placed on nodes with "similar" files ' +
        '(giving some kind of locality); LRU used for storage management (same as caching); no ' +
        'guarantee of permanence!',
    },
    {
      where: 'Freenet: discovery',
      text:
        'Discovery: given a key, look locally, then look for nearest key (closest hash value) in ' +
        'route table and route request there. TTL expiry generates a "failure" reply message; ' +
        'failure messages cause the receiving node to try another candidate with the next ' +
        'closest key; no more candidates to try results in a failure reply message',
    },
    {
      where: 'Freenet: caching',
      text:
        'Caching: cache file on every node in reverse path and adjust routing tables; localizes ' +
        'copies around nodes that use them; uses LRU replacement algorithm to manage space; ' +
        'quality of routing improves / becomes specialized over time',
    },
  ],
  messages: [
    {
      type: 'request',
      from: 'client',
      to: 'node',
      meaning: '`id`, `key`, `htl`: find the data under `key`, looking locally first',
    },
    {
      type: 'insert',
      from: 'client',
      to: 'node',
      meaning:
        '`id`, `key`, `data`, `proof`, `htl`: insert `data` (signed by `proof`) under `key`; refused if it does not verify',
    },
    {
      type: 'DataRequest',
      from: 'node',
      to: 'node',
      meaning:
        '`id`, `key`, `htl`: a request forwarded to the candidate closest to `key`; a node that saw `id` before refuses it (a loop)',
    },
    {
      type: 'DataReply',
      from: 'node',
      to: 'node',
      meaning:
        '`id`, `key`, `data`, `proof`, `source`: the data (or, for an insert, the colliding data) back along the reverse path; each node verifies, caches it and routes `key` to `source`',
    },
    {
      type: 'RequestFailed',
      from: 'node',
      to: 'node',
      meaning:
        '`id`, `expired`: a loop, a dead end, a node leaving or (`expired`) HTL running out; the node upstream tries its next candidate, except after an expiry (the paper; the seed variant backtracks then too)',
    },
    {
      type: 'InsertRequest',
      from: 'node',
      to: 'node',
      meaning:
        "`id`, `key`, `htl`: an insert's first pass, routed like a request; a node holding `key` answers with its data (a collision)",
    },
    {
      type: 'InsertClear',
      from: 'node',
      to: 'node',
      meaning: '`id`: "all clear": HTL ran out with no collision; it travels back to the inserter',
    },
    {
      type: 'InsertData',
      from: 'node',
      to: 'node',
      meaning:
        "`id`, `key`, `data`, `proof`, `source`: the insert's second pass along the cleared path; each node verifies it (data a corrupt node altered is dropped there), stores it and routes `key` to the inserter",
    },
    {
      type: 'Announce',
      from: 'node',
      to: 'node',
      meaning:
        '`id`, `node`, `htl`: a joining node announces itself, routed towards its location; each node on the way adds it and welcomes it',
    },
    {
      type: 'Welcome',
      from: 'node',
      to: 'node',
      meaning: 'a node took in the announcement: the joining node adds it as a neighbour',
    },
    {
      type: 'timeout',
      from: 'timer',
      to: 'node',
      meaning:
        'give up on every node waited on (crashed, left or slow) and try the next candidate; drop an insert whose data never came',
    },
    {
      type: 'leave',
      from: 'kernel',
      to: 'node',
      meaning: 'the node leaves: every request and insert waiting here fails upstream',
    },
  ],
  checkedBy: {
    'key-discovery': 'properties/key-discovery.ts',
    'insert-collision': 'properties/insert-collision.ts',
    'handled-once': 'properties/request-handling.ts',
    'none-pending': 'properties/request-handling.ts',
    'reverse-path-caching': 'properties/reverse-path-caching.ts',
    'content-integrity': 'properties/content-integrity.ts',
    'key-found': 'properties/key-discovery.ts',
  },
  configurations: [
    {
      nodes: 4,
      description:
        'a triangle 0-2-3 with leaf 1 (closest to the key) off 3; node 0 holds ksk:alpha, node 1 inserts other data under it (a collision at 0), node 2 requests it; node 3 inserts a CHK closest to node 2, whose data passes node 2, a corrupt forwarder that alters it',
      tier: 'fast',
      pins: [
        {
          variant: 'freenet',
          distinct: 429365,
          transitions: 769504,
          depth: 28,
          witnesses: { 'key-found': 8 },
        },
        {
          variant: 'seed-expiry-backtracks',
          distinct: 429365,
          transitions: 769504,
          depth: 28,
          witnesses: { 'key-found': 8 },
        },
      ],
      counterexamples: [
        {
          variant: 'no-backtracking',
          property: 'key-discovery',
          why: '2 asks 3, 3 tries the leaf 1 (closest to the key), whose failure 3 passes up instead of trying 0 (which holds the key); the other inputs must also finish for the system to quiesce',
          actions: [
            'n0 ← client insert{data:"b",htl:0,id:"i0",key:"kaaa926",proof:"ixgsfrL8Rk…"}',
            'n1 ← client insert{data:"a",htl:3,id:"i1",key:"kaaa926",proof:"ixgsfrL8Rk…"}',
            'n1 → n3  InsertRequest{htl:2,id:"i1",key:"kaaa926"}',
            'n3 → n0  InsertRequest{htl:1,id:"i1",key:"kaaa926"}',
            'n3 ← client insert{data:"t",htl:3,id:"i2",key:"ce3b98a",proof:""}',
            'n3 → n2  InsertRequest{htl:2,id:"i2",key:"ce3b98a"}',
            'n2 → n0  InsertRequest{htl:1,id:"i2",key:"ce3b98a"}',
            'n0 → n2  InsertClear{id:"i2"}',
            'n2 → n3  InsertClear{id:"i2"}',
            'n3 → n2  InsertData{data:"t",id:"i2",key:"ce3b98a",proof:"",source:3}',
            'n2 → n0  InsertData{data:"forged",id:"i2",key:"ce3b98a",proof:"",source:3}',
            'n2 ← client request{htl:4,id:"r0",key:"kaaa926"}',
            'n2 → n3  DataRequest{htl:3,id:"r0",key:"kaaa926"}',
            'n0 → n3  DataReply{data:"b",id:"i1",key:"kaaa926",proof:"ixgsfrL8Rk…",source:0}',
            'n3 → n1  DataRequest{htl:2,id:"r0",key:"kaaa926"}',
            'n1 → n3  RequestFailed{expired:false,id:"r0"}',
            'n3 → n1  DataReply{data:"b",id:"i1",key:"kaaa926",proof:"ixgsfrL8Rk…",source:0}',
            'n3 → n2  RequestFailed{expired:false,id:"r0"}',
          ],
        },
        {
          variant: 'retries-failed-neighbour',
          property: 'none-pending',
          shows: 'node 2 never answered request r0, forever: steps 20-21 repeat',
          why: 'the request goes 2-3-1; the leaf 1 fails it and 3, backtracking, sends it to 1 again, which refuses it as a loop: steps 20-21 repeat forever, and node 2 never hears back (the inserts finish first: every input must be taken for the cycle to be fair)',
          actions: [
            'n1 ← client insert{data:"a",htl:3,id:"i1",key:"kaaa926",proof:"ixgsfrL8Rk…"}',
            'n1 → n3  InsertRequest{htl:2,id:"i1",key:"kaaa926"}',
            'n3 → n0  InsertRequest{htl:1,id:"i1",key:"kaaa926"}',
            'n0 ← client insert{data:"b",htl:0,id:"i0",key:"kaaa926",proof:"ixgsfrL8Rk…"}',
            'n3 ← client insert{data:"t",htl:3,id:"i2",key:"ce3b98a",proof:""}',
            'n3 → n2  InsertRequest{htl:2,id:"i2",key:"ce3b98a"}',
            'n2 → n0  InsertRequest{htl:1,id:"i2",key:"ce3b98a"}',
            'n0 → n2  InsertClear{id:"i2"}',
            'n2 → n3  InsertClear{id:"i2"}',
            'n3 → n2  InsertData{data:"t",id:"i2",key:"ce3b98a",proof:"",source:3}',
            'n2 → n0  InsertData{data:"forged",id:"i2",key:"ce3b98a",proof:"",source:3}',
            'n2 ← client request{htl:4,id:"r0",key:"kaaa926"}',
            'n2 → n3  DataRequest{htl:3,id:"r0",key:"kaaa926"}',
            'n0 → n3  InsertClear{id:"i1"}',
            'n3 → n1  DataRequest{htl:2,id:"r0",key:"kaaa926"}',
            'n1 → n3  RequestFailed{expired:false,id:"r0"}',
            'n3 → n1  InsertClear{id:"i1"}',
            'n1 → n3  InsertData{data:"a",id:"i1",key:"kaaa926",proof:"ixgsfrL8Rk…",source:1}',
            'n3 → n0  InsertData{data:"a",id:"i1",key:"kaaa926",proof:"ixgsfrL8Rk…",source:1}',
            'n3 → n1  DataRequest{htl:2,id:"r0",key:"kaaa926"}',
            'n1 → n3  RequestFailed{expired:false,id:"r0"}',
          ],
        },
        {
          variant: 'no-loop-detection',
          property: 'handled-once',
          shows: 'node 2',
          why: 'the request goes 2-3-(1)-0 and 0, not holding the key yet, sends it back to 2',
          actions: [
            'n2 ← client request{htl:4,id:"r0",key:"kaaa926"}',
            'n2 → n3  DataRequest{htl:3,id:"r0",key:"kaaa926"}',
            'n3 → n1  DataRequest{htl:2,id:"r0",key:"kaaa926"}',
            'n1 → n3  RequestFailed{expired:false,id:"r0"}',
            'n3 → n0  DataRequest{htl:2,id:"r0",key:"kaaa926"}',
            'n0 → n2  DataRequest{htl:1,id:"r0",key:"kaaa926"}',
          ],
        },
        {
          variant: 'no-reply-caching',
          property: 'reverse-path-caching',
          shows: 'node 3',
          why: '0 answers through 3, which relays the data to 2 without keeping it',
          actions: [
            'n0 ← client insert{data:"b",htl:0,id:"i0",key:"kaaa926",proof:"ixgsfrL8Rk…"}',
            'n2 ← client request{htl:4,id:"r0",key:"kaaa926"}',
            'n2 → n3  DataRequest{htl:3,id:"r0",key:"kaaa926"}',
            'n3 → n1  DataRequest{htl:2,id:"r0",key:"kaaa926"}',
            'n1 → n3  RequestFailed{expired:false,id:"r0"}',
            'n3 → n0  DataRequest{htl:2,id:"r0",key:"kaaa926"}',
            'n0 → n3  DataReply{data:"b",id:"r0",key:"kaaa926",proof:"ixgsfrL8Rk…",source:0}',
          ],
        },
        {
          variant: 'no-collision-check',
          property: 'insert-collision',
          shows: 'overwrote',
          why: "1's insert passes 0 (which misses the collision) and is all clear; the data follows and 0 overwrites what it held",
          actions: [
            'n0 ← client insert{data:"b",htl:0,id:"i0",key:"kaaa926",proof:"ixgsfrL8Rk…"}',
            'n1 ← client insert{data:"a",htl:3,id:"i1",key:"kaaa926",proof:"ixgsfrL8Rk…"}',
            'n1 → n3  InsertRequest{htl:2,id:"i1",key:"kaaa926"}',
            'n3 → n0  InsertRequest{htl:1,id:"i1",key:"kaaa926"}',
            'n0 → n3  InsertClear{id:"i1"}',
            'n3 → n1  InsertClear{id:"i1"}',
            'n1 → n3  InsertData{data:"a",id:"i1",key:"kaaa926",proof:"ixgsfrL8Rk…",source:1}',
            'n3 → n0  InsertData{data:"a",id:"i1",key:"kaaa926",proof:"ixgsfrL8Rk…",source:1}',
          ],
        },
        {
          variant: 'no-verification',
          property: 'content-integrity',
          shows: 'node 0 accepted forged',
          why: "3's insert of the CHK goes 3-2-0 and is all clear; its data follows through 2, which alters it, and 0 stores the altered data",
          actions: [
            'n3 ← client insert{data:"t",htl:3,id:"i2",key:"ce3b98a",proof:""}',
            'n3 → n2  InsertRequest{htl:2,id:"i2",key:"ce3b98a"}',
            'n2 → n0  InsertRequest{htl:1,id:"i2",key:"ce3b98a"}',
            'n0 → n2  InsertClear{id:"i2"}',
            'n2 → n3  InsertClear{id:"i2"}',
            'n3 → n2  InsertData{data:"t",id:"i2",key:"ce3b98a",proof:"",source:3}',
            'n2 → n0  InsertData{data:"forged",id:"i2",key:"ce3b98a",proof:"",source:3}',
          ],
        },
        {
          variant: 'no-insert-verification',
          property: 'content-integrity',
          shows: 'node 0 accepted forged',
          why: "the same path as no-verification's: 0 stores the insert's data that 2 altered without checking it (replies are still checked)",
          actions: [
            'n3 ← client insert{data:"t",htl:3,id:"i2",key:"ce3b98a",proof:""}',
            'n3 → n2  InsertRequest{htl:2,id:"i2",key:"ce3b98a"}',
            'n2 → n0  InsertRequest{htl:1,id:"i2",key:"ce3b98a"}',
            'n0 → n2  InsertClear{id:"i2"}',
            'n2 → n3  InsertClear{id:"i2"}',
            'n3 → n2  InsertData{data:"t",id:"i2",key:"ce3b98a",proof:"",source:3}',
            'n2 → n0  InsertData{data:"forged",id:"i2",key:"ce3b98a",proof:"",source:3}',
          ],
        },
      ],
    },
    {
      nodes: 2,
      description:
        'nodes 0-1, node 0 inserts ksk:alpha; node 2 joins off 1 and requests it; one crash and one leave may strike anywhere (timers fire when nothing else can happen)',
      tier: 'fast',
      pins: [
        {
          variant: 'freenet',
          distinct: 28856,
          transitions: 64261,
          depth: 21,
          witnesses: { 'key-found': 10 },
        },
        {
          variant: 'seed-expiry-backtracks',
          distinct: 31355,
          transitions: 69694,
          depth: 22,
          witnesses: { 'key-found': 10 },
        },
      ],
      counterexamples: [],
    },
  ],
};
