/**
 * What a Gnutella run cost in descriptors, read from the servents' observations (see
 * models/gnutella/servent-logic.ts): each `query`, `ping` and `route` sends its descriptor to every
 * connection in `to`, each `relay` its reply likewise, each `reply` and `push` one descriptor.
 * The enhancement variants' checks compare these counts with plain flooding in the same scenario.
 */
import type { History } from '../models/kernel/spec.ts';

/** Descriptors sent, by type (`Ping`, `Pong`, `Query`, `QueryHit`, `Push`…), and in all. */
export interface DescriptorCount {
  readonly byType: Readonly<Record<string, number>>;
  readonly total: number;
}

/** The descriptors a run sent, as its history shows them. */
export function descriptorsSent(history: History): DescriptorCount {
  const byType: Record<string, number> = {};
  const add = (type: string, k: number) => (byType[type] = (byType[type] ?? 0) + k);
  for (const o of history) {
    const to = Array.isArray(o['to']) ? o['to'].length : typeof o['to'] === 'number' ? 1 : 0;
    if (o.kind === 'query') add('Query', to);
    else if (o.kind === 'ping') add('Ping', to);
    else if (o.kind === 'push') add('Push', to);
    else if (o.kind === 'route' || o.kind === 'relay' || o.kind === 'reply') {
      add(String(o['type']), to);
    }
  }
  return { byType, total: Object.values(byType).reduce((a, b) => a + b, 0) };
}

/** The descriptors a run sent to servent `node`, as its history shows them. */
export function descriptorsTo(history: History, node: number): number {
  let n = 0;
  for (const o of history) {
    if (!['query', 'ping', 'push', 'route', 'relay', 'reply'].includes(o.kind)) continue;
    const to = o['to'];
    if (Array.isArray(to)) n += to.filter((t) => t === node).length;
    else if (to === node) n += 1;
  }
  return n;
}
