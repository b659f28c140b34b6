import type { History, Observation, CheckedProperty, Verdict } from '../models/kernel/spec.ts';

/** An installed view as a replica reported it: which view, and the log it starts from. */
interface Install {
  readonly node: number;
  readonly view: number;
  readonly log: readonly string[];
}

/** An acknowledged request: which client saw it, in which view the server group answered. */
interface Acked {
  readonly node: number;
  readonly op: string;
  readonly view: number;
}

/**
 * Checks that no acknowledged request is missed at fail-over: an operation acknowledged to a
 * client in view v (`ok {op, view: v}`) is in the state of every replica that installs a later view
 * (`install {view: w, log}` with w > v, `log` the operation ids of the replicated log it starts
 * from: its executed prefix and what awaits commit). Either observation may come first: a reply
 * can be delivered after the next view is installed. Reports the first observation, in history
 * order, that completes a missing pair; observations without numeric views are skipped.
 */
export function checkNoMissedAction(history: History): Verdict {
  const acked: Acked[] = [];
  const installs: Install[] = [];
  for (const o of history) {
    if (typeof o['view'] !== 'number') continue;
    if (o.kind === 'ok' && typeof o['op'] === 'string') {
      const a: Acked = { node: o.node, op: o['op'], view: o['view'] };
      const missed = installs.find((i) => i.view > a.view && !i.log.includes(a.op));
      if (missed !== undefined) return violation(a, missed);
      acked.push(a);
    } else if (o.kind === 'install') {
      const i: Install = { node: o.node, view: o['view'], log: opList(o) };
      const missed = acked.find((a) => i.view > a.view && !i.log.includes(a.op));
      if (missed !== undefined) return violation(missed, i);
      installs.push(i);
    }
  }
  return null;
}

/** No missed action: an acknowledged request is in every replica's state in every later view. */
export const noMissedAction: CheckedProperty = {
  name: 'no-missed-action',
  statement:
    'A request acknowledged to a client in a view is in the state of every replica of every later view.',
  kind: 'safety',
  check: checkNoMissedAction,
};

function opList(o: Observation): string[] {
  const log = o['log'];
  return Array.isArray(log) ? log.filter((x): x is string => typeof x === 'string') : [];
}

function violation(a: Acked, i: Install): Verdict {
  return {
    property: 'no-missed-action',
    message:
      `node ${i.node} installed view ${i.view} without ${a.op}, ` +
      `acknowledged to node ${a.node} in view ${a.view}`,
    nodes: [i.node, a.node],
    messages: [a.op],
  };
}
