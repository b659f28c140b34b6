import type { CheckedProperty, History, Observation, Verdict } from '../models/kernel/spec.ts';

/** What begins a peer's request, and what ends one (one request at a time per peer). */
const BEGINS = new Set(['login', 'logout', 'search', 'get']);
const ENDS = new Set(['loggedIn', 'loggedOut', 'found', 'failed', 'got', 'getFailed']);

/**
 * Checks that every request a peer began (`login`, `logout`, `search`, `get`) has ended (`loggedIn`,
 * `loggedOut`, `found`, `failed`, `got`, `getFailed`), unless the peer is down at the end; a crash
 * abandons the request in hand (a recovered peer starts afresh). Peers have one request at a time,
 * so the owed one is the last begun. Reports the first peer that still owes one.
 */
export function checkRequestsEnd(history: History, context: { up: readonly boolean[] }): Verdict {
  const open = new Map<number, Observation>();
  for (const o of history) {
    if (BEGINS.has(o.kind)) open.set(o.node, o);
    else if (ENDS.has(o.kind) || o.kind === 'crash') open.delete(o.node);
  }
  for (const [node, o] of [...open].sort((a, b) => a[0] - b[0])) {
    if (context.up[node] !== true) continue;
    const what =
      typeof o['q'] === 'string' ? `${o.kind} ${o['q']}` : `${o.kind} ${String(o['file'])}`;
    return {
      property: 'requests-end',
      message: `node ${node}'s ${what} never ended`,
      nodes: [node],
      messages: [],
    };
  }
  return null;
}

/**
 * Every request of a live peer ends (`begin ~> end`: answered, failed or refused), at quiescence and
 * as a liveness (leads-to) property on every fair cycle: a peer never waits forever, whatever the
 * index does.
 */
export const requestsEnd: CheckedProperty = {
  name: 'requests-end',
  statement:
    'Every login, logout, search and download of a peer that stays up eventually ends (answered, failed or refused).',
  kind: 'quiescence',
  liveness: true,
  check: checkRequestsEnd,
};
