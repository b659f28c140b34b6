import type {
  CheckedProperty,
  History,
  PropertyContext,
  SometimesProperty,
  Verdict,
} from '../models/kernel/spec.ts';
import { installation, membersText, startsIncarnation } from './views.ts';
import { installed, readGroupHistory, type GroupHistory, type Incarnation } from './vs-history.ts';

/** Whether some node delivered a message in a view and then installed a later view. */
export function deliveredThenMovedOn(history: History): boolean {
  // Per node, the earliest view it delivered in: any later view then witnesses a view change.
  const deliveredIn = new Map<number, number>();
  for (const o of history) {
    if (startsIncarnation(o)) deliveredIn.delete(o.node);
    if (o.kind === 'deliver' && typeof o['view'] === 'number') {
      deliveredIn.set(o.node, Math.min(deliveredIn.get(o.node) ?? Infinity, o['view']));
      continue;
    }
    const inst = installation(o);
    const last = deliveredIn.get(o.node);
    if (inst !== null && last !== undefined && inst.view > last) return true;
  }
  return false;
}

/** Reachability: some view change completes after messages were delivered in the old view. */
export const viewChange: SometimesProperty = {
  name: 'view-change',
  statement: 'Some member delivers a message in a view and then installs the next view.',
  kind: 'sometimes',
  reached: deliveredThenMovedOn,
};

/**
 * Checks, at quiescence, that every view change that started ends (histories as
 * `readGroupHistory` reads them). A view change of view v has started once a member observed
 * `{ kind: 'flush', view: v }` (it stopped sending in v). It must have ended, some node
 * installing view v+1, when enough members of v stay: more than half of them are up at the end,
 * with the incarnation that installed v (none crashed or left), one of them stopped sending in v
 * (a flush only a member that then crashed knew of is no view change anyone waits for), and none
 * of them suspected another in v or before (Ricciardi & Birman's condition for progress: a
 * majority of live, mutually trusting members; a suspicion is never withdrawn, so two live
 * members that suspect each other may block for good). Then every node view v+1 lists that is up
 * at the end installed it too (a node that left and came back is a new incarnation, exempt).
 * Members that the next view leaves out may stay behind: a primary-partition group excludes them.
 * Reports the lowest view whose change did not end.
 */
export function checkViewChangeTermination(history: History, context: PropertyContext): Verdict {
  const g = readGroupHistory(history);
  for (const [v, members] of [...g.members].sort((a, b) => a[0] - b[0])) {
    const live = members.filter(
      (m) => context.up[m] === true && incarnationIn(g, m, v)?.ended === false,
    );
    if (2 * live.length <= members.length || distrust(g, live, v)) continue;
    if (!live.some((m) => incarnationIn(g, m, v)!.flushed.has(v))) continue;
    const next = g.members.get(v + 1);
    if (next === undefined) {
      return {
        property: 'view-change-termination',
        message:
          `the view change of view ${v} started and members ${membersText(live)} of ` +
          `${membersText(members)} stay up, but no view ${v + 1} was installed`,
        nodes: live,
        messages: [],
      };
    }
    const missing = next.find(
      (k) => context.up[k] === true && !installed(g, k, v + 1) && !cameBack(g, k),
    );
    if (missing === undefined) continue;
    return {
      property: 'view-change-termination',
      message:
        `view ${v + 1} ${membersText(next)} followed view ${v} but node ${missing}, ` +
        'which is up, never installed it',
      nodes: [missing],
      messages: [],
    };
  }
  return null;
}

/** The incarnation of `node` that installed `view`, if any. */
function incarnationIn(g: GroupHistory, node: number, view: number): Incarnation | undefined {
  return (g.incarnations.get(node) ?? []).find((i) => i.views.includes(view));
}

/** Whether `node` left once and came back (an earlier incarnation of it ended). */
function cameBack(g: GroupHistory, node: number): boolean {
  return (g.incarnations.get(node) ?? []).slice(0, -1).some((i) => i.ended);
}

/**
 * Whether one of `live` suspected another in view `v` or before it, in the incarnation that
 * installed `v` (a suspicion is never withdrawn: it carries over to the next views).
 */
function distrust(g: GroupHistory, live: readonly number[], v: number): boolean {
  return live.some((m) => {
    const inc = incarnationIn(g, m, v);
    if (inc === undefined) return false;
    for (const [view, suspected] of inc.suspected)
      if (view <= v && live.some((k) => suspected.has(k))) return true;
    return false;
  });
}

/**
 * Termination of the view change: once a flush starts and a majority stays up, a view follows. A
 * liveness (leads-to) property too: a view change stays unfinished on no fair cycle (crashes,
 * leaves and suspicions are faults, which never lie on a cycle, so who stays up and trusted there
 * stays so).
 */
export const viewChangeTermination: CheckedProperty = {
  name: 'view-change-termination',
  statement:
    'Once a view change starts and a majority of the view stays up, the next view is installed ' +
    'by every member of it that is up.',
  kind: 'quiescence',
  liveness: true,
  check: checkViewChangeTermination,
};
