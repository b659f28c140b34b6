import type {
  History,
  CheckedProperty,
  PropertyContext,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';

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
  if (history.some((o) => SPOILERS.has(o.kind))) return null;
  const inserted = new Set<string>();
  const due: { node: number; id: string; key: string }[] = [];
  const found = new Set<string>();
  const forged = new Set(history.filter((o) => o.kind === 'corrupt').map((o) => o['key']));
  const joined = new Set<number>();
  const welcomed = new Set<unknown>();
  for (const o of history) {
    const { id, key, htl } = o;
    if (o.kind === 'join') joined.add(o.node);
    if (o.kind === 'welcome') welcomed.add(o['joiner']);
    if (o.kind === 'inserted' && typeof key === 'string') inserted.add(key);
    if (o.kind === 'found' && typeof id === 'string') found.add(`${o.node}/${id}`);
    if (o.kind !== 'request' || typeof id !== 'string' || typeof key !== 'string') continue;
    const connected = [...joined].every((n) => welcomed.has(n));
    const enough = typeof htl === 'number' && htl >= context.nodes;
    if (enough && connected && inserted.has(key) && !forged.has(key)) {
      due.push({ node: o.node, id, key });
    }
  }
  const missed = due.find((r) => !found.has(`${r.node}/${r.id}`));
  if (missed === undefined) return null;
  return {
    property: 'key-discovery',
    message: `request ${missed.id} at node ${missed.node} did not find key ${missed.key}, inserted before it`,
    nodes: [missed.node],
    messages: [missed.id, missed.key],
  };
}

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
};

/** Whether some request found its key (`found`): the model is not vacuous. */
export function reachedKeyFound(history: History): boolean {
  return history.some((o) => o.kind === 'found');
}

/** Some request finds its key. */
export const keyFound: SometimesProperty = {
  name: 'key-found',
  statement: 'Some request finds the data it asked for.',
  kind: 'sometimes',
  reached: reachedKeyFound,
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
