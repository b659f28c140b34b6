import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that no node delivers a message twice and that every delivered message was multicast
 * earlier in the history; reports whichever violation comes first. Observations without a string
 * `msg` cannot be identified and are skipped.
 */
export function checkIntegrity(history: History): Verdict {
  const multicast = new Set<string>();
  const delivered = new Map<number, Set<string>>();
  for (const o of history) {
    const msg = o.msg;
    if (typeof msg !== 'string') continue;
    if (o.kind === 'multicast') {
      multicast.add(msg);
      continue;
    }
    if (o.kind !== 'deliver') continue;
    if (!multicast.has(msg)) {
      return violation(
        o.node,
        msg,
        `node ${o.node} delivered ${msg}, which was not multicast before`,
      );
    }
    let mine = delivered.get(o.node);
    if (mine === undefined) {
      mine = new Set();
      delivered.set(o.node, mine);
    }
    if (mine.has(msg)) return violation(o.node, msg, `node ${o.node} delivered ${msg} twice`);
    mine.add(msg);
  }
  return null;
}

/** Integrity: each message is delivered at most once per node, and only after it was multicast. */
export const integrity: CheckedProperty = {
  name: 'integrity',
  statement: 'No node delivers a message twice, and only messages that were multicast before.',
  kind: 'safety',
  check: checkIntegrity,
};

function violation(node: number, msg: string, message: string): Verdict {
  return { property: 'integrity', message, nodes: [node], messages: [msg] };
}
