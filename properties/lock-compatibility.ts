import type { History, CheckedProperty, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks that no lock manager ever grants a lock that conflicts with one held by another
 * transaction: shared (S) locks coexist, an exclusive (X) lock excludes every other lock. Reads
 * `grant {txn, item, mode}` and `release {txn, item}` observations, per node (each node is a lock
 * manager for the items it holds); a grant to a transaction that already holds the item is an
 * upgrade (or a repeat), checked against the other holders.
 */
export function checkLockCompatibility(history: History): Verdict {
  const held = new Map<string, Map<string, string>>();
  for (const o of history) {
    const { txn, item } = o;
    if (typeof txn !== 'string' || typeof item !== 'string') continue;
    const lock = `${o.node}|${item}`;
    if (o.kind === 'release') {
      held.get(lock)?.delete(txn);
      continue;
    }
    if (o.kind !== 'grant' || (o['mode'] !== 'S' && o['mode'] !== 'X')) continue;
    const mode = o['mode'];
    const holders = held.get(lock) ?? new Map<string, string>();
    for (const [other, otherMode] of holders) {
      if (other === txn || (mode === 'S' && otherMode === 'S')) continue;
      return {
        property: 'lock-compatibility',
        message: `node ${o.node} granted ${txn} an ${mode} lock on ${item} while ${other} held an ${otherMode} lock`,
        nodes: [o.node],
        messages: [other, txn],
      };
    }
    holders.set(txn, mode);
    held.set(lock, holders);
  }
  return null;
}

/** Lock compatibility: a lock manager never grants conflicting locks (S/S only). */
export const lockCompatibility: CheckedProperty = {
  name: 'lock-compatibility',
  statement:
    'No lock manager grants a lock conflicting with one another transaction holds (only shared locks coexist).',
  kind: 'safety',
  check: checkLockCompatibility,
};
