/**
 * Random walkers end (a liveness property; models/gnutella/walk.machine.ts), over the servents'
 * observations: `walkers {guids}` when a requester sends its walkers, `walk {guid, to}` for each
 * step, `walk-end {guid}` wherever a walker stops (a hit, its TTL spent, told to stop, no link or
 * no token left, dropped from a full queue). Histories without `walkers` (flooding) satisfy it.
 */
import type { CheckedProperty, History, PropertyContext, Verdict } from '../models/kernel/spec.ts';
import { answerOn, monitor, setWith } from './monitor.ts';

/** What walkers-end remembers: the walkers, where they went, which ended, which servents went. */
interface Walkers {
  /** Each walker's requester, by launch order. */
  readonly launched: ReadonlyMap<string, number>;
  /** The servents each walker was sent to. */
  readonly visited: ReadonlyMap<string, ReadonlySet<number>>;
  /** The walkers that ended somewhere. */
  readonly ended: ReadonlySet<string>;
  /** Servents that crashed or left at some point (one that joined again lost what it held). */
  readonly gone: ReadonlySet<number>;
}

/** Walkers-end as a monitor: the walkers and their fates; the answer reads them with the context. */
const walkersEndMonitor = monitor<Walkers, Verdict>({
  start: { launched: new Map(), visited: new Map(), ended: new Set(), gone: new Set() },
  step: (s, o) => {
    let next = s;
    if (o.kind === 'crash' || o.kind === 'leave')
      next = { ...next, gone: setWith(next.gone, o.node) };
    if (o.kind === 'walkers' && Array.isArray(o['guids']) && o['guids'].length > 0) {
      const launched = new Map(next.launched);
      for (const g of o['guids']) launched.set(String(g), o.node);
      next = { ...next, launched };
    }
    const guid = String(o['guid']);
    if (o.kind === 'walk-end') next = { ...next, ended: setWith(next.ended, guid) };
    if (o.kind === 'walk' && Array.isArray(o['to'])) {
      const had = next.visited.get(guid);
      let seen = had ?? new Set<number>();
      for (const to of o['to']) seen = setWith(seen, Number(to));
      if (seen !== had) next = { ...next, visited: new Map(next.visited).set(guid, seen) };
    }
    return next;
  },
  answer: (s, context) => {
    for (const [guid, requester] of s.launched) {
      if (s.ended.has(guid)) continue;
      const went = [requester, ...(s.visited.get(guid) ?? [])];
      if (went.some((n) => s.gone.has(n) || context.up[n] !== true)) continue;
      return {
        property: 'walkers-end',
        message: `walker ${guid} of node ${requester} never ended, and every servent it went to is up`,
        nodes: [requester],
        messages: [guid],
      };
    }
    return null;
  },
});

/**
 * Checks that every walker a search sent has ended, unless it may have been lost with a servent
 * that went: its requester, or a servent it was sent to, is down or crashed or left at some point
 * (a servent that left and joined again starts afresh). The sets read are order-free
 * (which servents a walker went to, whether it ended anywhere), so the check reads each
 * servent's observations only. Reports the first walker still owed, by launch order.
 */
export function checkWalkersEnd(history: History, context: PropertyContext): Verdict {
  return answerOn(walkersEndMonitor, history, context);
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
  monitor: walkersEndMonitor,
};
