/**
 * Random walkers end (a liveness property; models/gnutella/walk.machine.ts), over the servents'
 * observations: `walkers {guids}` when a requester sends its walkers, `walk {guid, to}` for each
 * step, `walk-end {guid}` wherever a walker stops (a hit, its TTL spent, told to stop, no link or
 * no token left, dropped from a full queue). Histories without `walkers` (flooding) satisfy it.
 */
import type { CheckedProperty, History, PropertyContext, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that every walker a search sent has ended, unless it may have been lost with a servent
 * that went: its requester, or a servent it was sent to, is down or crashed or left at some point
 * (a servent that left and joined again starts afresh). The sets read are order-free
 * (which servents a walker went to, whether it ended anywhere), so the check reads each
 * servent's observations only. Reports the first walker still owed, by launch order.
 */
export function checkWalkersEnd(history: History, context: PropertyContext): Verdict {
  const launched = new Map<string, number>();
  const visited = new Map<string, Set<number>>();
  const ended = new Set<string>();
  /** Servents that crashed or left at some point (one that joined again lost what it held). */
  const gone = new Set<number>();
  for (const o of history) {
    if (o.kind === 'crash' || o.kind === 'leave') gone.add(o.node);
    if (o.kind === 'walkers' && Array.isArray(o['guids'])) {
      for (const g of o['guids']) launched.set(String(g), o.node);
    }
    const guid = String(o['guid']);
    if (o.kind === 'walk-end') ended.add(guid);
    if (o.kind === 'walk' && Array.isArray(o['to'])) {
      const seen = visited.get(guid) ?? new Set<number>();
      for (const to of o['to']) seen.add(Number(to));
      visited.set(guid, seen);
    }
  }
  for (const [guid, requester] of launched) {
    if (ended.has(guid)) continue;
    const went = [requester, ...(visited.get(guid) ?? [])];
    if (went.some((n) => gone.has(n) || context.up[n] !== true)) continue;
    return {
      property: 'walkers-end',
      message: `walker ${guid} of node ${requester} never ended, and every servent it went to is up`,
      nodes: [requester],
      messages: [guid],
    };
  }
  return null;
}

/**
 * Every walker ends: at quiescence, and as a liveness (leads-to) property on every fair cycle
 * (`walkers ~> walk-end`). A crash or leave never lies on a cycle, so the servents up there stay up.
 */
export const walkersEnd: CheckedProperty = {
  name: 'walkers-end',
  statement:
    'Every walker a search sends eventually ends (a hit, its TTL spent, told to stop, no link or ' +
    'token left, or dropped from a full queue), unless its requester or a servent it went to ' +
    'crashed or left.',
  kind: 'quiescence',
  liveness: true,
  check: checkWalkersEnd,
};
