/**
 * Token-based flow control over random walkers (Chawathe, Ratnasamy, Breslau, Lanham, Shenker,
 * "Making Gnutella-like P2P Systems Scalable", SIGCOMM 2003; the seed: "flow control - refines
 * walk to prevent hot-spots"), over each servent's own observations (see
 * models/gnutella/flow-control.ts): `walk {guid, credit, to}` for each walker it sends (`credit`,
 * the tokens each neighbour granted; a `walk` without it is not flow-controlled and is skipped),
 * `credited {from}` for each token a neighbour returned that it counted, `unlink {peer}` when a
 * connection closed, `queued {guid, bound}` when a walker joined its queue, and `walk {guid}` or
 * `walk-end {guid}` when one left it.
 */
import type { CheckedProperty, History, Observation, Verdict } from '../models/kernel/spec.ts';

/** Per servent, a count per neighbour (or a set of GUIDs), forgotten when the servent goes. */
class PerServent<V> {
  private readonly nodes = new Map<number, Map<string, V>>();

  /** The entries of `node` (created empty). */
  of(node: number): Map<string, V> {
    let m = this.nodes.get(node);
    if (m === undefined) this.nodes.set(node, (m = new Map()));
    return m;
  }

  /** Forgets `o.node` if `o` ends its incarnation (a crash or a leave); returns whether it did. */
  forgetOn(o: Observation): boolean {
    if (o.kind !== 'crash' && o.kind !== 'leave') return false;
    this.nodes.delete(o.node);
    return true;
  }
}

/** The neighbours a `walk` observation names (its `to`, a list or a number). */
const targets = (o: Observation): number[] =>
  Array.isArray(o['to']) ? o['to'].map(Number) : [Number(o['to'])];

/**
 * Checks that, per connection, a servent never sends more walkers than the tokens granted plus
 * those returned (its credit never goes below zero), and counts no token that was not owed.
 */
export function checkCreditRespected(history: History): Verdict {
  const sent = new PerServent<number>();
  const back = new PerServent<number>();
  for (const o of history) {
    if (sent.forgetOn(o)) {
      back.forgetOn(o);
      continue;
    }
    if (o.kind === 'unlink') {
      sent.of(o.node).delete(String(o['peer']));
      back.of(o.node).delete(String(o['peer']));
    }
    if (o.kind === 'credited') {
      const peer = String(o['from']);
      const n = (back.of(o.node).get(peer) ?? 0) + 1;
      back.of(o.node).set(peer, n);
      if (n > (sent.of(o.node).get(peer) ?? 0)) {
        return {
          property: 'credit-respected',
          message: `node ${o.node} counted a token from ${peer} for no walker it had sent there`,
          nodes: [o.node, Number(peer)],
          messages: [],
        };
      }
    }
    if (o.kind !== 'walk' || typeof o['credit'] !== 'number') continue;
    const grant = o['credit'];
    for (const to of targets(o)) {
      const peer = String(to);
      const n = (sent.of(o.node).get(peer) ?? 0) + 1;
      sent.of(o.node).set(peer, n);
      const returned = back.of(o.node).get(peer) ?? 0;
      if (n - returned > grant) {
        return {
          property: 'credit-respected',
          message: `node ${o.node} sent walker ${String(o['guid'])} to ${peer} without a token: ${n} sent, ${returned} returned, ${grant} granted`,
          nodes: [o.node, to],
          messages: [String(o['guid'])],
        };
      }
    }
  }
  return null;
}

/** A servent sends a walker to a neighbour only while it holds a token from it. */
export const creditRespected: CheckedProperty = {
  name: 'credit-respected',
  statement:
    'Per connection, a servent sends at most as many walkers as the tokens its neighbour granted ' +
    'plus those it returned: its credit never goes below zero.',
  kind: 'safety',
  check: checkCreditRespected,
};

/**
 * Checks that no servent's queue of walkers waiting to go on holds more than its bound: the
 * walkers it queued (`queued`) and has not since sent on or ended there, counted per servent.
 */
export function checkQueueBounded(history: History): Verdict {
  const queue = new PerServent<true>();
  for (const o of history) {
    if (queue.forgetOn(o)) continue;
    const guid = String(o['guid']);
    if (o.kind === 'walk' || o.kind === 'walk-end') queue.of(o.node).delete(guid);
    if (o.kind !== 'queued') continue;
    const q = queue.of(o.node);
    q.set(guid, true);
    const bound = Number(o['bound']);
    if (q.size > bound) {
      return {
        property: 'queue-bounded',
        message: `node ${o.node} queued walker ${guid}: ${q.size} walkers waiting, bound ${bound}`,
        nodes: [o.node],
        messages: [...q.keys()],
      };
    }
  }
  return null;
}

/** No queue of walkers waiting to go on grows beyond its bound. */
export const queueBounded: CheckedProperty = {
  name: 'queue-bounded',
  statement:
    "A servent's queue of walkers received and waiting to go on never holds more than its bound " +
    '(a walker arriving at a full queue is dropped, and the drop observed).',
  kind: 'safety',
  check: checkQueueBounded,
};
