/**
 * Query-hit caching (the seed: "query-hit caching for suppression of query propagation - trades
 * stale view for improved bandwidth efficiency - how to discover new nodes?"), over a servent's own
 * observations (see models/gnutella/hit-cache.machine.ts): `cache {maxAge}` when it starts (its
 * bound, in ticks of its clock), `tick` when its clock advances, `hit-cached {key, servent}` when
 * it caches a QueryHit, `unlink {peer}` when a neighbour closes its connection, and its answers
 * from the cache: `cached-hit {key, servent}` (a repeat of its own search) and `reply {type:
 * 'QueryHit', key, servent, cached: true}` (another servent's Query). Histories without `cache` (plain flooding) satisfy it.
 *
 * How new servents are discovered: a cached answer is at most the bound old, so once it expires a
 * search floods again, and a flood that no cache answered finds every copy within its horizon,
 * servents that joined since included (`horizon-discovery`, which waives the floods a cache cut
 * short).
 */
import type { CheckedProperty, History, Observation, Verdict } from '../models/kernel/spec.ts';
import { answerOn, untilViolation, violated } from './monitor.ts';
import { endsIncarnation, NodeMemory } from './node-memory.ts';
import { cacheClock } from './pong-caching.ts';

/** The `[key, servent]` an observation answers from the cache, or null if it is no such answer. */
function served(o: Observation): readonly [string, unknown] | null {
  if (o.kind === 'cached-hit') return [String(o['key']), o['servent']];
  if (o.kind !== 'reply' || o['cached'] !== true || o['type'] !== 'QueryHit') return null;
  return [String(o['key']), o['servent']];
}

/**
 * Hit freshness as a monitor: per servent its clock (`ticks`), its bound, when it cached each hit
 * and when each neighbour closed its connection, up to the first violation.
 */
const hitFreshMonitor = untilViolation(NodeMemory.empty<number>(), (memory, o) => {
  if (endsIncarnation(o)) return memory.after(o);
  let m = cacheClock(memory, o);
  const ticks = m.get(o.node, 'ticks') ?? 0;
  if (o.kind === 'hit-cached') {
    m = m.set(o.node, `hit/${String(o['key'])}/${String(o['servent'])}`, ticks);
    m = m.delete(o.node, `left/${String(o['servent'])}`);
  }
  if (o.kind === 'unlink') m = m.set(o.node, `left/${String(o['peer'])}`, ticks);
  const answer = served(o);
  const bound = m.get(o.node, 'bound');
  if (answer === null || bound === undefined) return m;
  const [key, servent] = answer;
  const got = m.get(o.node, `hit/${key}/${String(servent)}`);
  const why =
    m.get(o.node, `left/${String(servent)}`) !== undefined
      ? `a hit for ${key} naming servent ${String(servent)}, which closed its connection to it since`
      : got === undefined
        ? `a hit for ${key} naming servent ${String(servent)} it never cached`
        : ticks - got > bound
          ? `a hit for ${key} naming servent ${String(servent)} cached ${ticks - got} ticks ago (bound ${bound})`
          : null;
  if (why === null) return m;
  return violated({
    property: 'hit-fresh',
    message: `node ${o.node} answered from its cache with ${why}`,
    nodes: [o.node],
    messages: [String(o['guid'] ?? o['search'] ?? key)],
  });
});

/**
 * Checks bounded staleness of cached QueryHits: each answer from a servent's cache naming responder
 * `servent` for `key` comes at most `maxAge` ticks of the servent's clock after it last cached
 * that hit, and not after `servent` closed its connection to it (it is known to have left) since
 * then (a crash or a leave empties the cache).
 */
export function checkHitFresh(history: History): Verdict {
  return answerOn(hitFreshMonitor, history);
}

/** Cached QueryHits are never older than their bound, nor name a servent known to have left. */
export const hitFresh: CheckedProperty = {
  name: 'hit-fresh',
  statement:
    'A servent answers from its query-hit cache only with hits it cached at most its bound of ' +
    'ticks ago, and never with a hit naming a neighbour that closed its connection since.',
  kind: 'safety',
  check: checkHitFresh,
  monitor: hitFreshMonitor,
};
