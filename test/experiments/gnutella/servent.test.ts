/**
 * The differential test of the simulator (experiments/gnutella/sim.ts) against the model's servent
 * machine (models/gnutella/servent.machine.ts): the same small network and search, run through
 * every servent's machine (driven purely, as the kernel does, with first-in first-out delivery,
 * which is what the simulator's unit latencies give) and through the simulator's typed-array
 * state, reach the same servents along the same reverse paths, find the same hits and send the
 * same numbers of Query and QueryHit messages, with the same load on every servent.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { graphOf, makeGraph, TOPOLOGIES, type Graph } from '../../../experiments/gnutella/graph.ts';
import { Simulator } from '../../../experiments/gnutella/sim.ts';
import { Rng } from '../../../experiments/rng.ts';
import type { ServentInput } from '../../../models/gnutella/messages.ts';
import { ORIGIN } from '../../../models/gnutella/servent-logic.ts';
import { ringServent } from '../../../models/gnutella/ring.machine.ts';
import { servent } from '../../../models/gnutella/servent.machine.ts';
import type { JsonObject } from '../../../models/kernel/json.ts';
import {
  PureDriver,
  type CollectedAction,
  type Snapshot,
} from '../../../models/kernel/pure-driver.ts';

const KEY = 'k';

const inputOf = (g: Graph, v: number, holds: boolean): ServentInput & JsonObject => ({
  self: v,
  neighbours: [...g.targets.subarray(g.offsets[v]!, g.offsets[v + 1]!)],
  shares: holds ? [KEY] : [],
  firewalled: false,
  known: null,
  pingTtl: 0,
});

const plainDriver = new PureDriver(servent, inputOf(graphOf(1, []), 0, false));
const ringDriver = new PureDriver(ringServent, inputOf(graphOf(1, []), 0, false));

/** What a search did (counts over every round of an expanding ring; the rest of the last round). */
interface Outcome {
  queries: number;
  queryHits: number;
  duplicates: number;
  reached: number;
  hits: number;
  firstHitHops: number;
  load: number[];
  parents: (number | undefined)[];
}

/**
 * A search through the machines, delivering first in, first out. With the plain servent, one
 * search per TTL in `ttls` until a round finds a hit (one TTL: a flood; 1, 3, 5, …: an expanding
 * ring run by the requester's user). With the model's expanding-ring servent (`ring`), one search
 * with the last TTL, and a timer at the requester each time the network goes quiet, as the kernel
 * fires it (`expire`).
 */
function runMachines(
  g: Graph,
  holders: ReadonlySet<number>,
  origin: number,
  ttls: readonly number[],
  ring = false,
): Outcome {
  const driver = ring ? ringDriver : plainDriver;
  const snaps: Snapshot[] = [];
  const queue: { to: number; event: JsonObject & { type: string } }[] = [];
  const out: Outcome = {
    queries: 0,
    queryHits: 0,
    duplicates: 0,
    reached: 0,
    hits: 0,
    firstHitHops: -1,
    load: Array.from({ length: g.n }, () => 0),
    parents: [],
  };
  let routes: { node: number; from: number; hops: number }[] = [];
  let allRoutes = 0;
  const harvest = (node: number, actions: readonly CollectedAction[]) => {
    for (const a of actions) {
      const p = a.params as JsonObject;
      if (a.type === 'send') {
        const msg = p['msg'] as JsonObject & { type: string };
        const to = p['to'] as number | number[];
        for (const t of typeof to === 'number' ? [to] : to) {
          queue.push({ to: t, event: { ...msg, from: node } });
          if (msg.type === 'Query') out.queries++;
          if (msg.type === 'QueryHit') out.queryHits++;
        }
      } else if (a.type !== 'observe') continue;
      else if (p['kind'] === 'route' && p['type'] === 'Query') {
        routes.push({ node, from: p['from'] as number, hops: p['hops'] as number });
      } else if (p['kind'] === 'hit') out.hits++;
      else if (p['kind'] === 'ring') {
        // A new round of the ring: the last round's routes are done.
        allRoutes += routes.length;
        routes = [];
      }
    }
  };
  const deliver = (to: number, event: JsonObject & { type: string }) => {
    const [next, actions] = driver.transition(snaps[to]!, event);
    snaps[to] = next;
    harvest(to, actions);
  };
  const drain = () => {
    for (let head = 0; head < queue.length; head++) {
      const { to, event } = queue[head]!;
      out.load[to]!++;
      deliver(to, event);
    }
    queue.length = 0;
  };
  for (let v = 0; v < g.n; v++) {
    const [snap, actions] = driver.initial(inputOf(g, v, holders.has(v)));
    snaps.push(snap);
    harvest(v, actions);
  }
  for (const [i, ttl] of (ring ? ttls.slice(-1) : ttls).entries()) {
    if (!ring) {
      allRoutes += routes.length;
      routes = [];
    }
    deliver(origin, { type: 'search', id: `q${i}`, key: KEY, ttl, from: -1 });
    drain();
    // The ring's timer: each time the network is quiet, the requester floods the next ring.
    while (ring) {
      deliver(origin, { type: 'timeout', from: -1 });
      if (queue.length === 0) break;
      drain();
    }
    if (out.hits > 0) break;
  }
  allRoutes += routes.length;
  // A Query delivery that took no route was a duplicate.
  out.duplicates = out.queries - allRoutes;
  out.reached = routes.length;
  out.parents = Array.from({ length: g.n }, (_, v) =>
    v === origin ? ORIGIN : routes.find((r) => r.node === v)?.from,
  );
  const hitHops = routes.filter((r) => holders.has(r.node)).map((r) => r.hops + 1);
  out.firstHitHops = hitHops.length === 0 ? -1 : Math.min(...hitHops);
  return out;
}

/** The same search through the simulator: a flood with one TTL, else an expanding ring. */
function runSimulator(
  g: Graph,
  holders: ReadonlySet<number>,
  origin: number,
  ttls: readonly number[],
  step = 2,
): Outcome {
  const sim = new Simulator(g);
  const list = Uint32Array.from(holders);
  sim.setTarget(list, 0, list.length);
  const r =
    ttls.length === 1 ? sim.flood(origin, ttls[0]!) : sim.expandingRing(origin, ttls.at(-1)!, step);
  return {
    queries: r.messages,
    queryHits: r.hitMessages,
    duplicates: r.duplicates,
    reached: r.reached,
    hits: r.hits,
    firstHitHops: r.firstHitHops,
    load: [...sim.load],
    parents: Array.from({ length: g.n }, (_, v) => sim.parentOf(v)),
  };
}

/** The TTLs of an expanding ring up to `max`: 1, 1 + step, 1 + 2 step, … and `max`. */
function ringTtls(max: number, step = 2): number[] {
  const ttls: number[] = [];
  for (let t = 1; ; t = Math.min(t + step, max)) {
    ttls.push(t);
    if (t >= max) return ttls;
  }
}

/** Expects the machines and the simulator to agree on a search. */
function agree(g: Graph, holders: ReadonlySet<number>, origin: number, ttls: number[]): void {
  expect(runSimulator(g, holders, origin, ttls)).toEqual(runMachines(g, holders, origin, ttls));
}

/** A small network: up to 9 servents, random links, some sharing the key. */
const network = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    links: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
    holders: fc.uniqueArray(fc.nat(n - 1), { maxLength: n }),
    origin: fc.nat(n - 1),
    ttl: fc.integer({ min: 1, max: 6 }),
  }),
);

describe('the simulator against the model’s servent machine', () => {
  test.prop([network], { numRuns: 200 })(
    'flooding: the same servents reached, reverse paths, hits, messages and load',
    ({ n, links, holders, origin, ttl }) => {
      agree(graphOf(n, links), new Set(holders), origin, [ttl]);
    },
  );

  test.prop([network], { numRuns: 100 })(
    'expanding ring (TTL 1, 3, 5, … until a ring hits): the same counts over the rings',
    ({ n, links, holders, origin, ttl }) => {
      agree(graphOf(n, links), new Set(holders), origin, ringTtls(ttl));
    },
  );

  test.prop([network], { numRuns: 100 })(
    'the model’s expanding-ring servent (TTL 1, 2, 3, … on its timer) against the simulator’s ring with step 1',
    ({ n, links, holders, origin, ttl }) => {
      const g = graphOf(n, links);
      const set = new Set(holders);
      const ttls = ringTtls(Math.max(2, ttl), 1);
      expect(runSimulator(g, set, origin, ttls, 1)).toEqual(
        runMachines(g, set, origin, ttls, true),
      );
    },
  );

  it('agrees on each generated topology (60 servents, TTL 4, five holders)', () => {
    for (const topology of TOPOLOGIES) {
      const g = makeGraph(topology, 60, 4, new Rng(3));
      agree(g, new Set([7, 19, 33, 41, 58]), 0, [4]);
    }
  });
});
