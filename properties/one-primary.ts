import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';
import { installation, membersText, startsIncarnation, type Installation } from './views.ts';

/**
 * Checks that there is one primary view at a time: every installation of a view id has the same
 * members, and a node that moves from a view to the next one keeps a majority of the view it
 * leaves (the dynamic-voting definition of a primary: two views holding a majority of the same
 * view share a member, so a partition cannot make two). A node's first view after it starts or
 * joins has no previous view to compare with. Reports the first installation that breaks either,
 * in history order.
 */
export function checkOnePrimary(history: History): Verdict {
  const first = new Map<number, Installation>();
  const current = new Map<number, Installation>();
  for (const o of history) {
    if (startsIncarnation(o)) current.delete(o.node);
    const inst = installation(o);
    if (inst === null) continue;
    const seen = first.get(inst.view);
    if (seen === undefined) first.set(inst.view, inst);
    else if (membersText(seen.members) !== membersText(inst.members)) {
      return {
        property: 'one-primary',
        message:
          `view ${inst.view} installed as ${membersText(seen.members)} by node ${seen.node} and ` +
          `as ${membersText(inst.members)} by node ${inst.node}`,
        nodes: [seen.node, inst.node],
        messages: [],
      };
    }
    const previous = current.get(inst.node);
    current.set(inst.node, inst);
    if (previous === undefined) continue;
    const kept = inst.members.filter((m) => previous.members.includes(m));
    if (2 * kept.length > previous.members.length) continue;
    return {
      property: 'one-primary',
      message:
        `node ${inst.node} moved from view ${previous.view} ${membersText(previous.members)} to ` +
        `view ${inst.view} ${membersText(inst.members)}, which keeps no majority of it`,
      nodes: [inst.node],
      messages: [],
    };
  }
  return null;
}

/** One primary: each view id has one membership, and each view keeps a majority of the last. */
export const onePrimary: CheckedProperty = {
  name: 'one-primary',
  statement:
    'Each view id is installed with one membership, and each view keeps a majority of the view ' +
    'its members leave, so there is one primary view at a time.',
  kind: 'safety',
  check: checkOnePrimary,
};
