/**
 * Pong caching (the seed: "pong caching for suppression of ping propagation trades stale view of
 * overlay for improved bandwidth efficiency"), over a servent's own observations (see
 * models/gnutella/pong-cache.machine.ts): `cache {maxAge}` when it starts (its bound, in ticks of
 * its clock), `tick` when its clock advances, `pong-cached {host}` when it stores a Pong of
 * `host`, and its answers from the cache: `cached-pong {host}` (a repeat of its own host
 * discovery) and `reply {servent: host, cached: true}` (another servent's Ping). Histories
 * without `cache` (plain flooding) satisfy it.
 */
import type { CheckedProperty, History, Observation, Verdict } from '../models/kernel/spec.ts';
import { answerOn, untilViolation, violated } from './monitor.ts';
import { endsIncarnation, NodeMemory } from './node-memory.ts';

/**
 * A caching servent's memory after `o`, as far as its clock goes: `bound` set by `cache {maxAge}`,
 * `ticks` advanced by `tick`. Pong and hit freshness share it.
 */
export function cacheClock(memory: NodeMemory<number>, o: Observation): NodeMemory<number> {
  if (o.kind === 'cache' && typeof o['maxAge'] === 'number') {
    return memory.set(o.node, 'bound', o['maxAge']);
  }
  if (o.kind === 'tick') return memory.set(o.node, 'ticks', (memory.get(o.node, 'ticks') ?? 0) + 1);
  return memory;
}

/** The host an observation answers from the cache, or undefined if it is no such answer. */
function servedHost(kind: string, o: History[number]): unknown {
  if (kind === 'cached-pong') return o['host'];
  if (kind === 'reply' && o['cached'] === true && o['type'] === 'Pong') return o['servent'];
  return undefined;
}

/**
 * Pong freshness as a monitor: per servent its clock (`ticks`), its bound and when it cached a Pong
 * of each host, up to the first violation.
 */
const pongFreshMonitor = untilViolation(NodeMemory.empty<number>(), (memory, o) => {
  if (endsIncarnation(o)) return memory.after(o);
  let m = cacheClock(memory, o);
  const ticks = m.get(o.node, 'ticks') ?? 0;
  if (o.kind === 'pong-cached') m = m.set(o.node, `host/${String(o['host'])}`, ticks);
  const host = servedHost(o.kind, o);
  const bound = m.get(o.node, 'bound');
  if (host === undefined || bound === undefined) return m;
  const got = m.get(o.node, `host/${String(host)}`);
  const why =
    got === undefined
      ? `a Pong of host ${String(host)} it never cached`
      : ticks - got > bound
        ? `a Pong of host ${String(host)} cached ${ticks - got} ticks ago (bound ${bound})`
        : null;
  if (why === null) return m;
  return violated({
    property: 'pong-fresh',
    message: `node ${o.node} answered from its cache with ${why}`,
    nodes: [o.node],
    messages: [String(o['guid'] ?? `host ${String(host)}`)],
  });
});

/**
 * Checks that no Pong answered from a cache is older than the bound: each answer naming `host`
 * comes at most `maxAge` ticks of the answering servent's clock after it last cached a Pong of
 * `host` (a crash or a leave empties the cache).
 */
export function checkPongFresh(history: History): Verdict {
  return answerOn(pongFreshMonitor, history);
}

/** No Pong answered from a cache is older than its bound. */
export const pongFresh: CheckedProperty = {
  name: 'pong-fresh',
  statement:
    'A servent answers from its pong cache only with Pongs it cached at most its bound of ticks ' +
    'ago (an expired entry is never served).',
  kind: 'safety',
  check: checkPongFresh,
  monitor: pongFreshMonitor,
};
