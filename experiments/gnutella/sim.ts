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
 * walker that finds a copy stops and its QueryHit goes back along the reverse path); and
 * flow-controlled walkers (`flowWalk`: the degree-biased walkers under Gia's token-based flow
 * control, Chawathe et al., SIGCOMM 2003, section 3.3, as models/gnutella/flow-control.ts has it):
 * - service: a servent handles one walker per time unit, in arrival order; a walker that reaches
 *   an idle servent is handled in the time unit it arrives (as the other walks handle every
 *   walker), so on an uncongested path the timing is the degree-biased walk's and every extra time
 *   unit is waiting;
 * - tokens: a servent holds `credit` tokens from each neighbour at the start of a search, spends
 *   one per walker it passes to that neighbour, and passes a walker only to a neighbour whose token
 *   it holds (chosen by degree among those); the receiver returns the token (a `Credit`, arriving
 *   after the link's latency) when it has handled the walker, or dropped it;
 * - queue: the walkers a servent received and that have not gone on (waiting to be handled, or
 *   handled and waiting for a token) are at most `queue`; when a walker arrives at a full queue the
 *   one with the most Hops is dropped (the newcomer on a tie, else the earliest queued). The
 *   requester's own walkers wait for tokens apart from the queue (at most `k`).
 * With `credit` and `queue` both `k` nothing is ever throttled or dropped (there are only `k`
 * walkers): the same servents, handling one walker per time unit, without flow control.
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
  /** The most walkers queued at one servent at once (`flowWalk`: received and not gone on). */
  peakQueue = 0;
  /** Walkers dropped by a full queue (flow control). */
  drops = 0;
  /** Tokens returned (`Credit` messages; flow control). */
  credits = 0;

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
    this.peakQueue = this.drops = this.credits = 0;
  }
}

/** How random walkers choose their next servent. */
export type WalkBias = 'uniform' | 'degree';

/** What `flowWalk` tells an observer (`Simulator.flowTrace`), for tests. */
export const FLOW = {
  /** `v` passes walker `walker` to `other`, spending a token; `hops` is what it carries. */
  send: 0,
  /** Walker `walker` with `hops` arrives at `v` from `other` (a drop may follow at once). */
  arrive: 1,
  /** `v`'s full queue drops walker `walker` (`hops`); `other` is the newcomer that arrived. */
  drop: 2,
  /** `v` handles walker `walker` (`hops`) received from `other`, whose token goes back. */
  handle: 3,
  /** Walker `walker` ends at `v` (a hit, its TTL spent, or its requester has a hit). */
  end: 4,
  /** A token from `other` is back at `v`. */
  credit: 5,
} as const;

/** An observer of the flow-controlled walk: each event with the time it happens. */
export type FlowObserver = (
  kind: (typeof FLOW)[keyof typeof FLOW],
  time: number,
  v: number,
  other: number,
  walker: number,
  hops: number,
) => void;

/** The event queue's tag for a returned token and for a servent's next handling slot. */
const CREDIT = -1;
const SERVE = -2;

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
  /** Flow control's state (allocated by the first walk). */
  private flow: FlowArrays | null = null;
  /** An observer of `flowWalk` (tests); null for none. */
  flowTrace: FlowObserver | null = null;

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

  /**
   * Flow-controlled walkers (Gia's tokens over the degree-biased walk; the file's comment says how):
   * `k` walkers from `origin`, each for at most `maxSteps` steps, checking back every `check` steps;
   * `credit` tokens per connection and direction, at most `bound` walkers queued per servent.
   * Counts as `walk` does, and `peakQueue`, `drops`, `credits`; `flowTrace` sees every event.
   */
  flowWalk(
    origin: number,
    k: number,
    maxSteps: number,
    check: number,
    credit: number,
    bound: number,
    rng: Rng,
  ): SearchResult {
    const { offsets } = this.g;
    const { seen, parent, queue, result: r } = this;
    const guid = ++this.guid;
    this.cumulative ??= this.neighbourDegrees();
    const f = this.flowArrays(k);
    f.start(credit, offsets, guid, origin, maxSteps, check, bound, rng);
    r.clear();
    queue.reset();
    seen[origin] = guid;
    parent[origin] = ORIGIN;
    if (offsets[origin + 1]! === offsets[origin]!) return r;
    // The requester's own walkers wait for tokens apart from the queue, first in first out.
    f.touch(origin);
    for (let x = 0; x < k; x++) {
      f.steps[x] = 0;
      f.own[x] = 1;
      f.link[x] = -1;
      f.from[x] = origin;
      f.push(origin, x, false);
    }
    this.sendOn(origin, 0);
    for (let slot = queue.pop(); slot >= 0; slot = queue.pop()) {
      const v = queue.node[slot]!;
      const tag = queue.tag[slot]!;
      const now = queue.now;
      if (tag === CREDIT) this.credited(v, queue.ttl[slot]!, now);
      else if (tag === SERVE) this.serve(v, now);
      else this.arrive(v, queue.from[slot]!, queue.ttl[slot]!, queue.hops[slot]!, tag, now);
    }
    if (f.outstanding !== 0)
      throw new Error(`flow control: ${f.outstanding} tokens never came back`);
    this.delivered += r.messages;
    return r;
  }

  /** Walker `x` (`hops` steps) arrives at `v` from `from` over the sender's link `link`. */
  private arrive(
    v: number,
    from: number,
    link: number,
    hops: number,
    x: number,
    now: number,
  ): void {
    const f = this.flow!;
    const r = this.result;
    this.load[v]!++;
    f.touch(v);
    f.steps[x] = hops;
    f.from[x] = from;
    f.link[x] = link;
    f.own[x] = 0;
    this.flowTrace?.(FLOW.arrive, now, v, from, x, hops);
    if (f.count[v]! >= f.bound) {
      // Full: drop the walker with the most Hops (the newcomer on a tie, else the earliest queued).
      const victim = f.mostHops(v, x);
      r.drops++;
      this.flowTrace?.(FLOW.drop, now, v, x, victim, f.steps[victim]!);
      this.giveBack(victim, v);
      if (victim === x) return;
      f.remove(v, victim);
      f.count[v]!--;
    }
    f.count[v]!++;
    if (f.serveHead[v]! < 0 && f.free[v]! <= now) {
      f.free[v] = now + 1;
      this.handle(v, x, now);
    } else {
      f.push(v, x, true);
      this.slot(v, now);
    }
    if (f.count[v]! > r.peakQueue) r.peakQueue = f.count[v]!;
  }

  /** Queues `v`'s next handling slot, when it is free, unless one is queued already. */
  private slot(v: number, now: number): void {
    const f = this.flow!;
    if (f.serveAt[v]! >= 0) return;
    const at = f.free[v]! > now ? f.free[v]! : now + 1;
    f.serveAt[v] = at;
    this.queue.push(at - now, v, -1, 0, 0, SERVE);
  }

  /** `v`'s handling slot: it handles the first walker waiting (if it is free: a drop may have
   * emptied the list and an arrival been handled at once since the slot was queued). */
  private serve(v: number, now: number): void {
    const f = this.flow!;
    f.serveAt[v] = -1;
    const x = f.serveHead[v]!;
    if (x < 0) return;
    if (f.free[v]! > now) return this.slot(v, now);
    f.shift(v, x, true);
    f.free[v] = now + 1;
    if (f.serveHead[v]! >= 0) this.slot(v, now);
    this.handle(v, x, now);
  }

  /**
   * `v` handles walker `x` at `now`: it returns the sender's token and follows the walk's rules (the
   * reverse path, duplicates, a hit, the TTL, check-backs); a walker going on waits for a token.
   */
  private handle(v: number, x: number, now: number): void {
    const f = this.flow!;
    const { seen, parent, holds, result: r } = this;
    const steps = f.steps[x]!;
    this.flowTrace?.(FLOW.handle, now, v, f.from[x]!, x, steps);
    this.giveBack(x, v);
    const first = seen[v] !== f.guid;
    if (first) {
      seen[v] = f.guid;
      parent[v] = f.from[x]!;
      r.reached++;
    } else r.duplicates++;
    if (holds[v] === this.target && v !== f.origin) {
      if (first) this.answer(v, steps, now);
      return this.end(v, x, now);
    }
    if (steps >= f.maxSteps) return this.end(v, x, now);
    if (steps % f.check === 0) {
      r.checks++;
      if (now >= r.firstHitTime) return this.end(v, x, now);
    }
    f.push(v, x, false);
    this.sendOn(v, now);
  }

  /** Walker `x` ends at `v`. */
  private end(v: number, x: number, now: number): void {
    const f = this.flow!;
    if (f.own[x] === 0) f.count[v]!--;
    this.flowTrace?.(FLOW.end, now, v, -1, x, f.steps[x]!);
  }

  /** Walker `x`'s token goes back from `v` to its sender, unless it has already. */
  private giveBack(x: number, v: number): void {
    const f = this.flow!;
    const link = f.link[x]!;
    if (link < 0) return;
    const u = f.from[x]!;
    f.link[x] = -1;
    this.result.credits++;
    this.queue.push(this.latency(v, u), u, v, link, 0, CREDIT);
  }

  /** A token from `targets[link]` is back at `v`: walkers waiting for one may go. */
  private credited(v: number, link: number, now: number): void {
    const f = this.flow!;
    f.outstanding--;
    if (f.tokens[link]!++ === 0) f.open[v]!++;
    this.flowTrace?.(FLOW.credit, now, v, this.g.targets[link]!, -1, 0);
    this.sendOn(v, now);
  }

  /** `v` passes on its walkers waiting for a token, first in first out, while it holds one. */
  private sendOn(v: number, now: number): void {
    const f = this.flow!;
    const r = this.result;
    const { targets } = this.g;
    for (let x = f.tokenHead[v]!; x >= 0 && f.open[v]! > 0; x = f.tokenHead[v]!) {
      f.shift(v, x, false);
      if (f.own[x] === 1 && now >= r.firstHitTime) {
        this.end(v, x, now); // still at its requester, which has a hit
        continue;
      }
      const link = this.openNeighbour(v, f.rng);
      const w = targets[link]!;
      if (--f.tokens[link]! === 0) f.open[v]!--;
      f.outstanding++;
      if (f.own[x] === 0) f.count[v]!--;
      const hops = f.steps[x]! + 1;
      this.flowTrace?.(FLOW.send, now, v, w, x, hops);
      this.queue.push(this.latency(v, w), w, v, link, hops, x);
      r.messages++;
    }
  }

  /** A random neighbour of `v` (uniform or degree-biased); -1 if it has none. */
  private step(v: number, bias: WalkBias, rng: Rng): number {
    const { offsets, targets } = this.g;
    const lo = offsets[v]!;
    const hi = offsets[v + 1]!;
    if (hi === lo) return -1;
    if (bias === 'uniform') return targets[lo + rng.int(hi - lo)]!;
    return targets[this.biased(lo, hi, rng)]!;
  }

  /** A CSR index in `[lo, hi)` drawn with probability proportional to its neighbour's degree. */
  private biased(lo: number, hi: number, rng: Rng): number {
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
    return a;
  }

  /**
   * The CSR index of a neighbour whose token `v` holds (it holds one), drawn with probability
   * proportional to the neighbour's degree among those: a few draws over every neighbour, kept if
   * open (rejection sampling), then an exact draw over the open ones.
   */
  private openNeighbour(v: number, rng: Rng): number {
    const { offsets } = this.g;
    const { tokens } = this.flow!;
    const lo = offsets[v]!;
    const hi = offsets[v + 1]!;
    for (let tries = 0; tries < 8; tries++) {
      const i = this.biased(lo, hi, rng);
      if (tokens[i]! > 0) return i;
    }
    let sum = 0;
    for (let i = lo; i < hi; i++) if (tokens[i]! > 0) sum += this.degreeAt(i);
    let x = rng.next() * sum;
    let last = -1;
    for (let i = lo; i < hi; i++) {
      if (tokens[i]! <= 0) continue;
      last = i;
      x -= this.degreeAt(i);
      if (x < 0) return i;
    }
    return last;
  }

  /** The degree of the neighbour at CSR index `i`. */
  private degreeAt(i: number): number {
    const { offsets, targets } = this.g;
    const w = targets[i]!;
    return offsets[w + 1]! - offsets[w]!;
  }

  /** The flow-control arrays, with room for `k` walkers. */
  private flowArrays(k: number): FlowArrays {
    if (this.flow === null) this.flow = new FlowArrays(this.g.n, this.g.offsets[this.g.n]!);
    this.flow.room(k);
    return this.flow;
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

/**
 * Flow control's state in typed arrays: per servent (valid while `stamp[v]` is the search's GUID,
 * else empty: `touch` clears it), per link (CSR index) and per walker (a walker is in one place at a
 * time, so its number indexes it); linked lists through `next` hold each servent's waiting walkers.
 */
class FlowArrays {
  readonly stamp: Uint32Array;
  /** The next time the servent is free to handle a walker, and when its next slot is queued (-1). */
  readonly free: Int32Array;
  readonly serveAt: Int32Array;
  /** Walkers waiting to be handled, and handled walkers waiting for a token (first in first out). */
  readonly serveHead: Int32Array;
  readonly serveTail: Int32Array;
  readonly tokenHead: Int32Array;
  readonly tokenTail: Int32Array;
  /** The queue's length: received walkers at the servent that have not gone on. */
  readonly count: Int32Array;
  /** Per link v → targets[i], the tokens v holds from targets[i]; per servent, links with one. */
  readonly tokens: Int32Array;
  readonly open: Int32Array;
  /** The credit `tokens` were filled with (-1: not yet). */
  private credit = -1;
  /** Tokens spent and not back yet, over the network (0 when a search has ended). */
  outstanding = 0;
  /** Per walker: its steps, its sender and the sender's link (-1 once the token is back). */
  steps = new Int32Array(0);
  from = new Int32Array(0);
  link = new Int32Array(0);
  next = new Int32Array(0);
  /** 1 while the walker is at its requester and has not left yet. */
  own = new Uint8Array(0);
  /** The search's GUID, requester and settings. */
  guid = 0;
  origin = 0;
  maxSteps = 0;
  check = 1;
  bound = 1;
  rng!: Rng;

  constructor(n: number, links: number) {
    this.stamp = new Uint32Array(n);
    this.free = new Int32Array(n);
    this.serveAt = new Int32Array(n);
    this.serveHead = new Int32Array(n);
    this.serveTail = new Int32Array(n);
    this.tokenHead = new Int32Array(n);
    this.tokenTail = new Int32Array(n);
    this.count = new Int32Array(n);
    this.tokens = new Int32Array(links);
    this.open = new Int32Array(n);
  }

  /** Room for `k` walkers. */
  room(k: number): void {
    if (this.steps.length >= k) return;
    this.steps = new Int32Array(k);
    this.from = new Int32Array(k);
    this.link = new Int32Array(k);
    this.next = new Int32Array(k);
    this.own = new Uint8Array(k);
  }

  /** A search's settings; every token held (refilled if the credit changed or a search broke off). */
  start(
    credit: number,
    offsets: Uint32Array,
    guid: number,
    origin: number,
    maxSteps: number,
    check: number,
    bound: number,
    rng: Rng,
  ): void {
    if (credit !== this.credit || this.outstanding !== 0) {
      this.tokens.fill(credit);
      for (let v = 0; v < this.open.length; v++) this.open[v] = offsets[v + 1]! - offsets[v]!;
      this.credit = credit;
      this.outstanding = 0;
    }
    this.guid = guid;
    this.origin = origin;
    this.maxSteps = maxSteps;
    this.check = check;
    this.bound = bound;
    this.rng = rng;
  }

  /** Servent `v`'s fields, cleared if this search has not touched them yet. */
  touch(v: number): void {
    if (this.stamp[v] === this.guid) return;
    this.stamp[v] = this.guid;
    this.free[v] = 0;
    this.serveAt[v] = -1;
    this.serveHead[v] = this.serveTail[v] = this.tokenHead[v] = this.tokenTail[v] = -1;
    this.count[v] = 0;
  }

  /** Walker `x` joins the end of `v`'s list (waiting to be handled, or for a token). */
  push(v: number, x: number, serve: boolean): void {
    const head = serve ? this.serveHead : this.tokenHead;
    const tail = serve ? this.serveTail : this.tokenTail;
    this.next[x] = -1;
    if (tail[v]! < 0) head[v] = x;
    else this.next[tail[v]!] = x;
    tail[v] = x;
  }

  /** Takes walker `x`, the first of `v`'s list, off it. */
  shift(v: number, x: number, serve: boolean): void {
    const head = serve ? this.serveHead : this.tokenHead;
    const tail = serve ? this.serveTail : this.tokenTail;
    head[v] = this.next[x]!;
    if (head[v]! < 0) tail[v] = -1;
  }

  /** Takes walker `x` off whichever of `v`'s lists holds it. */
  remove(v: number, x: number): void {
    if (!this.unlink(this.tokenHead, this.tokenTail, v, x)) {
      this.unlink(this.serveHead, this.serveTail, v, x);
    }
  }

  /** Takes walker `x` off `v`'s list `head`/`tail` if it is there; whether it was. */
  private unlink(head: Int32Array, tail: Int32Array, v: number, x: number): boolean {
    let prev = -1;
    for (let y = head[v]!; y >= 0; prev = y, y = this.next[y]!) {
      if (y !== x) continue;
      if (prev < 0) head[v] = this.next[x]!;
      else this.next[prev] = this.next[x]!;
      if (tail[v] === x) tail[v] = prev;
      return true;
    }
    return false;
  }

  /**
   * The walker a full queue at `v` drops when `x` arrives: the one with the most Hops among the
   * queued (the requester's own walkers are not queued) and `x`; `x` on a tie, else the earliest
   * queued (the token list's walkers were handled, so came, before the others).
   */
  mostHops(v: number, x: number): number {
    const { next, own, steps } = this;
    let most = -1;
    for (let y = this.tokenHead[v]!; y >= 0; y = next[y]!) {
      if (own[y] === 0 && (most < 0 || steps[y]! > steps[most]!)) most = y;
    }
    for (let y = this.serveHead[v]!; y >= 0; y = next[y]!) {
      if (most < 0 || steps[y]! > steps[most]!) most = y;
    }
    return most < 0 || steps[x]! >= steps[most]! ? x : most;
  }
}
