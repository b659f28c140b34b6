import type { CheckedProperty, History, Verdict } from '../models/kernel/spec.ts';
import { observedDeadlock } from './wait-for-graph.ts';

/** The transaction an attempt belongs to: `t0#2` is the second attempt of `t0`. */
export function logicalTxn(attempt: string): string {
  const at = attempt.indexOf('#');
  return at < 0 ? attempt : attempt.slice(0, at);
}

/**
 * Checks, once the system is quiet, that every submitted transaction ended: some attempt of it
 * committed or was rolled back by its client, and no attempt is left running. If some are left,
 * names the wait-for cycle that holds them, rebuilt from the lock managers' `wait`, `grant` and
 * `release` observations (see wait-for-graph.ts). Reads the clients' `submit`, `begin`, `commit` and `abort {txn, reason}` observations.
 */
export function checkTransactionProgress(history: History): Verdict {
  const submitted = new Map<string, number>();
  const ended = new Set<string>();
  const running = new Map<string, number>();
  for (const o of history) {
    const txn = o['txn'];
    if (typeof txn !== 'string') continue;
    if (o.kind === 'submit') submitted.set(txn, o.node);
    else if (o.kind === 'begin') running.set(txn, o.node);
    else if (o.kind === 'commit' || o.kind === 'abort') {
      running.delete(txn);
      // An attempt killed by deadlock handling restarts; a commit or a rollback ends the transaction.
      if (o.kind === 'commit' || o['reason'] === 'rollback') ended.add(logicalTxn(txn));
    }
  }
  const unfinished = [...submitted.keys()].filter((t) => !ended.has(t)).sort();
  if (unfinished.length === 0) return null;
  const stuck = [...running.keys()].sort();
  const nodes = [...new Set(unfinished.map((t) => submitted.get(t)!))].sort((a, b) => a - b);
  const cycle = observedDeadlock(history, stuck);
  const what =
    cycle !== null
      ? `deadlock: ${cycle.map((t) => `${t} waits for`).join(' ')} ${cycle[0]}`
      : stuck.length > 0
        ? `${stuck.join(', ')} still running`
        : 'nothing running';
  return {
    property: 'transaction-progress',
    message: `${unfinished.join(', ')} never ended (${what})`,
    nodes,
    messages: cycle ?? unfinished,
  };
}

/**
 * Progress at quiescence: every transaction commits or rolls back; a deadlock left is named. A
 * liveness (leads-to) property too: a submitted transaction stays unfinished on no fair cycle.
 */
export const transactionProgress: CheckedProperty = {
  name: 'transaction-progress',
  statement:
    'Once the system is quiet, every submitted transaction has committed or been rolled back ' +
    '(none waits forever); a deadlock left is reported as its wait-for cycle.',
  kind: 'quiescence',
  liveness: true,
  check: checkTransactionProgress,
};
