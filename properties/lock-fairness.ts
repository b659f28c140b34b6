import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';

/** A request seen waiting for a lock. */
interface Waiter {
  /** The waiting transaction (attempt). */
  readonly txn: string;
  /** The mode it waits for. */
  readonly mode: string;
  /** Whether it is a conversion (S to X by a holder of the S lock). */
  readonly converts: boolean;
}

/**
 * Checks that every lock manager serves its waiters in order (no waiter is bypassed), the rule
 * that keeps a waiting transaction from starving (Gray's lock queues): a lock is never granted to a
 * transaction while an earlier request that conflicts with it still waits for the same lock, except
 * that a conversion (an X grant to a holder of the S lock) goes ahead of waiters that are not
 * conversions. A request that never waited counts as arriving last. Reads the lock managers'
 * `wait {txn, item, mode}`, `grant {txn, item, mode}`, `release {txn, item}` and
 * `withdraw {txn, item}` observations, per node, and the clients' `abort {txn}` (a waiting request
 * of an aborted attempt no longer counts, and neither does a late grant to it). Livelocks where restarting readers keep overtaking an
 * earlier upgrade show up here, at the first overtaking, while they never quiesce.
 */
export function checkLockFairness(history: History): Verdict {
  const queues = new Map<string, Waiter[]>();
  const held = new Map<string, Map<string, string>>();
  const aborted = new Set<string>();
  for (const o of history) {
    const txn = o['txn'];
    if (typeof txn !== 'string') continue;
    if (o.kind === 'abort') {
      aborted.add(txn);
      for (const [lock, queue] of queues) queues.set(lock, without(queue, txn));
      continue;
    }
    const item = o['item'];
    if (typeof item !== 'string') continue;
    const lock = `${o.node}|${item}`;
    const holders = held.get(lock) ?? new Map<string, string>();
    held.set(lock, holders);
    const queue = queues.get(lock) ?? [];
    if (o.kind === 'wait' && !aborted.has(txn)) {
      const mode = String(o['mode']);
      queues.set(lock, [
        ...without(queue, txn),
        { txn, mode, converts: mode === 'X' && holders.has(txn) },
      ]);
    } else if (o.kind === 'withdraw') {
      queues.set(lock, without(queue, txn));
    } else if (o.kind === 'release') {
      holders.delete(txn);
    } else if (o.kind === 'grant') {
      const mode = String(o['mode']);
      const converts = mode === 'X' && holders.has(txn);
      const mine = queue.findIndex((w) => w.txn === txn);
      // A grant to an attempt its client already aborted is not checked: its request was queued
      // before the abort, and its place is forgotten (the server learns of the abort later).
      const bypassed = queue.find((w, k) => {
        if (aborted.has(txn)) return false;
        if (w.txn === txn || (w.mode !== 'X' && mode !== 'X')) return false;
        if (w.converts !== converts) return w.converts;
        return mine < 0 || k < mine;
      });
      if (bypassed !== undefined) {
        return {
          property: 'lock-fairness',
          message:
            `node ${o.node} granted ${txn} an ${mode} lock on ${item} ahead of ${bypassed.txn}, ` +
            `which waited earlier for an ${bypassed.mode} lock (waiters bypassed: one can starve)`,
          nodes: [o.node],
          messages: [bypassed.txn, txn],
        };
      }
      holders.set(txn, mode);
      queues.set(lock, without(queue, txn));
    }
  }
  return null;
}

/** The queue without `txn`'s request. */
function without(queue: readonly Waiter[], txn: string): Waiter[] {
  return queue.filter((w) => w.txn !== txn);
}

/** Lock fairness: waiters are served in order, conversions first; nobody overtakes a waiter. */
export const lockFairness: CheckedProperty = {
  name: 'lock-fairness',
  statement:
    'No lock manager grants a lock while an earlier conflicting request waits for it (conversions ' +
    'go first), so no waiting transaction starves behind a stream of newcomers.',
  kind: 'safety',
  check: checkLockFairness,
};
