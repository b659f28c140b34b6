/**
 * k random walkers (Lv, Cao, Cohen, Li, Shenker, ICS 2002, section 4.2; the seed: "random walk -
 * trades response time for bandwidth efficiency"), over the servents' observations (see
 * models/gnutella/walk.machine.ts): `walkers {search, ttl, checkEvery, guids}` when a requester
 * sends its walkers, `walk {guid, ttl, hops, to}` for each step of a walker (the TTL and Hops it is
 * sent with), `hit {guid}` when a QueryHit reaches the requester, `check` and `answer` for a
 * check-back. Histories without `walkers` (flooding) satisfy the property.
 */
import type { CheckedProperty, History, Verdict, Violation } from '../models/kernel/spec.ts';
import { descriptorsSent } from './gnutella-cost.ts';
import { answerOn, untilViolation, violated } from './monitor.ts';
import { endsIncarnation, forgetIn, NodeMemory } from './node-memory.ts';

/** What walker-stops remembers per servent. */
interface Walks {
  /** Per servent and walker GUID: "stop" or "go" (the last answer not yet used by a step). */
  readonly answered: NodeMemory<boolean>;
  /** Per requester: each walker GUID's search. */
  readonly searchOf: NodeMemory<string>;
  /** Per requester: the searches that had a hit. */
  readonly found: NodeMemory<true>;
}

/** The walker-stops violation of `node` sending walker `guid` on, because of `why`. */
const walkedOn = (node: number, guid: string, why: string): Violation => ({
  property: 'walker-stops',
  message: `node ${node} sent walker ${guid} on ${why}`,
  nodes: [node],
  messages: [guid],
});

/** Walker-stops as a monitor: each servent's walks, up to the first violation. */
const walkerStopsMonitor = untilViolation<Walks>(
  { answered: NodeMemory.empty(), searchOf: NodeMemory.empty(), found: NodeMemory.empty() },
  (s, o) => {
    if (endsIncarnation(o)) return forgetIn(s, o);
    let { answered, searchOf, found } = s;
    if (o.kind === 'walkers' && Array.isArray(o['guids'])) {
      for (const g of o['guids']) searchOf = searchOf.set(o.node, String(g), String(o['search']));
    }
    const guid = String(o['guid']);
    const search = searchOf.get(o.node, guid);
    if (o.kind === 'hit' && search !== undefined) found = found.set(o.node, search, true);
    const done = search !== undefined && found.get(o.node, search) === true;
    if (o.kind === 'answered') answered = answered.set(o.node, guid, o['go'] === true);
    const next = (): Walks =>
      answered === s.answered && searchOf === s.searchOf && found === s.found
        ? s
        : { answered, searchOf, found };
    if (o.kind === 'answer' && o['go'] === true && done) {
      return violated({
        property: 'walker-stops',
        message: `node ${o.node} told walker ${guid} to go on after search ${search} had its hit`,
        nodes: [o.node],
        messages: [guid],
      });
    }
    if (o.kind !== 'walk') return next();
    const ttl = Number(o['ttl']);
    const hops = Number(o['hops']);
    const every = Number(o['checkEvery']);
    const answer = answered.get(o.node, guid);
    if (ttl < 1) return violated(walkedOn(o.node, guid, `with TTL ${ttl}: beyond its steps`));
    if (answer === false) {
      return violated(walkedOn(o.node, guid, 'after its requester answered stop'));
    }
    if (done) return violated(walkedOn(o.node, guid, `after search ${search} had its hit`));
    if (search === undefined && hops > 0 && hops % every === 0) {
      if (answer !== true) {
        return violated(
          walkedOn(o.node, guid, `at Hops ${hops} without checking back (every ${every})`),
        );
      }
      answered = answered.delete(o.node, guid);
    }
    return next();
  },
);

/**
 * Checks that walkers terminate, on each servent's own observations (so it composes: see below):
 * 1. every step is sent with TTL ≥ 1 (TTL falls by one a step: a walker takes at most its TTL);
 * 2. a servent whose check-back was answered "stop" sends that walker on no more;
 * 3. a requester, once a hit for a search reached it, answers "stop" to its walkers' check-backs
 *    and sends none of them on;
 * 4. a step sent with Hops a multiple of the check-back interval follows a "go" answer to a
 *    check-back at that servent (a walker checks back every `checkEvery` steps).
 * Together: after a search's first hit a walker takes at most `checkEvery` more steps (its next
 * check-back gets "stop"), the global statement, checked without reading the order across servents.
 */
export function checkWalkerStops(history: History): Verdict {
  return answerOn(walkerStopsMonitor, history);
}

/** Walkers terminate: within their TTL, and within a check-back interval of the first hit. */
export const walkerStops: CheckedProperty = {
  name: 'walker-stops',
  statement:
    'A random walker takes at most its TTL in steps, checks back with its requester every ' +
    'check-back interval and stops when told; a requester with a hit says stop: no walker takes ' +
    'more than the interval in steps after the hit.',
  kind: 'safety',
  check: checkWalkerStops,
  monitor: walkerStopsMonitor,
};

/**
 * The messages a run sent, walkers included: the descriptors `descriptorsSent` counts (Queries
 * flooded, replies, Pongs, Pushes), each walker step, and each check-back and its answer.
 */
export function walkMessages(history: History): number {
  let n = descriptorsSent(history).total;
  for (const o of history) {
    if (o.kind === 'walk') n += Array.isArray(o['to']) ? o['to'].length : 1;
    if (o.kind === 'check' || o.kind === 'answer') n += 1;
  }
  return n;
}
