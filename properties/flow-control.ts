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
import { answerOn, untilViolation, violated } from './monitor.ts';
import { endsIncarnation, forgetIn, NodeMemory } from './node-memory.ts';

/** The neighbours a `walk` observation names (its `to`, a list or a number). */
const targets = (o: Observation): number[] =>
  Array.isArray(o['to']) ? o['to'].map(Number) : [Number(o['to'])];

/** What credit-respected counts per servent and neighbour: walkers sent, tokens counted back. */
interface Credit {
  readonly sent: NodeMemory<number>;
  readonly back: NodeMemory<number>;
}

/** Credit-respected as a monitor: each servent's counts per neighbour, up to the first violation. */
const creditMonitor = untilViolation<Credit>(
  { sent: NodeMemory.empty(), back: NodeMemory.empty() },
  (s, o) => {
    if (endsIncarnation(o)) return forgetIn(s, o);
    let { sent, back } = s;
    if (o.kind === 'unlink') {
      sent = sent.delete(o.node, String(o['peer']));
      back = back.delete(o.node, String(o['peer']));
    }
    if (o.kind === 'credited') {
      const peer = String(o['from']);
      const n = (back.get(o.node, peer) ?? 0) + 1;
      back = back.set(o.node, peer, n);
      if (n > (sent.get(o.node, peer) ?? 0)) {
        return violated({
          property: 'credit-respected',
          message: `node ${o.node} counted a token from ${peer} for no walker it had sent there`,
          nodes: [o.node, Number(peer)],
          messages: [],
        });
      }
    }
    const next = (): Credit => (sent === s.sent && back === s.back ? s : { sent, back });
    if (o.kind !== 'walk' || typeof o['credit'] !== 'number') return next();
    const grant = o['credit'];
    for (const to of targets(o)) {
      const peer = String(to);
      const n = (sent.get(o.node, peer) ?? 0) + 1;
      sent = sent.set(o.node, peer, n);
      const returned = back.get(o.node, peer) ?? 0;
      if (n - returned > grant) {
        return violated({
          property: 'credit-respected',
          message: `node ${o.node} sent walker ${String(o['guid'])} to ${peer} without a token: ${n} sent, ${returned} returned, ${grant} granted`,
          nodes: [o.node, to],
          messages: [String(o['guid'])],
        });
      }
    }
    return next();
  },
);

/**
 * Checks that, per connection, a servent never sends more walkers than the tokens granted plus
 * those returned (its credit never goes below zero), and counts no token that was not owed.
 */
export function checkCreditRespected(history: History): Verdict {
  return answerOn(creditMonitor, history);
}

/** A servent sends a walker to a neighbour only while it holds a token from it. */
export const creditRespected: CheckedProperty = {
  name: 'credit-respected',
  statement:
    'Per connection, a servent sends at most as many walkers as the tokens its neighbour granted ' +
    'plus those it returned: its credit never goes below zero.',
  kind: 'safety',
  check: checkCreditRespected,
  monitor: creditMonitor,
};

/** Queue-bounded as a monitor: each servent's queue (GUIDs by arrival), up to the first violation. */
const queueMonitor = untilViolation(NodeMemory.empty<readonly string[]>(), (queues, o) => {
  if (endsIncarnation(o)) return queues.after(o);
  const guid = String(o['guid']);
  const q = queues.get(o.node, 'queue') ?? [];
  if ((o.kind === 'walk' || o.kind === 'walk-end') && q.includes(guid)) {
    return queues.set(
      o.node,
      'queue',
      q.filter((g) => g !== guid),
    );
  }
  if (o.kind !== 'queued') return queues;
  const queue = q.includes(guid) ? q : [...q, guid];
  const bound = Number(o['bound']);
  if (queue.length > bound) {
    return violated({
      property: 'queue-bounded',
      message: `node ${o.node} queued walker ${guid}: ${queue.length} walkers waiting, bound ${bound}`,
      nodes: [o.node],
      messages: [...queue],
    });
  }
  return queue === q ? queues : queues.set(o.node, 'queue', queue);
});

/**
 * Checks that no servent's queue of walkers waiting to go on holds more than its bound: the
 * walkers it queued (`queued`) and has not since sent on or ended there, counted per servent.
 */
export function checkQueueBounded(history: History): Verdict {
  return answerOn(queueMonitor, history);
}

/** No queue of walkers waiting to go on grows beyond its bound. */
export const queueBounded: CheckedProperty = {
  name: 'queue-bounded',
  statement:
    "A servent's queue of walkers received and waiting to go on never holds more than its bound " +
    '(a walker arriving at a full queue is dropped, and the drop observed).',
  kind: 'safety',
  check: checkQueueBounded,
  monitor: queueMonitor,
};
