import type { History, SometimesProperty } from '../models/kernel/spec.ts';

/**
 * Whether the history fails over: a node crashes, later some replica installs a view `w`, and
 * later still a client is answered in view `w` (`ok {view: w}`).
 */
export function failsOver(history: History): boolean {
  let crashed = false;
  const installed = new Set<number>();
  for (const o of history) {
    if (o.kind === 'crash') crashed = true;
    else if (o.kind === 'install' && crashed && typeof o['view'] === 'number') {
      installed.add(o['view']);
    } else if (o.kind === 'ok' && typeof o['view'] === 'number' && installed.has(o['view'])) {
      return true;
    }
  }
  return false;
}

/** Reachability: some run crashes a node and still answers a client in a view installed after. */
export const failOver: SometimesProperty = {
  name: 'fail-over',
  statement: 'Some run crashes a node, installs a new view, and answers a client in it.',
  kind: 'sometimes',
  // It reads the order of a crash, a view installed elsewhere and a client's answer.
  scope: 'global',
  reads: ['crash', 'install', 'ok'],
  reached: failsOver,
};
