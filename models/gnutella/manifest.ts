/**
 * The Gnutella manifest: the seed's words, the message table, the file that checks each property,
 * and the bounded configurations with their pinned counts and shortest counterexamples.
 * Re-pin with `npx tsx scripts/pins.ts gnutella` after a deliberate change.
 */
import type { Manifest } from '../kernel/manifest.ts';

/** What Gnutella pins and documents. */
export const gnutellaManifest: Manifest = {
  seed: [
    {
      where: 'Gnutella',
      text:
        'Unstructured, "decentralized", true peer to peer system Overlay network of peers instead ' +
        'of central server Peer discovery based on flooding ping/pong approach Discovery of data ' +
        'based on flooding queries Robust, but not scalable, even with TTL on messages - ' +
        'exponential traffic growth limits scalability - slow participants get swamped',
    },
    {
      where: 'Enhancements to Gnutella',
      text:
        'Reflector proxies to protect low bandwidth participants Bandwidth capacity matching to ' +
        'group participants based on pong filtering Pong caching for suppression of ping ' +
        'propagation trades stale view of overlay for improved bandwidth efficiency Query-hit ' +
        'caching for suppression of query propagation - trades stale view for improved bandwidth ' +
        'efficiency - good for power-law networks - how to discover new nodes? Expanding ring ' +
        'using incrementally expanding TTL good for small-world networks',
    },
    {
      where: 'Enhancements to Gnutella (continued)',
      text:
        'Random walk - trades response time for bandwidth efficiency - can be biased towards well ' +
        'connected nodes - can use parallel walks - good for power-law and small world networks ' +
        'Flow control refines walk to prevent hot-spots Query routing - requires that peers share ' +
        'information about resources in order to construct routing tables - routing enhances ' +
        'probability of finding the desired item',
    },
  ],
  messages: [
    {
      type: 'search',
      from: 'client',
      to: 'servent',
      meaning: '`id`, `key`, `ttl`: a user searches; the servent floods a Query with a fresh GUID',
    },
    {
      type: 'ping',
      from: 'client',
      to: 'servent',
      meaning: '`ttl`: a user looks for hosts; the servent floods a Ping with a fresh GUID',
    },
    {
      type: 'Ping',
      from: 'servent',
      to: 'servent',
      meaning:
        '`guid`, `ttl`, `hops`: host discovery; dropped if its GUID was seen, else passed to every other connection with TTL − 1, Hops + 1 while TTL lasts, and answered with a Pong',
    },
    {
      type: 'Pong',
      from: 'servent',
      to: 'servent',
      meaning:
        "`guid` (the Ping's), `ttl`, `hops`, `host`, `files`: a host's answer, passed only to the connection its Ping came on",
    },
    {
      type: 'Query',
      from: 'servent',
      to: 'servent',
      meaning:
        '`guid`, `ttl`, `hops`, `key`: a search, flooded like a Ping; a servent sharing `key` answers with a QueryHit',
    },
    {
      type: 'QueryHit',
      from: 'servent',
      to: 'servent',
      meaning:
        "`guid` (the Query's), `ttl`, `hops`, `key`, `servent`, `firewalled`: a hit, passed only to the connection its Query came on; each servent on the way learns the route to `servent` (for Pushes)",
    },
    {
      type: 'Push',
      from: 'servent',
      to: 'servent',
      meaning:
        '`guid`, `ttl`, `hops`, `servent`, `requester`, `key`: the requester asks a firewalled servent to connect out; passed only to the connection a QueryHit from `servent` came on',
    },
    {
      type: 'Connect',
      from: 'servent',
      to: 'servent',
      meaning: '"GNUTELLA CONNECT/0.4": a joining servent opens a connection to its known host',
    },
    {
      type: 'ConnectOk',
      from: 'servent',
      to: 'servent',
      meaning: '"GNUTELLA OK": the host accepted; the joiner holds the link and pings',
    },
    {
      type: 'Disconnect',
      from: 'servent',
      to: 'servent',
      meaning: 'a leaving servent closed the connection: the neighbour drops the link',
    },
    {
      type: 'RouteTableUpdate',
      from: 'servent',
      to: 'servent',
      meaning:
        "query routing: `slots`, the sender's hashed keyword table, sent when a joining servent's connection opens (the tables of the connections open at the start are in the input)",
    },
    {
      type: 'timeout',
      from: 'timer',
      to: 'servent',
      meaning:
        'expanding ring: the round went quiet (nothing left to deliver) without a hit: flood a new Query one hop further',
    },
    {
      type: 'tick',
      from: 'timer',
      to: 'servent',
      meaning:
        'pong and query-hit caching: time passes (nothing else can happen): the clock advances, entries past their bound expire, a repeat of a ping or search is due',
    },
    {
      type: 'walk',
      from: 'kernel',
      to: 'servent',
      meaning:
        'random walkers: `to`, the neighbour the world chooses for the first walker this servent holds (one of its candidates)',
    },
    {
      type: 'walk-on',
      from: 'timer',
      to: 'servent',
      meaning:
        'random walkers: everything else is quiet and the world has not chosen: the first walker held goes to its first candidate',
    },
    {
      type: 'WalkCheck',
      from: 'servent',
      to: 'servent',
      meaning:
        "random walkers: `guid`, a walker's check-back, sent directly to its requester every `checkEvery` steps",
    },
    {
      type: 'WalkAnswer',
      from: 'servent',
      to: 'servent',
      meaning:
        "`guid`, `go`: the requester's answer, `go` while no hit for the search has come back; a walker told to stop ends",
    },
    {
      type: 'Credit',
      from: 'servent',
      to: 'servent',
      meaning:
        'flow control: a token returned on the connection a walker came on, one per walker processed; the servent may send one more walker there (a token not owed is ignored)',
    },
    {
      type: 'leave',
      from: 'kernel',
      to: 'servent',
      meaning: 'the servent leaves: it closes every connection',
    },
  ],
  checkedBy: {
    'ttl-hops': 'properties/gnutella-routing.ts',
    'forwards-once': 'properties/gnutella-routing.ts',
    'reverse-path': 'properties/gnutella-routing.ts',
    'routing-hides-no-hit': 'properties/query-routing.ts',
    'leaf-shielded': 'properties/ultrapeer.ts',
    'capacity-matched': 'properties/capacity-matching.ts',
    'pong-fresh': 'properties/pong-caching.ts',
    'hit-fresh': 'properties/hit-caching.ts',
    'horizon-discovery': 'properties/horizon-discovery.ts',
    'ring-stops': 'properties/expanding-ring.ts',
    'ring-expands': 'properties/expanding-ring.ts',
    'walker-stops': 'properties/random-walk.ts',
    'credit-respected': 'properties/flow-control.ts',
    'queue-bounded': 'properties/flow-control.ts',
    'walkers-end': 'properties/walkers-end.ts',
    'query-hit': 'properties/horizon-discovery.ts',
  },
  configurations: [
    {
      nodes: 4,
      description:
        'a square 0-1-2-3-0 with the diagonal 1-3; servent 2 shares song behind a firewall; servent 0 searches for song with TTL 3 (the hit is due: no simple path to 2 is longer than 3) and sends a Push back along the hit; servent 2 pings with TTL 1. The flow-control variants explore their own (model.ts `flowBounded`): a star around servent 1, servent 3 sharing song, servent 0 sending two walkers for it with TTL 3, one token per connection and a queue of one',
      tier: 'fast',
      pins: [
        {
          variant: 'gnutella',
          distinct: 13888,
          transitions: 41677,
          depth: 18,
          witnesses: { 'query-hit': 5 },
        },
        {
          variant: 'expanding-ring',
          distinct: 1056,
          transitions: 2286,
          depth: 19,
          witnesses: { 'query-hit': 13 },
        },
        {
          variant: 'query-routing',
          distinct: 7164,
          transitions: 18371,
          depth: 17,
          witnesses: { 'query-hit': 5 },
        },
        {
          variant: 'ultrapeers',
          distinct: 7840,
          transitions: 22689,
          depth: 16,
          witnesses: { 'query-hit': 3 },
        },
        {
          variant: 'capacity-matching',
          distinct: 8522,
          transitions: 25620,
          depth: 17,
          witnesses: { 'query-hit': 5 },
        },
        {
          variant: 'pong-caching',
          distinct: 16918,
          transitions: 45313,
          depth: 26,
          witnesses: { 'query-hit': 5 },
        },
        {
          variant: 'query-hit-caching',
          distinct: 114346,
          transitions: 301095,
          depth: 34,
          witnesses: { 'query-hit': 5 },
        },
        {
          variant: 'flow-control',
          distinct: 2973,
          transitions: 5253,
          depth: 22,
          witnesses: { 'query-hit': 9 },
        },
      ],
      counterexamples: [
        {
          variant: 'no-duplicate-suppression',
          property: 'forwards-once',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 \u2192 s1  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's0 \u2192 s3  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's1 \u2192 s3  Query{guid:"0000000000\u2026",hops:1,key:"song",ttl:2}',
          ],
        },
        {
          variant: 'ttl-not-decremented',
          property: 'ttl-hops',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 \u2192 s1  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
          ],
        },
        {
          variant: 'query-hit-flooding',
          property: 'reverse-path',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 \u2192 s1  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's1 \u2192 s2  Query{guid:"0000000000\u2026",hops:1,key:"song",ttl:2}',
            's2 \u2192 s1  QueryHit{firewalled:true,guid:"0000000000\u2026",hops:0,key:"song",servent:2,ttl:2}',
          ],
        },
        {
          variant: 'ring-ignores-hits',
          property: 'ring-stops',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 \u2192 s1  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:1}',
            's0 \u2192 s3  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:1}',
            's2 \u2190 client ping{ttl:1}',
            's2 \u2192 s1  Ping{guid:"0002000000\u2026",hops:0,ttl:1}',
            's1 \u2192 s2  Pong{files:0,guid:"0002000000\u2026",hops:0,host:1,ttl:1}',
            's2 \u2192 s3  Ping{guid:"0002000000\u2026",hops:0,ttl:1}',
            's3 \u2192 s2  Pong{files:0,guid:"0002000000\u2026",hops:0,host:3,ttl:1}',
            'timers expire',
            's0 \u2192 s1  Query{guid:"0000000100\u2026",hops:0,key:"song",ttl:2}',
            's1 \u2192 s2  Query{guid:"0000000100\u2026",hops:1,key:"song",ttl:1}',
            's1 \u2192 s3  Query{guid:"0000000100\u2026",hops:1,key:"song",ttl:1}',
            's0 \u2192 s3  Query{guid:"0000000100\u2026",hops:0,key:"song",ttl:2}',
            's2 \u2192 s1  QueryHit{firewalled:true,guid:"0000000100\u2026",hops:0,key:"song",servent:2,ttl:2}',
            's1 \u2192 s0  QueryHit{firewalled:true,guid:"0000000100\u2026",hops:1,key:"song",servent:2,ttl:1}',
            's0 \u2192 s1  Push{guid:"0000000200\u2026",hops:0,key:"song",requester:0,servent:2,ttl:2}',
            's1 \u2192 s2  Push{guid:"0000000200\u2026",hops:1,key:"song",requester:0,servent:2,ttl:1}',
            'timers expire',
          ],
        },
        {
          variant: 'qrt-false-negative',
          property: 'routing-hides-no-hit',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 \u2192 s1  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's1 \u2192 s3  Query{guid:"0000000000\u2026",hops:1,key:"song",ttl:2}',
          ],
        },
        {
          variant: 'ultrapeer-floods-leaves',
          property: 'leaf-shielded',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 \u2192 s1  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's1 \u2192 s2  Query{guid:"0000000000\u2026",hops:1,key:"song",ttl:2}',
          ],
        },
        {
          variant: 'no-pong-filtering',
          property: 'capacity-matched',
          actions: [
            's2 \u2190 client ping{ttl:1}',
            's2 \u2192 s1  Ping{guid:"0002000000\u2026",hops:0,ttl:1}',
            's1 \u2192 s2  Pong{files:0,guid:"0002000000\u2026",hops:0,host:1,ttl:1}',
          ],
        },
        {
          variant: 'no-pong-expiry',
          property: 'pong-fresh',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 \u2192 s1  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's1 \u2192 s2  Query{guid:"0000000000\u2026",hops:1,key:"song",ttl:2}',
            's2 \u2192 s1  QueryHit{firewalled:true,guid:"0000000000\u2026",hops:0,key:"song",servent:2,ttl:2}',
            's1 \u2192 s0  QueryHit{firewalled:true,guid:"0000000000\u2026",hops:1,key:"song",servent:2,ttl:1}',
            's0 \u2192 s1  Push{guid:"0000000100\u2026",hops:0,key:"song",requester:0,servent:2,ttl:2}',
            's1 \u2192 s2  Push{guid:"0000000100\u2026",hops:1,key:"song",requester:0,servent:2,ttl:1}',
            's2 \u2192 s3  Query{guid:"0000000000\u2026",hops:2,key:"song",ttl:1}',
            's0 \u2192 s3  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's1 \u2192 s3  Query{guid:"0000000000\u2026",hops:1,key:"song",ttl:2}',
            's2 \u2190 client ping{ttl:1}',
            's2 \u2192 s1  Ping{guid:"0002000000\u2026",hops:0,ttl:1}',
            's1 \u2192 s2  Pong{files:0,guid:"0002000000\u2026",hops:0,host:1,ttl:1}',
            's2 \u2192 s3  Ping{guid:"0002000000\u2026",hops:0,ttl:1}',
            's3 \u2192 s2  Pong{files:0,guid:"0002000000\u2026",hops:0,host:3,ttl:1}',
            'timers expire',
            'timers expire',
          ],
        },
        {
          variant: 'no-hit-expiry',
          property: 'hit-fresh',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 \u2192 s1  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's1 \u2192 s2  Query{guid:"0000000000\u2026",hops:1,key:"song",ttl:2}',
            's2 \u2192 s1  QueryHit{firewalled:true,guid:"0000000000\u2026",hops:0,key:"song",servent:2,ttl:2}',
            's1 \u2192 s0  QueryHit{firewalled:true,guid:"0000000000\u2026",hops:1,key:"song",servent:2,ttl:1}',
            's0 \u2192 s1  Push{guid:"0000000100\u2026",hops:0,key:"song",requester:0,servent:2,ttl:2}',
            's1 \u2192 s2  Push{guid:"0000000100\u2026",hops:1,key:"song",requester:0,servent:2,ttl:1}',
            's2 \u2192 s3  Query{guid:"0000000000\u2026",hops:2,key:"song",ttl:1}',
            's0 \u2192 s3  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's1 \u2192 s3  Query{guid:"0000000000\u2026",hops:1,key:"song",ttl:2}',
            's2 \u2190 client ping{ttl:1}',
            's2 \u2192 s1  Ping{guid:"0002000000\u2026",hops:0,ttl:1}',
            's1 \u2192 s2  Pong{files:0,guid:"0002000000\u2026",hops:0,host:1,ttl:1}',
            's2 \u2192 s3  Ping{guid:"0002000000\u2026",hops:0,ttl:1}',
            's3 \u2192 s2  Pong{files:0,guid:"0002000000\u2026",hops:0,host:3,ttl:1}',
            'timers expire',
            'timers expire',
          ],
        },
        {
          variant: 'ignores-credit',
          property: 'credit-respected',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 chooses walk{to:1}',
            's0 chooses walk{to:1}',
          ],
        },
        {
          variant: 'credits-credits',
          property: 'walkers-end',
          shows: 'never ended, .*forever: steps 5-6 repeat',
          why: 'servent 1 returns the token for the first walker and servent 0 returns a token for that token, and so on: steps 5-6 repeat forever; a Credit is always in flight, so the timer that sends a waiting walker on never fires, and both walkers (the second at 0, the first at the hub) wait forever',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 chooses walk{to:1}',
            's0 \u2192 s1  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's1 \u2192 s0  Credit',
            's0 \u2192 s1  Credit',
            's1 \u2192 s0  Credit',
          ],
        },
      ],
    },
    {
      nodes: 3,
      description:
        'a triangle of three servents, the last sharing song; a fourth joins off servent 0 (Connect, ConnectOk), pings with TTL 1 and searches for song with TTL 3; one crash and one leave. The flow-control variants explore their own (model.ts `flowBounded`): a line 0-1-2, servent 2 sharing song, servent 0 sending two walkers for it with TTL 3, one token per connection, a queue of one, and one crash',
      tier: 'fast',
      pins: [
        {
          variant: 'gnutella',
          distinct: 6386,
          transitions: 15920,
          depth: 18,
          witnesses: { 'query-hit': 10 },
        },
        {
          variant: 'expanding-ring',
          distinct: 6499,
          transitions: 12726,
          depth: 18,
          witnesses: { 'query-hit': 11 },
        },
        {
          variant: 'query-routing',
          distinct: 8013,
          transitions: 19756,
          depth: 20,
          witnesses: { 'query-hit': 12 },
        },
        {
          variant: 'ultrapeers',
          distinct: 6222,
          transitions: 13185,
          depth: 19,
          witnesses: { 'query-hit': 8 },
        },
        {
          variant: 'capacity-matching',
          distinct: 3026,
          transitions: 7167,
          depth: 17,
          witnesses: { 'query-hit': 9 },
        },
        {
          variant: 'pong-caching',
          distinct: 13072,
          transitions: 27432,
          depth: 24,
          witnesses: { 'query-hit': 10 },
        },
        {
          variant: 'query-hit-caching',
          distinct: 36858,
          transitions: 73972,
          depth: 29,
          witnesses: { 'query-hit': 10 },
        },
        {
          variant: 'flow-control',
          distinct: 346,
          transitions: 664,
          depth: 17,
          witnesses: { 'query-hit': 8 },
        },
      ],
      counterexamples: [
        {
          variant: 'no-duplicate-suppression',
          property: 'forwards-once',
          actions: [
            'join s3',
            's3 \u2192 s0  Connect',
            's0 \u2192 s3  ConnectOk',
            's3 \u2192 s0  Ping{guid:"0003000000\u2026",hops:0,ttl:1}',
            's3 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's3 \u2192 s0  Query{guid:"0003000100\u2026",hops:0,key:"song",ttl:3}',
            's0 \u2192 s1  Query{guid:"0003000100\u2026",hops:1,key:"song",ttl:2}',
            's0 \u2192 s2  Query{guid:"0003000100\u2026",hops:1,key:"song",ttl:2}',
            's1 \u2192 s2  Query{guid:"0003000100\u2026",hops:2,key:"song",ttl:1}',
          ],
        },
        {
          variant: 'ttl-not-decremented',
          property: 'ttl-hops',
          actions: [
            'join s3',
            's3 \u2192 s0  Connect',
            's0 \u2192 s3  ConnectOk',
            's3 \u2192 s0  Ping{guid:"0003000000\u2026",hops:0,ttl:1}',
          ],
        },
        {
          variant: 'query-hit-flooding',
          property: 'reverse-path',
          actions: [
            'join s3',
            's3 \u2192 s0  Connect',
            's0 \u2192 s3  ConnectOk',
            's3 \u2192 s0  Ping{guid:"0003000000\u2026",hops:0,ttl:1}',
            's3 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's3 \u2192 s0  Query{guid:"0003000100\u2026",hops:0,key:"song",ttl:3}',
            's0 \u2192 s2  Query{guid:"0003000100\u2026",hops:1,key:"song",ttl:2}',
            's2 \u2192 s0  QueryHit{firewalled:false,guid:"0003000100\u2026",hops:0,key:"song",servent:2,ttl:2}',
          ],
        },
        {
          variant: 'ring-ignores-hits',
          property: 'ring-stops',
          actions: [
            'crash s1',
            'join s3',
            's3 \u2192 s0  Connect',
            's3 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 \u2192 s3  ConnectOk',
            's3 \u2192 s0  Ping{guid:"0003000100\u2026",hops:0,ttl:1}',
            's0 \u2192 s3  Pong{files:0,guid:"0003000100\u2026",hops:0,host:0,ttl:1}',
            'timers expire',
            's3 \u2192 s0  Query{guid:"0003000200\u2026",hops:0,key:"song",ttl:2}',
            's0 \u2192 s2  Query{guid:"0003000200\u2026",hops:1,key:"song",ttl:1}',
            's2 \u2192 s0  QueryHit{firewalled:false,guid:"0003000200\u2026",hops:0,key:"song",servent:2,ttl:2}',
            's0 \u2192 s3  QueryHit{firewalled:false,guid:"0003000200\u2026",hops:1,key:"song",servent:2,ttl:1}',
            'timers expire',
          ],
        },
        {
          variant: 'qrt-false-negative',
          property: 'routing-hides-no-hit',
          actions: [
            'join s3',
            's3 \u2192 s0  Connect',
            's0 \u2192 s3  ConnectOk',
            's3 \u2192 s0  Ping{guid:"0003000000\u2026",hops:0,ttl:1}',
            's3 \u2192 s0  RouteTableUpdate{slots:[]}',
            's3 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's3 \u2192 s0  Query{guid:"0003000100\u2026",hops:0,key:"song",ttl:3}',
            's0 \u2192 s1  Query{guid:"0003000100\u2026",hops:1,key:"song",ttl:2}',
          ],
        },
        {
          variant: 'ultrapeer-floods-leaves',
          property: 'leaf-shielded',
          actions: [
            'join s3',
            's3 \u2192 s0  Connect',
            's0 \u2192 s3  ConnectOk',
            's3 \u2192 s0  Ping{guid:"0003000000\u2026",hops:0,ttl:1}',
            's3 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's3 \u2192 s0  Query{guid:"0003000100\u2026",hops:0,key:"song",ttl:3}',
            's0 \u2192 s2  Query{guid:"0003000100\u2026",hops:1,key:"song",ttl:2}',
          ],
        },
        {
          variant: 'no-pong-filtering',
          property: 'capacity-matched',
          actions: [
            'join s3',
            's3 \u2192 s0  Connect',
            's0 \u2192 s3  ConnectOk',
            's3 \u2192 s0  Ping{guid:"0003000000\u2026",hops:0,ttl:1}',
            's0 \u2192 s3  Pong{files:0,guid:"0003000000\u2026",hops:0,host:0,ttl:1}',
          ],
        },
        {
          variant: 'no-pong-expiry',
          property: 'pong-fresh',
          actions: [
            'join s3',
            's3 \u2192 s0  Connect',
            's3 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 \u2192 s3  ConnectOk',
            's3 \u2192 s0  Ping{guid:"0003000100\u2026",hops:0,ttl:1}',
            's0 \u2192 s3  Pong{files:0,guid:"0003000100\u2026",hops:0,host:0,ttl:1}',
            'timers expire',
            'timers expire',
          ],
        },
        {
          variant: 'no-hit-expiry',
          property: 'hit-fresh',
          actions: [
            'crash s1',
            'join s3',
            's3 \u2192 s0  Connect',
            's0 \u2192 s3  ConnectOk',
            's3 \u2192 s0  Ping{guid:"0003000000\u2026",hops:0,ttl:1}',
            's0 \u2192 s3  Pong{files:0,guid:"0003000000\u2026",hops:0,host:0,ttl:1}',
            's3 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's3 \u2192 s0  Query{guid:"0003000100\u2026",hops:0,key:"song",ttl:3}',
            's0 \u2192 s2  Query{guid:"0003000100\u2026",hops:1,key:"song",ttl:2}',
            's2 \u2192 s0  QueryHit{firewalled:false,guid:"0003000100\u2026",hops:0,key:"song",servent:2,ttl:2}',
            's0 \u2192 s3  QueryHit{firewalled:false,guid:"0003000100\u2026",hops:1,key:"song",servent:2,ttl:1}',
            'timers expire',
            'timers expire',
          ],
        },
        {
          variant: 'ignores-credit',
          property: 'credit-respected',
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 chooses walk{to:1}',
            's0 chooses walk{to:1}',
          ],
        },
        {
          variant: 'credits-credits',
          property: 'walkers-end',
          shows: 'never ended, .*forever: steps 6-7 repeat',
          why: "the first walker goes 0-1 and on to 2, which crashes (the shortest way to take it out of the picture); 1 returns 0's token and 0 returns a token for it, and so on: steps 6-7 repeat forever, and servent 0's second walker waits forever, the timer that would send it on firing only when all is quiet",
          actions: [
            's0 \u2190 client search{id:"q0",key:"song",ttl:3}',
            's0 chooses walk{to:1}',
            's0 \u2192 s1  Query{guid:"0000000000\u2026",hops:0,key:"song",ttl:3}',
            's1 \u2192 s0  Credit',
            'crash s2',
            's0 \u2192 s1  Credit',
            's1 \u2192 s0  Credit',
          ],
        },
      ],
    },
  ],
};
