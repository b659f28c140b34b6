/**
 * The search experiment of Lv et al. (ICS 2002) on one overlay: a workload of queries (a random
 * requester, an object drawn from the Zipf-like distribution), run by each search method over the
 * same queries, measuring the paper's metrics: Pr(success), messages per query, duplicate
 * messages, messages per node (the average and the busiest node's), hops to the first hit; and,
 * for the walks, what flow control changes: the largest queue, walkers dropped, tokens returned.
 */
import { Rng } from '../rng.ts';
import { makeGraph, type Graph, type Topology } from './graph.ts';
import { copies, ObjectSampler, place, zipf, type Placement, type Replication } from './objects.ts';
import type { Settings } from './options.ts';
import { Simulator } from './sim.ts';

/** The search methods. */
export const METHODS = [
  'flooding',
  'expanding ring',
  'random walk',
  'degree-biased walk',
  'queued degree-biased walk',
  'flow-controlled walk',
] as const;

/**
 * The walks run by servents that handle one walker per time unit (sim.ts, `flowWalk`): with flow
 * control, and without it (credit and queue both the number of walkers: never throttled, never
 * dropped), the same rules otherwise.
 */
export const QUEUED: readonly Method[] = ['queued degree-biased walk', 'flow-controlled walk'];

/** A search method's name. */
export type Method = (typeof METHODS)[number];

/** A method's figures over a workload. */
export interface MethodStats {
  readonly method: Method;
  readonly queries: number;
  /** Pr(success): the fraction of queries that found a copy. */
  readonly success: number;
  /** Query messages per query. */
  readonly messages: number;
  /** QueryHit messages per query. */
  readonly hitMessages: number;
  /** The fraction of query messages that were duplicates. */
  readonly duplicates: number;
  /** Walkers' check-backs per query. */
  readonly checks: number;
  /** Distinct servents a query reached (the last ring's for the expanding ring). */
  readonly reached: number;
  /** Hops to the first hit, over the queries that found one. */
  readonly hops: number;
  /**
   * Time until the first QueryHit is back at the requester (in link latencies: a round trip for a
   * flood, the earlier rings' durations added for a ring), over the queries that found one.
   */
  readonly time: number;
  /** Messages (Query and QueryHit) a servent receives per query: the average and the busiest's. */
  readonly avgLoad: number;
  readonly maxLoad: number;
  /**
   * The most walkers queued at one servent at once, over the workload, for the walks whose
   * servents handle one walker per time unit (`QUEUED`); null for the others, whose servents pass
   * every descriptor on at once.
   */
  readonly maxQueue: number | null;
  /** Walkers dropped by full queues, and tokens returned (`Credit` messages), per query. */
  readonly drops: number;
  readonly credits: number;
}

/** One line of the flow-control sweep: a queue bound (null: no flow control) and the figures. */
export interface FlowPoint {
  readonly queue: number | null;
  readonly stats: MethodStats;
}

/** Per-object figures of one method (for the replication plots): queries, messages, successes. */
export interface PerObject {
  readonly queries: Float64Array;
  readonly messages: Float64Array;
  readonly successes: Float64Array;
}

/** An overlay with objects placed on it and the queries to run. */
export interface Workload {
  readonly graph: Graph;
  readonly sim: Simulator;
  readonly placement: Placement;
  readonly origins: Uint32Array;
  readonly objects: Uint32Array;
}

/** A seed for one part of the run, from the run's seed and the part's numbers. */
export function seedOf(seed: number, ...parts: number[]): number {
  let h = seed >>> 0;
  for (const p of parts) h = Math.imul(h ^ (p + 0x9e3779b9), 0x85ebca6b) >>> 0;
  return h;
}

/** The index of a topology or replication, for seeds. */
const code = (s: string) => [...s].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7) >>> 0;

/** The overlay `topology` on `n` nodes for the settings (the same for every replication). */
export function overlay(s: Settings, topology: Topology, n: number): Graph {
  return makeGraph(topology, n, s.degree, new Rng(seedOf(s.seed, code(topology), n)));
}

/** The workload on `graph`: objects placed by `replication`, `queries` queries drawn. */
export function workload(
  s: Settings,
  graph: Graph,
  replication: Replication,
  queries: number,
): Workload {
  const n = graph.n;
  const q = zipf(s.objects, s.alpha);
  const rng = new Rng(seedOf(s.seed, n, code(replication), graph.offsets[n]!));
  const placement = place(copies(q, replication, n, s.ratio), n, rng);
  const sampler = new ObjectSampler(q);
  const origins = new Uint32Array(queries);
  const objects = new Uint32Array(queries);
  for (let i = 0; i < queries; i++) {
    origins[i] = rng.int(n);
    objects[i] = sampler.draw(rng);
  }
  const sim = new Simulator(graph, s.latency, seedOf(s.seed, 17));
  return { graph, sim, placement, origins, objects };
}

/** Runs every query of `w` by `method`; returns its figures (and fills `perObject` if given). */
export function runMethod(
  s: Settings,
  w: Workload,
  method: Method,
  perObject?: PerObject,
  options: { ttl?: number; walkers?: number; credit?: number; queue?: number } = {},
): MethodStats {
  const { sim, placement, origins, objects } = w;
  const ttl = options.ttl ?? s.ttl;
  const walkers = options.walkers ?? s.walkers;
  const credit = options.credit ?? s.credit;
  const bound = options.queue ?? s.queue;
  const rng = new Rng(seedOf(s.seed, METHODS.indexOf(method), w.graph.n, 99));
  sim.resetLoad();
  let successes = 0;
  let messages = 0;
  let hitMessages = 0;
  let duplicates = 0;
  let checks = 0;
  let reached = 0;
  let hops = 0;
  let time = 0;
  let maxQueue = 0;
  let drops = 0;
  let credits = 0;
  const search = (origin: number) => {
    switch (method) {
      case 'flooding':
        return sim.flood(origin, ttl);
      case 'expanding ring':
        return sim.expandingRing(origin, ttl);
      case 'flow-controlled walk':
        return sim.flowWalk(origin, walkers, s.walkSteps, s.check, credit, bound, rng);
      case 'queued degree-biased walk':
        // Credit and queue both the number of walkers: never throttled, never dropped.
        return sim.flowWalk(origin, walkers, s.walkSteps, s.check, walkers, walkers, rng);
      case 'random walk':
        return sim.walk(origin, walkers, s.walkSteps, s.check, 'uniform', rng);
      case 'degree-biased walk':
        return sim.walk(origin, walkers, s.walkSteps, s.check, 'degree', rng);
    }
  };
  for (let i = 0; i < origins.length; i++) {
    const o = objects[i]!;
    sim.setTarget(placement.holders, placement.start[o]!, placement.start[o + 1]!);
    const origin = origins[i]!;
    const r = search(origin);
    messages += r.messages;
    hitMessages += r.hitMessages;
    duplicates += r.duplicates;
    checks += r.checks;
    reached += r.reached;
    if (r.peakQueue > maxQueue) maxQueue = r.peakQueue;
    drops += r.drops;
    credits += r.credits;
    if (r.success) {
      successes++;
      hops += r.firstHitHops;
      time += r.firstHitTime;
    }
    if (perObject !== undefined) {
      perObject.queries[o]!++;
      perObject.messages[o]! += r.messages;
      if (r.success) perObject.successes[o]!++;
    }
  }
  const q = origins.length;
  let max = 0;
  let total = 0;
  for (const l of sim.load) {
    total += l;
    if (l > max) max = l;
  }
  return {
    method,
    queries: q,
    success: successes / q,
    messages: messages / q,
    hitMessages: hitMessages / q,
    duplicates: messages === 0 ? 0 : duplicates / messages,
    checks: checks / q,
    reached: reached / q,
    hops: successes === 0 ? 0 : hops / successes,
    time: successes === 0 ? 0 : time / successes,
    avgLoad: total / w.graph.n / q,
    maxLoad: max / q,
    maxQueue: QUEUED.includes(method) ? maxQueue : null,
    drops: drops / q,
    credits: credits / q,
  };
}

/** Empty per-object tallies for `m` objects. */
export function perObject(m: number): PerObject {
  return {
    queries: new Float64Array(m),
    messages: new Float64Array(m),
    successes: new Float64Array(m),
  };
}
