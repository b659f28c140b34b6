import type { History, SometimesProperty } from '../models/kernel/spec.ts';
import { logicalTxn } from './transaction-progress.ts';

/** Whether some transaction, aborted by deadlock handling (die, wounded, deadlock), later committed. */
export function restartedAndCommitted(history: History): boolean {
  const killed = new Set<string>();
  for (const o of history) {
    const txn = o['txn'];
    if (typeof txn !== 'string') continue;
    if (o.kind === 'abort' && o['reason'] !== 'rollback') killed.add(logicalTxn(txn));
    else if (o.kind === 'commit' && killed.has(logicalTxn(txn))) return true;
  }
  return false;
}

/** Reachability: deadlock handling does abort a transaction, which restarts and commits. */
export const restartCommits: SometimesProperty = {
  name: 'restart-commits',
  statement:
    'Some run aborts a transaction to prevent or break a deadlock, and the restarted transaction commits.',
  kind: 'sometimes',
  reached: restartedAndCommitted,
};
