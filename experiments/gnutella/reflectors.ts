/**
 * The seed's claim "slow participants get swamped", and its first enhancement, "reflector proxies
 * to protect low bandwidth participants": the messages per minute a slow (modem) servent receives
 * in a flat Gnutella network, against the same peers behind reflectors (ultrapeers). Every peer
 * issues one query every `QUERY_INTERVAL` seconds, flooded with the run's TTL.
 * - Flat: all peers are servents of one power-law overlay; 90% of them, drawn at random, are slow.
 * - Reflectors: the 10% fast peers are ultrapeers, connected among themselves by a power-law overlay
 *   of the same average degree; each slow peer is a leaf of one ultrapeer drawn at random, which
 *   indexes the leaf's shared objects and answers queries for it (Clip2's reflector). A leaf sends
 *   its own queries to its ultrapeer and receives the QueryHits for them, nothing else.
 */
import { Rng } from '../rng.ts';
import { makeGraph } from './graph.ts';
import { seedOf, workload } from './measure.ts';
import type { Replication } from './objects.ts';
import type { Settings } from './options.ts';
import { Simulator } from './sim.ts';

/** Seconds between a peer's queries (one query every five minutes). */
export const QUERY_INTERVAL = 300;

/** The fraction of peers that are slow (leaves behind reflectors). */
export const SLOW_FRACTION = 0.9;

/**
 * Descriptors per minute a 56 kbit/s modem carries: about 7,000 bytes/s over about 120 bytes per
 * Query (a 23-byte header, the search text, TCP/IP headers), some 58 a second.
 */
export const MODEM_CAPACITY = 3500;

/** Load figures at one network size, in messages per minute per peer. */
export interface ReflectorPoint {
  readonly nodes: number;
  readonly flatSlowMean: number;
  readonly flatSlowMax: number;
  readonly leafMean: number;
  readonly leafMax: number;
  readonly ultrapeerMean: number;
  readonly ultrapeerMax: number;
}

/** Mean and maximum of `load` over the nodes `chosen` says, scaled to messages per minute. */
function perSecond(load: ArrayLike<number>, chosen: (v: number) => boolean, scale: number) {
  let sum = 0;
  let count = 0;
  let max = 0;
  for (let v = 0; v < load.length; v++) {
    if (!chosen(v)) continue;
    sum += load[v]!;
    count++;
    if (load[v]! > max) max = load[v]!;
  }
  const round = (x: number) => Number((x * scale).toPrecision(3));
  return { mean: round(count === 0 ? 0 : sum / count), max: round(max) };
}

/** The flat and the reflector network at `n` peers, `queries` queries each. */
export function reflectorPoint(
  s: Settings,
  n: number,
  replication: Replication,
  queries: number,
): ReflectorPoint {
  const rng = new Rng(seedOf(s.seed, n, 4242));
  // Load per minute = messages received per query × queries per minute in the whole network.
  const scale = ((n / QUERY_INTERVAL) * 60) / queries;
  const flatGraph = makeGraph('power-law', n, s.degree, new Rng(seedOf(s.seed, n, 77)));
  const flat = workload(s, flatGraph, replication, queries);
  const slow = new Uint8Array(n);
  for (let v = 0; v < n; v++) slow[v] = rng.next() < SLOW_FRACTION ? 1 : 0;
  flat.sim.resetLoad();
  for (let i = 0; i < queries; i++) {
    const o = flat.objects[i]!;
    flat.sim.setTarget(
      flat.placement.holders,
      flat.placement.start[o]!,
      flat.placement.start[o + 1]!,
    );
    flat.sim.flood(flat.origins[i]!, s.ttl);
  }
  const flatSlow = perSecond(flat.sim.load, (v) => slow[v] === 1, scale);

  // Reflectors: the fast peers are ultrapeers 0..u-1; each slow peer a leaf of one of them.
  const fast: number[] = [];
  for (let v = 0; v < n; v++) if (slow[v] === 0) fast.push(v);
  const u = Math.max(2, fast.length);
  const index = new Int32Array(n).fill(-1);
  fast.forEach((v, i) => (index[v] = i));
  const upOf = new Uint32Array(n);
  for (let v = 0; v < n; v++) upOf[v] = index[v]! >= 0 ? index[v]! : rng.int(u);
  const upGraph = makeGraph(
    'power-law',
    u,
    Math.min(s.degree, u - 1),
    new Rng(seedOf(s.seed, u, 78)),
  );
  const up = new Simulator(upGraph, s.latency, seedOf(s.seed, 17));
  const mapped = flat.placement.holders.map((v) => upOf[v]!);
  const leafLoad = new Float64Array(n);
  for (let i = 0; i < queries; i++) {
    const o = flat.objects[i]!;
    const start = flat.placement.start[o]!;
    const end = flat.placement.start[o + 1]!;
    up.setTarget(mapped, start, end);
    const p = flat.origins[i]!;
    const origin = upOf[p]!;
    const r = up.flood(origin, s.ttl);
    let hits = r.hits;
    // The requester's own ultrapeer answers from its index for its other leaves.
    for (let k = start; k < end; k++) {
      if (mapped[k] === origin && flat.placement.holders[k] !== p) {
        hits++;
        break;
      }
    }
    if (index[p]! < 0) {
      up.load[origin]!++; // the leaf's Query to its ultrapeer
      leafLoad[p]! += hits; // the QueryHits passed down to it
    }
  }
  const leaves = perSecond(leafLoad, (v) => index[v]! < 0, scale);
  const ups = perSecond(up.load, () => true, scale);
  return {
    nodes: n,
    flatSlowMean: flatSlow.mean,
    flatSlowMax: flatSlow.max,
    leafMean: leaves.mean,
    leafMax: leaves.max,
    ultrapeerMean: ups.mean,
    ultrapeerMax: ups.max,
  };
}
