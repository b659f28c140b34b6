import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';
import { installation, membersText, startsIncarnation, type Installation } from './views.ts';

/**
 * Checks that members install the same views in the same order: each node installs only views it
 * is a member of, in increasing id order; every installation of a view id has the same members;
 * and nodes that leave the same view all move to the same next view. A node that joins or recovers
 * starts a new incarnation, whose views are read afresh. Reports the first installation that
 * breaks one of these, in history order (checking them in the order listed).
 */
export function checkViewAgreement(history: History): Verdict {
  const first = new Map<number, Installation>();
  const current = new Map<number, Installation>();
  const successor = new Map<number, Installation>();
  for (const o of history) {
    if (startsIncarnation(o)) current.delete(o.node);
    const inst = installation(o);
    if (inst === null) continue;
    const { node, view } = inst;
    if (!inst.members.includes(node)) {
      return violation(
        [node],
        `node ${node} installed view ${view} ${membersText(inst.members)} without being in it`,
      );
    }
    const previous = current.get(node);
    current.set(node, inst);
    if (previous !== undefined && view <= previous.view) {
      return violation([node], `node ${node} installed view ${view} after view ${previous.view}`);
    }
    const seen = first.get(view);
    if (seen === undefined) first.set(view, inst);
    else if (membersText(seen.members) !== membersText(inst.members)) {
      return violation(
        [seen.node, node],
        `view ${view} installed as ${membersText(seen.members)} by node ${seen.node} and as ` +
          `${membersText(inst.members)} by node ${node}`,
      );
    }
    if (previous === undefined) continue;
    const next = successor.get(previous.view);
    if (next === undefined) successor.set(previous.view, inst);
    else if (next.view !== view) {
      return violation(
        [next.node, node],
        `node ${next.node} moved from view ${previous.view} to view ${next.view}, node ${node} ` +
          `to view ${view}`,
      );
    }
  }
  return null;
}

/** View agreement: members install the same views, with the same members, in the same order. */
export const viewAgreement: CheckedProperty = {
  name: 'view-agreement',
  statement:
    'Members install the same views in the same order: views that include them, in increasing ' +
    'id order, each id with one membership, and the same next view after each view.',
  kind: 'safety',
  check: checkViewAgreement,
};

function violation(nodes: number[], message: string): Verdict {
  return { property: 'view-agreement', message, nodes, messages: [] };
}
