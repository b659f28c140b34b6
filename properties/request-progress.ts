import type { CheckedProperty, History, PropertyContext, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that every request made (`invoke {req}`) has been answered (`answer {req}`), unless the
 * node that made it is down or one of the `essential` nodes is (a single point of failure whose
 * crash leaves requests unanswerable). Names the first request still owed; observations without a
 * string `req` are skipped. Meaningful before quiescence too: what it names is owed.
 */
export function checkRequestProgress(
  history: History,
  context: PropertyContext,
  essential: readonly number[] = [],
): Verdict {
  if (essential.some((node) => context.up[node] === false)) return null;
  const answered = new Set<string>();
  for (const o of history) {
    if (o.kind === 'answer' && typeof o['req'] === 'string') answered.add(o['req']);
  }
  for (const o of history) {
    const req = o['req'];
    if (o.kind !== 'invoke' || typeof req !== 'string' || answered.has(req)) continue;
    if (context.up[o.node] !== true) continue;
    return {
      property: 'request-progress',
      message: `${req}, made by node ${o.node}, is never answered`,
      nodes: [o.node],
      messages: [req],
    };
  }
  return null;
}

/**
 * Every request of a live client is eventually answered (`invoke {req} ~> answer {req}`): at
 * quiescence, and as a liveness (leads-to) property on every fair cycle, where a diffuser that
 * re-dispatches forever without an answer is caught. `essential` are the nodes whose crash
 * excuses it (a server group's single diffuser). A crash never lies on a cycle, so a node up
 * there stays up.
 */
export function requestProgress(essential: readonly number[]): CheckedProperty {
  return {
    name: 'request-progress',
    statement:
      'Every request a live client makes is eventually answered, on every fair run, also one ' +
      'that never quiesces (unless an essential node, such as the diffuser, crashed).',
    kind: 'quiescence',
    liveness: true,
    check: (history, context) => checkRequestProgress(history, context, essential),
  };
}
