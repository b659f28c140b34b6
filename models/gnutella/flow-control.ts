/**
 * Enhancement: flow control over random walkers (the seed: "flow control - refines walk to prevent
 * hot-spots"; Chawathe, Ratnasamy, Breslau, Lanham, Shenker, "Making Gnutella-like P2P Systems
 * Scalable", SIGCOMM 2003, section 3.3: token-based flow control). The walker servent of
 * walk.machine.ts with three additions, kept here as pure functions over its context:
 * - credit: each servent grants every neighbour `credit` tokens when the connection opens; a
 *   servent passes a walker to a neighbour only while it holds a token from it (the `hasCredit`
 *   guard), and spends one per walker;
 * - a servent returns one token to the sender (`Credit`) per walker it has processed (taken on,
 *   answered or passed to its queue: the `returnsCredit` guard); a token that would take its
 *   holder above the grant is a stray and is ignored, silently, as a duplicate descriptor is;
 * - each servent's queue of walkers received from neighbours and waiting to go on is bounded
 *   (`queue`); when a walker arrives at a full queue the one with the most Hops (the newcomer on
 *   a tie) is dropped, and the drop is observed (`walk-end {why: 'dropped'}`).
 * The requester's own walkers wait apart from the queue (at most `k` of them).
 */
import { ORIGIN } from './servent-logic.ts';

/** A returned token: the sender processed one walker that came on this connection. */
export interface Credit {
  readonly type: 'Credit';
  readonly from: number;
}

/** A servent's flow-control state. */
export interface FlowState {
  /** Tokens granted per connection when it opens. */
  readonly grant: number;
  /** The bound on the queue of walkers received and waiting to go on. */
  readonly bound: number;
  /** Per neighbour, tokens spent and not yet returned: `[neighbour, count]`, count ≥ 1. */
  readonly owed: readonly (readonly [number, number])[];
}

/** The flow-control parameters, as the input carries them. */
export interface FlowParams {
  readonly credit: number;
  readonly queue: number;
}

/** A servent's flow-control state when it starts: every token held. */
export function freshFlow(p: FlowParams): FlowState {
  return { grant: p.credit, bound: p.queue, owed: [] };
}

/** The tokens spent towards `peer` and not yet returned. */
export function owedTo(flow: FlowState, peer: number): number {
  return flow.owed.find(([n]) => n === peer)?.[1] ?? 0;
}

/** The tokens `peer` granted that this servent still holds. */
export function creditLeft(flow: FlowState, peer: number): number {
  return flow.grant - owedTo(flow, peer);
}

/** `flow` with `peer`'s count moved by `delta` (an entry at 0 is removed; entries by neighbour). */
function moved(flow: FlowState, peer: number, delta: number): FlowState {
  const count = owedTo(flow, peer) + delta;
  const rest = flow.owed.filter(([n]) => n !== peer);
  const owed = count > 0 ? [...rest, [peer, count] as const].sort((a, b) => a[0] - b[0]) : rest;
  return { ...flow, owed };
}

/** One token towards `peer` spent on a walker. */
export function spend(flow: FlowState, peer: number): FlowState {
  return moved(flow, peer, 1);
}

/** A token returned by `peer`: the new state, or null for a stray (none was owed). */
export function returned(flow: FlowState, peer: number): FlowState | null {
  return owedTo(flow, peer) > 0 ? moved(flow, peer, -1) : null;
}

/** The connection to `peer` closed: its tokens no longer count. */
export function closed(flow: FlowState, peer: number): FlowState {
  return { ...flow, owed: flow.owed.filter(([n]) => n !== peer) };
}

/** What a walker needs for the queue: its GUID, its Hops and where it came from. */
export interface Queued {
  readonly guid: string;
  readonly hops: number;
  readonly from: number;
}

/**
 * Walker `w` joins `parked` under the queue's `bound` (the requester's own walkers, `from`
 * ORIGIN, are not counted): when the queue is full, the walker with the most Hops among the
 * queued ones and `w` is dropped, `w` itself on a tie. Returns the new list and the dropped walker.
 */
export function enqueue<W extends Queued>(
  parked: readonly W[],
  w: W,
  bound: number,
): { readonly parked: readonly W[]; readonly dropped: W | null } {
  const queued = parked.filter((x) => x.from !== ORIGIN);
  if (w.from === ORIGIN || queued.length < bound) return { parked: [...parked, w], dropped: null };
  const most = queued.reduce((a, b) => (b.hops > a.hops ? b : a));
  if (w.hops >= most.hops) return { parked, dropped: w };
  return { parked: [...parked.filter((x) => x !== most), w], dropped: most };
}
