import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';

/**
 * Checks the locking rule on the data operations themselves, not only on the grants: every read a
 * data manager serves is made while the reading transaction holds a shared (S) or exclusive (X)
 * lock on the item at that node, and every write while it holds an exclusive one (a holder of a
 * shared lock must upgrade first). Reads, per node, the lock managers' `grant {txn, item, mode}`
 * (an upgrade replaces the mode) and `release {txn, item}`, and the data managers' `fetch {txn,
 * item}` (a read served) and `install {txn, item}` (a write made). Lock-compatibility checks that
 * grants never conflict; this checks that no operation goes around them (a read served without a
 * lock, a write under a shared lock because the upgrade was skipped, a write after the lock went).
 */
export function checkLockedOperations(history: History): Verdict {
  const held = new Map<string, string>();
  for (const o of history) {
    const { txn, item } = o;
    if (typeof txn !== 'string' || typeof item !== 'string') continue;
    const key = `${o.node}|${item}|${txn}`;
    if (o.kind === 'grant' && (o['mode'] === 'S' || o['mode'] === 'X')) {
      if (held.get(key) !== 'X') held.set(key, o['mode']);
    } else if (o.kind === 'release') {
      held.delete(key);
    } else if (o.kind === 'fetch' || o.kind === 'install') {
      const mode = held.get(key);
      const write = o.kind === 'install';
      if (mode === 'X' || (!write && mode === 'S')) continue;
      const needs = write ? 'an exclusive lock' : 'a shared or exclusive lock';
      const has = mode === undefined ? 'no lock' : 'only a shared lock';
      return {
        property: 'locked-operations',
        message: `node ${o.node} ${write ? 'wrote' : 'read'} ${item} for ${txn} while it held ${has} on it there (a ${write ? 'write' : 'read'} needs ${needs})`,
        nodes: [o.node],
        messages: [txn],
      };
    }
  }
  return null;
}

/** Locked operations: every read under a shared or exclusive lock, every write under an exclusive one. */
export const lockedOperations: CheckedProperty = {
  name: 'locked-operations',
  statement:
    'Every read a data manager serves is made while its transaction holds a shared or exclusive ' +
    'lock on the item there, and every write while it holds an exclusive lock.',
  kind: 'safety',
  check: checkLockedOperations,
};
