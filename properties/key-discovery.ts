import type {
  History,
  CheckedProperty,
  PropertyContext,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';
import { answerOn, monitor, setWith, reachedOnce } from './monitor.ts';

/**
 * Observation kinds of failures that void the discovery guarantee: crashes, leaves, loss, and timers
 * (a node that gives up on a slow neighbour may search on while the first branch still runs).
 * Eviction voids it too.
 */
export const FAILURES: readonly string[] = ['crash', 'recover', 'leave', 'drop', 'timeout'];
const SPOILERS = new Set(['evict', ...FAILURES]);

/**
 * Checks eventual key discovery at quiescence (Clarke et al. 2001, section 3.2): a `request {id,
 * key, htl}` made after some node reported `inserted {key}`, with `htl` at least the number of
 * nodes, ended in `found {id}` at the requester. It assumes a connected topology (the model's
 * parameters guarantee it) and only applies to histories with no eviction, crash, leave, loss or
 * timer, and to keys no node forged (`corrupt {key}`): a forger may be the only node on the key's
 * path. A node that joined (`join`) is connected once its seed welcomed it (`welcome {joiner}` at the
 * seed, the first node its announcement reaches): requests made while some joined node is not
 * welcomed yet are not held to the guarantee. `inserted` is reported when the inserter's node stores
 * the data (the start of the second pass), so the key is held somewhere from then on.
 */
export function checkKeyDiscovery(history: History, context: PropertyContext): Verdict {
  return answerOn(discoveryMonitor, history, context);
}

/** A request made with the key inserted and every joined node welcomed: due if its HTL suffices. */
interface Candidate {
  readonly node: number;
  readonly id: string;
  readonly key: string;
  readonly htl: unknown;
}

/** What key discovery remembers (null once a failure or eviction voided the guarantee). */
interface Discovery {
  readonly inserted: ReadonlySet<string>;
  readonly forged: ReadonlySet<unknown>;
  readonly joined: ReadonlySet<number>;
  readonly welcomed: ReadonlySet<unknown>;
  readonly found: ReadonlySet<string>;
  readonly candidates: readonly Candidate[];
}

/** Key discovery as a monitor. HTL is compared with the node count when answering. */
const discoveryMonitor = monitor<Discovery | null, Verdict>({
  start: {
    inserted: new Set(),
    forged: new Set(),
    joined: new Set(),
    welcomed: new Set(),
    found: new Set(),
    candidates: [],
  },
  step: (s, o) => {
    if (s === null || SPOILERS.has(o.kind)) return null;
    const { id, key } = o;
    if (o.kind === 'corrupt') return { ...s, forged: setWith(s.forged, o['key']) };
    if (o.kind === 'join') return { ...s, joined: setWith(s.joined, o.node) };
    if (o.kind === 'welcome') return { ...s, welcomed: setWith(s.welcomed, o['joiner']) };
    if (o.kind === 'inserted' && typeof key === 'string') {
      return { ...s, inserted: setWith(s.inserted, key) };
    }
    if (o.kind === 'found' && typeof id === 'string') {
      return { ...s, found: setWith(s.found, `${o.node}/${id}`) };
    }
    if (o.kind !== 'request' || typeof id !== 'string' || typeof key !== 'string') return s;
    const connected = [...s.joined].every((n) => s.welcomed.has(n));
    if (!connected || !s.inserted.has(key)) return s;
    return { ...s, candidates: [...s.candidates, { node: o.node, id, key, htl: o['htl'] }] };
  },
  answer: (s, context) => {
    const missed = s?.candidates.find(
      (r) =>
        typeof r.htl === 'number' &&
        r.htl >= context.nodes &&
        !s.forged.has(r.key) &&
        !s.found.has(`${r.node}/${r.id}`),
    );
    if (missed === undefined) return null;
    return {
      property: 'key-discovery',
      message: `request ${missed.id} at node ${missed.node} did not find key ${missed.key}, inserted before it`,
      nodes: [missed.node],
      messages: [missed.id, missed.key],
    };
  },
});

/** Eventual key discovery: with enough HTL and nothing lost, an inserted key is found. */
export const keyDiscovery: CheckedProperty = {
  name: 'key-discovery',
  statement:
    'In a connected network with no eviction or failure, a request with HTL at least the number ' +
    'of nodes for a key inserted before it succeeds.',
  kind: 'quiescence',
  scope: 'global',
  reads: ['inserted', 'request', 'join', 'welcome'],
  check: checkKeyDiscovery,
  monitor: discoveryMonitor,
};

/** Key found as a monitor: reached at the first `found`. */
const foundMonitor = reachedOnce((o) => o.kind === 'found');

/** Whether some request found its key (`found`): the model is not vacuous. */
export function reachedKeyFound(history: History): boolean {
  return answerOn(foundMonitor, history);
}

/** Some request finds its key. */
export const keyFound: SometimesProperty = {
  name: 'key-found',
  statement: 'Some request finds the data it asked for.',
  kind: 'sometimes',
  reached: reachedKeyFound,
  monitor: foundMonitor,
};

/**
 * Whether a node that joined by announcement later found a key: a non-vacuity check for joins (not
 * a protocol `sometimes` property, because only some configurations have joining nodes).
 */
export function reachedJoinerFound(history: History): boolean {
  const joined = new Set<number>();
  for (const o of history) {
    if (o.kind === 'join') joined.add(o.node);
    if (o.kind === 'found' && joined.has(o.node)) return true;
  }
  return false;
}
