/**
 * A deterministic event-driven simulator of Gnutella 0.4 servents at scale: node state in typed
 * arrays over a CSR overlay (graph.ts), events in a bucket queue (queue.ts), nothing allocated per
 * hop. One search runs at a time, until the network is quiet.
 *
 * A servent follows the model's rules (models/gnutella/servent-logic.ts; the differential test
 * test/experiments/gnutella/servent.test.ts runs both on the same networks):
 * - a Query whose GUID the servent has seen is dropped (a duplicate); otherwise it remembers the
 *   connection it came on (`parent`: the reverse path), passes it to every other connection with
 *   TTL − 1 and Hops + 1 while that TTL stays above 0 (`forwardedHeader`), and, if it shares the
 *   object, answers with a QueryHit sent back along the reverse path, `replyTtl(hops)` hops long;
 * - the originator marks the GUID as its own (`ORIGIN`) and does not answer itself.
 * The descriptor ids are numbers (a fresh one per search, as `guidOf` makes a fresh string), so a
 * servent's "seen" test is one comparison: `seen[v] === guid`.
 *
 * Search methods (Lv, Cao, Cohen, Li and Shenker, ICS 2002): flooding with a TTL; expanding ring
 * (floods with TTL 1, 3, 5, … up to a bound, each a fresh GUID, until one finds a copy); k random
 * walkers (each steps to a random neighbour, uniform or biased by the neighbour's degree, and
 * checks back with the requester every `check` steps, stopping once the requester has a hit; a
 * walker that finds a copy stops and its QueryHit goes back along the reverse path).
 */
import { ORIGIN, forwardedHeader, replyTtl } from '../../models/gnutella/servent-logic.ts';
import type { Rng } from '../rng.ts';
import type { Graph } from './graph.ts';
import { EventQueue } from './queue.ts';

/** What one search did (the simulator's `result`, overwritten by the next search). */
export class SearchResult {
  /** Query descriptors sent (each copy on each link is one message), duplicates included. */
  messages = 0;
  /** Query descriptors that reached a servent which had seen their GUID (or a walker's revisit). */
  duplicates = 0;
  /** QueryHit descriptors sent (each hit travels its reverse path back to the requester). */
  hitMessages = 0;
  /** Walkers' check-backs with the requester (walks only). */
  checks = 0;
  /** Distinct servents the query reached, the requester excluded. */
  reached = 0;
  /** Servents that answered with a QueryHit. */
  hits = 0;
  /** Hops from the requester to the first servent found holding the object (-1: none). */
  firstHitHops = -1;
  /** The time the first QueryHit reached the requester (Infinity: none). */
  firstHitTime = Infinity;

  /** Whether the search found a copy. */
  get success(): boolean {
    return this.hits > 0;
  }

  /** Zeroes every count. */
  clear(): void {
    this.messages = this.duplicates = this.hitMessages = this.checks = 0;
    this.reached = this.hits = 0;
    this.firstHitHops = -1;
    this.firstHitTime = Infinity;
  }
}

/** How random walkers choose their next servent. */
export type WalkBias = 'uniform' | 'degree';

/** A simulator over one overlay. */
export class Simulator {
  /** The last search's result (read it before the next search). */
  readonly result = new SearchResult();
  /** Messages each servent received (Query and QueryHit), summed over searches until `resetLoad`. */
  readonly load: Float64Array;
  /** Query messages delivered in all (the benchmark's hops). */
  delivered = 0;
  /** The GUID each servent last took on, and the connection it came on (ORIGIN at the requester). */
  private readonly seen: Uint32Array;
  private readonly parent: Int32Array;
  /** Servents holding the object searched for: `holds[v] === target`. */
  private readonly holds: Uint32Array;
  private target = 0;
  private guid = 0;
  private readonly queue: EventQueue;
  /** For degree-biased walks: the running sum of neighbours' degrees along each CSR row. */
  private cumulative: Float64Array | null = null;

  /**
   * @param g the overlay
   * @param maxLatency link latencies are 1 (the default: time counts hops) or, when above 1, drawn
   *   per link from 1..maxLatency by a hash of the link and `latencySeed` (the same both ways)
   */
  constructor(
    readonly g: Graph,
    readonly maxLatency = 1,
    private readonly latencySeed = 0,
  ) {
    this.load = new Float64Array(g.n);
    this.seen = new Uint32Array(g.n);
    this.parent = new Int32Array(g.n);
    this.holds = new Uint32Array(g.n);
    this.queue = new EventQueue(maxLatency + 1);
  }

  /** Sets the object searched for next: held by `holders[start .. end)`. */
  setTarget(holders: Uint32Array, start: number, end: number): void {
    this.target++;
    for (let i = start; i < end; i++) this.holds[holders[i]!] = this.target;
  }

  /**
   * The connection the last search's descriptor came on at `v` (its reverse path; ORIGIN at the
   * requester), or undefined if it never reached `v`.
   */
  parentOf(v: number): number | undefined {
    return this.seen[v] === this.guid ? this.parent[v] : undefined;
  }

  /** Zeroes every servent's message count. */
  resetLoad(): void {
    this.load.fill(0);
  }

  /** The latency of the link u–v. */
  latency(u: number, v: number): number {
    if (this.maxLatency <= 1) return 1;
    const a = u < v ? u : v;
    const b = u < v ? v : u;
    let h = Math.imul(a ^ this.latencySeed, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
    return 1 + (((h ^ (h >>> 13)) >>> 0) % this.maxLatency);
  }

  /** Floods a Query from `origin` with `ttl`; the result is in `result`. */
  flood(origin: number, ttl: number): SearchResult {
    this.result.clear();
    this.floodRound(origin, ttl, 0);
    return this.result;
  }

  /**
   * An expanding ring: floods with TTL 1, 1 + step, 1 + 2 step, … (Lv et al.: 1, 3, 5, …; at most
   * `maxTtl`, the last ring `maxTtl` itself), each a fresh GUID started once the previous one is
   * quiet, until a ring finds a copy. Counts add up over the rings; `reached` is the last ring's.
   */
  expandingRing(origin: number, maxTtl: number, step = 2): SearchResult {
    const r = this.result;
    r.clear();
    let start = 0;
    for (let ttl = 1; ; ttl = Math.min(ttl + step, maxTtl)) {
      r.reached = 0;
      start = this.floodRound(origin, ttl, start);
      if (r.hits > 0 || ttl >= maxTtl) break;
    }
    return r;
  }

  /**
   * One flood with a fresh GUID, starting at time `start`; adds to `result` and returns the time it
   * went quiet.
   */
  private floodRound(origin: number, ttl: number, start: number): number {
    const { offsets, targets } = this.g;
    const { seen, parent, holds, load, queue, result: r } = this;
    const guid = ++this.guid;
    const target = this.target;
    const unit = this.maxLatency <= 1;
    queue.reset();
    seen[origin] = guid;
    parent[origin] = ORIGIN;
    // The requester sends the Query to every connection with Hops 0.
    for (let i = offsets[origin]!; i < offsets[origin + 1]!; i++) {
      const w = targets[i]!;
      queue.push(this.latency(origin, w), w, origin, ttl, 0, 0);
      r.messages++;
    }
    for (let slot = queue.pop(); slot >= 0; slot = queue.pop()) {
      const v = queue.node[slot]!;
      const from = queue.from[slot]!;
      const inTtl = queue.ttl[slot]!;
      const hops = queue.hops[slot]!;
      load[v]!++;
      if (seen[v] === guid) {
        r.duplicates++;
        continue;
      }
      seen[v] = guid;
      parent[v] = from;
      r.reached++;
      const next = forwardedHeader(inTtl, hops);
      if (next.ttl > 0) {
        for (let i = offsets[v]!; i < offsets[v + 1]!; i++) {
          const w = targets[i]!;
          if (w === from) continue;
          r.messages++;
          if (seen[w] === guid) {
            // w has taken this GUID on already, so it will drop this copy whenever it arrives:
            // count the duplicate now and spare the queue (the counts are the same).
            load[w]!++;
            r.duplicates++;
            continue;
          }
          queue.push(unit ? 1 : this.latency(v, w), w, v, next.ttl, next.hops, 0);
        }
      }
      if (holds[v] === target) this.answer(v, replyTtl(hops), start + queue.now);
    }
    this.delivered += r.messages;
    return start + queue.now;
  }

  /**
   * Servent `v`, found `distance` hops from the requester, answers at time `now`: its QueryHit goes
   * back along the reverse path, loading each servent on it. For a flooded Query the path is
   * `replyTtl(hops)` = `distance` long; a walk's can be shorter (its reverse path is the tree of
   * first visits).
   */
  private answer(v: number, distance: number, now: number): void {
    const { parent, load, result: r } = this;
    r.hits++;
    let arrival = now;
    let x = v;
    let length = 0;
    while (parent[x] !== ORIGIN) {
      const back = parent[x]!;
      arrival += this.latency(x, back);
      load[back]!++;
      length++;
      x = back;
    }
    r.hitMessages += length;
    if (arrival < r.firstHitTime) {
      r.firstHitTime = arrival;
      r.firstHitHops = distance;
    }
  }

  /**
   * `k` random walkers from `origin`, each for at most `maxSteps` steps, checking back with the
   * requester every `check` steps; `bias` picks the next servent uniformly among the neighbours or
   * with probability proportional to the neighbour's degree. The walkers' choices come from `rng`.
   */
  walk(
    origin: number,
    k: number,
    maxSteps: number,
    check: number,
    bias: WalkBias,
    rng: Rng,
  ): SearchResult {
    const { seen, parent, holds, load, queue, result: r } = this;
    const guid = ++this.guid;
    const target = this.target;
    if (bias === 'degree') this.cumulative ??= this.neighbourDegrees();
    r.clear();
    queue.reset();
    seen[origin] = guid;
    parent[origin] = ORIGIN;
    for (let i = 0; i < k; i++) {
      const w = this.step(origin, bias, rng);
      if (w < 0) break;
      queue.push(this.latency(origin, w), w, origin, 0, 1, i);
      r.messages++;
    }
    for (let slot = queue.pop(); slot >= 0; slot = queue.pop()) {
      const v = queue.node[slot]!;
      const from = queue.from[slot]!;
      const steps = queue.hops[slot]!;
      const walker = queue.tag[slot]!;
      load[v]!++;
      const first = seen[v] !== guid;
      if (first) {
        seen[v] = guid;
        parent[v] = from;
        r.reached++;
      } else r.duplicates++;
      if (holds[v] === target && v !== origin) {
        // Found: the walker stops; the servent answers (once per GUID, as a servent answers a
        // Query) with a QueryHit back along the reverse path.
        if (first) this.answer(v, steps, queue.now);
        continue;
      }
      if (steps >= maxSteps) continue;
      if (steps % check === 0) {
        r.checks++;
        if (queue.now >= r.firstHitTime) continue; // the requester has a hit: stop
      }
      const w = this.step(v, bias, rng);
      queue.push(this.latency(v, w), w, v, 0, steps + 1, walker);
      r.messages++;
    }
    this.delivered += r.messages;
    return r;
  }

  /** A random neighbour of `v` (uniform or degree-biased); -1 if it has none. */
  private step(v: number, bias: WalkBias, rng: Rng): number {
    const { offsets, targets } = this.g;
    const lo = offsets[v]!;
    const hi = offsets[v + 1]!;
    if (hi === lo) return -1;
    if (bias === 'uniform') return targets[lo + rng.int(hi - lo)]!;
    const c = this.cumulative!;
    const base = lo === 0 ? 0 : c[lo - 1]!;
    const x = base + rng.next() * (c[hi - 1]! - base);
    let a = lo;
    let b = hi - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (c[mid]! > x) b = mid;
      else a = mid + 1;
    }
    return targets[a]!;
  }

  /** The running sum of neighbour degrees over the whole CSR array (rows subtract their base). */
  private neighbourDegrees(): Float64Array {
    const { offsets, targets } = this.g;
    const c = new Float64Array(targets.length);
    let sum = 0;
    for (let i = 0; i < targets.length; i++) {
      const w = targets[i]!;
      sum += offsets[w + 1]! - offsets[w]!;
      c[i] = sum;
    }
    return c;
  }
}
