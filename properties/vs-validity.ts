import type { CheckedProperty, History, PropertyContext, Verdict } from '../models/kernel/spec.ts';
import {
  currentIncarnation,
  installed,
  moved,
  readGroupHistory,
  type GroupHistory,
} from './vs-history.ts';

/**
 * Checks validity and self-delivery in a primary-partition group with a sequencer per view, at
 * quiescence (histories as `readGroupHistory` reads them).
 *
 * The primary view at the end is the highest view anyone installed. A node *stays* if it is up at
 * the end and its current incarnation's last view is that one, in which it is still sending: it
 * never crashed, left or was excluded while the run lasted (an excluded or partitioned-off member
 * keeps an older view; a node that left and joined again is a new incarnation, whose multicasts
 * count from its join), and it is not stuck in a view change of the last view that never ended
 * (that is the view change's termination property's business, or, among members that suspect
 * each other, no failure of the protocol).
 *
 * A multicast of a staying node p is *sent in* view s: p's view when it multicast, or, if p had
 * stopped sending (a `flush` of that view came first, or it was still joining), the next view p
 * installed. It must be delivered by p and by every node that goes through s with p: every
 * staying node that installed s, and every node that moved from s to the view after it, as p did.
 * One exception, the model's documented loss: the sequencer of s (its lowest member) numbers the
 * message, so if it does not go through s with p (it does not move to p's next view in the same
 * incarnation, or, when s is the last view, it does not stay), nobody left knows where it put the
 * message and the flush may drop it. A multicast held back in a flush that never ended is left to
 * the view change's termination property.
 *
 * Reports the first such multicast (per sender in index order, then in multicast order) and the
 * lowest-indexed node that should have delivered it and did not.
 */
export function checkVsValidity(history: History, context: PropertyContext): Verdict {
  const g = readGroupHistory(history);
  if (g.latest < 0) return null;
  for (let p = 0; p < context.nodes; p++) {
    if (!stays(g, context, p)) continue;
    const inc = currentIncarnation(g, p)!;
    for (const { msg, sentIn: s } of inc.multicasts) {
      if (s === undefined || !sequencerStays(g, context, p, s)) continue;
      const got = g.deliverers.get(msg);
      for (const r of [p, ...range(context.nodes).filter((k) => k !== p)]) {
        if (got?.has(r) === true || !goesThrough(g, context, r, s)) continue;
        const who = r === p ? 'it never delivered it' : `node ${r}, with it in view ${s}, did not`;
        return {
          property: 'vs-validity',
          message:
            `node ${p} multicast ${msg} in view ${s} and stays in the primary view ` +
            `(view ${g.latest}), but ${who}`,
          nodes: r === p ? [p] : [p, r],
          messages: [msg],
        };
      }
    }
  }
  return null;
}

/**
 * Whether `node` is up at the end and its current incarnation is in the latest view, sending
 * there (not stopped by a flush of it that never ended).
 */
function stays(g: GroupHistory, context: PropertyContext, node: number): boolean {
  const inc = currentIncarnation(g, node);
  return context.up[node] === true && inc?.views.at(-1) === g.latest && !inc.flushed.has(g.latest);
}

/** Whether `node` goes through view `s` as a staying node would: it moved on from it, or stays in it. */
function goesThrough(g: GroupHistory, context: PropertyContext, node: number, s: number): boolean {
  if (s === g.latest) return stays(g, context, node);
  return moved(g, node, s, s + 1) || (stays(g, context, node) && installed(g, node, s));
}

/** Whether the sequencer of view `s` goes through it with the staying node `p`. */
function sequencerStays(g: GroupHistory, context: PropertyContext, p: number, s: number): boolean {
  const members = g.members.get(s);
  if (members === undefined || members.length === 0) return false;
  const sequencer = Math.min(...members);
  if (s === g.latest) return stays(g, context, sequencer);
  return moved(g, p, s, s + 1) && moved(g, sequencer, s, s + 1);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}

/** Validity and self-delivery: what a member staying in the primary view multicasts is delivered. */
export const vsValidity: CheckedProperty = {
  name: 'vs-validity',
  statement:
    'A message multicast by a member that stays in the primary view is delivered by it and by ' +
    'every member that goes through the view it was sent in with it, unless that view’s ' +
    'sequencer does not.',
  kind: 'quiescence',
  check: checkVsValidity,
};
