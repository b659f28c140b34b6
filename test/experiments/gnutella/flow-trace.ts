/**
 * A checker of the flow-controlled walk's rules (experiments/gnutella/sim.ts, `flowWalk`), over the
 * events the simulator reports to `flowTrace`, counted here from scratch (none of the simulator's
 * own counters is trusted):
 * - tokens: per directed link, walkers sent ≤ tokens granted (`credit`) + tokens returned, and no
 *   token comes back that was not spent;
 * - token timing: a token comes back `latency` after its walker was handled or dropped;
 * - service: a servent handles at most one walker per time unit;
 * - queue: a servent never holds more than `bound` received walkers that have not gone on (an
 *   arrival at a full queue is followed at once by a drop there);
 * - drops: the walker dropped has the most Hops among those queued and the newcomer (the newcomer
 *   on a tie);
 * - at the end, every token is back and no walker is left anywhere.
 */
import { FLOW, type Simulator } from '../../../experiments/gnutella/sim.ts';

/** One event of `flowTrace`. */
export interface FlowEvent {
  readonly kind: number;
  readonly time: number;
  readonly v: number;
  readonly other: number;
  readonly walker: number;
  readonly hops: number;
}

/** Records `sim`'s flow-control events into the returned list (until `sim.flowTrace` is reset). */
export function record(sim: Simulator): FlowEvent[] {
  const events: FlowEvent[] = [];
  sim.flowTrace = (kind, time, v, other, walker, hops) => {
    events.push({ kind, time, v, other, walker, hops });
  };
  return events;
}

/** What the checker is told: the grant, the queue bound and the link latencies. */
export interface FlowRules {
  readonly credit: number;
  readonly bound: number;
  readonly latency?: (u: number, v: number) => number;
}

/**
 * What the checker measured: per servent, the most received walkers there at once (the one being
 * handled included).
 */
export interface FlowFigures {
  readonly peak: ReadonlyMap<number, number>;
}

/** The first broken rule in `events` (one search), or the figures if none is broken. */
export function checkFlow(
  events: readonly FlowEvent[],
  rules: FlowRules,
): { violation: string } | FlowFigures {
  const latency = rules.latency ?? (() => 1);
  const sent = new Map<string, number>();
  const back = new Map<string, number>();
  /** Per link u>w, the times its tokens are due back at u, in order. */
  const due = new Map<string, number[]>();
  /** Received walkers at each servent, with their Hops; the largest count seen. */
  const queued = new Map<number, Map<number, number>>();
  const peak = new Map<number, number>();
  /** Per walker: its sender, whether it was handled where it is. */
  const from = new Map<number, number>();
  const handled = new Set<number>();
  const served = new Set<string>();
  let full = -1;
  const at = (v: number) => queued.get(v) ?? queued.set(v, new Map()).get(v)!;
  const expect = (u: number, w: number, time: number) => {
    const key = `${u}>${w}`;
    (due.get(key) ?? due.set(key, []).get(key)!).push(time + latency(u, w));
  };
  for (const [i, e] of events.entries()) {
    const where = `event ${i} (time ${e.time})`;
    if (full >= 0 && !(e.kind === FLOW.drop && e.v === full)) {
      return { violation: `${where}: servent ${full}'s queue is over ${rules.bound}, no drop` };
    }
    full = -1;
    switch (e.kind) {
      case FLOW.send: {
        const key = `${e.v}>${e.other}`;
        const n = (sent.get(key) ?? 0) + 1;
        sent.set(key, n);
        if (n > rules.credit + (back.get(key) ?? 0)) {
          return {
            violation: `${where}: ${e.v} sent walker ${n} to ${e.other} holding no token (credit ${rules.credit}, ${back.get(key) ?? 0} back)`,
          };
        }
        at(e.v).delete(e.walker);
        from.set(e.walker, e.v);
        break;
      }
      case FLOW.arrive: {
        const q = at(e.v);
        q.set(e.walker, e.hops);
        handled.delete(e.walker);
        if (from.get(e.walker) !== e.other) return { violation: `${where}: arrival from nowhere` };
        if (q.size > rules.bound) full = e.v;
        else peak.set(e.v, Math.max(peak.get(e.v) ?? 0, q.size));
        break;
      }
      case FLOW.drop: {
        const q = at(e.v);
        const hops = q.get(e.walker);
        if (hops === undefined) return { violation: `${where}: dropped a walker not queued` };
        const most = Math.max(...q.values());
        const newcomer = q.get(e.other)!;
        if (hops < most || (e.walker !== e.other && hops <= newcomer)) {
          return {
            violation: `${where}: servent ${e.v} dropped a walker with ${hops} Hops, not the one with the most (${most}; the newcomer ${newcomer})`,
          };
        }
        q.delete(e.walker);
        peak.set(e.v, Math.max(peak.get(e.v) ?? 0, q.size));
        if (!handled.has(e.walker)) expect(from.get(e.walker)!, e.v, e.time);
        break;
      }
      case FLOW.handle: {
        const slot = `${e.v}@${e.time}`;
        if (served.has(slot)) {
          return { violation: `${where}: servent ${e.v} handled two walkers in one time unit` };
        }
        served.add(slot);
        if (!at(e.v).has(e.walker)) return { violation: `${where}: handled a walker not there` };
        handled.add(e.walker);
        expect(from.get(e.walker)!, e.v, e.time);
        break;
      }
      case FLOW.end:
        at(e.v).delete(e.walker);
        break;
      case FLOW.credit: {
        const key = `${e.v}>${e.other}`;
        const n = (back.get(key) ?? 0) + 1;
        back.set(key, n);
        if (n > (sent.get(key) ?? 0)) return { violation: `${where}: a token never spent` };
        const when = due.get(key)?.shift();
        if (when !== e.time) {
          return {
            violation: `${where}: a token from ${e.other} back at ${e.v} at ${e.time}, due at ${when}`,
          };
        }
        break;
      }
      default:
        return { violation: `${where}: unknown event ${e.kind}` };
    }
  }
  if (full >= 0) {
    return { violation: `the end: servent ${full}'s queue is over ${rules.bound}, no drop` };
  }
  for (const [key, n] of sent) {
    if ((back.get(key) ?? 0) !== n) return { violation: `the end: tokens of ${key} not back` };
  }
  for (const [v, q] of queued) {
    if (q.size > 0) return { violation: `the end: walkers left at ${v}` };
  }
  return { peak };
}

/** The checker's verdict as a string: the violation, or 'ok'. */
export function verdict(events: readonly FlowEvent[], rules: FlowRules): string {
  const r = checkFlow(events, rules);
  return 'violation' in r ? r.violation : 'ok';
}
