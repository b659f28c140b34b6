import type { History, Observation } from '../models/kernel/spec.ts';
import type { CheckedProperty, Verdict } from '../models/kernel/spec.ts';
import { findWaitCycle } from './wait-for-graph.ts';

/** The transaction an attempt belongs to: `t0#2` is the second attempt of `t0`. */
export function logicalTxn(attempt: string): string {
  const at = attempt.indexOf('#');
  return at < 0 ? attempt : attempt.slice(0, at);
}

/**
 * Checks, once the system is quiet, that every submitted transaction ended: some attempt of it
 * committed or was rolled back by its client, and no attempt is left running. If some are left,
 * names the wait-for cycle that holds them, rebuilt from the lock managers' `wait`, `grant` and
 * `release` observations (a waiter waits for the other holders of its item with a conflicting
 * lock). Reads the clients' `submit`, `begin`, `commit` and `abort {txn, reason}` observations.
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
  const cycle = findWaitCycle(stuck, waitsFor(history, new Set(stuck)));
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

/** Who each running attempt waits for, from the lock managers' observations. */
function waitsFor(history: History, running: ReadonlySet<string>): (txn: string) => string[] {
  const holders = new Map<string, Map<string, string>>();
  const waits = new Map<string, { lock: string; mode: string }>();
  const lockOf = (o: Observation) => `${o.node}|${String(o['item'])}`;
  for (const o of history) {
    const txn = o['txn'];
    if (typeof txn !== 'string') continue;
    if (o.kind === 'grant') {
      const lock = lockOf(o);
      const held = holders.get(lock) ?? new Map<string, string>();
      held.set(txn, String(o['mode']));
      holders.set(lock, held);
      if (waits.get(txn)?.lock === lock) waits.delete(txn);
    } else if (o.kind === 'release') {
      holders.get(lockOf(o))?.delete(txn);
    } else if (o.kind === 'wait' && running.has(txn)) {
      waits.set(txn, { lock: lockOf(o), mode: String(o['mode']) });
    }
  }
  return (txn) => {
    const wait = waits.get(txn);
    if (wait === undefined) return [];
    const out: string[] = [];
    for (const [other, mode] of holders.get(wait.lock) ?? []) {
      if (other !== txn && (wait.mode === 'X' || mode === 'X')) out.push(other);
    }
    return out.sort();
  };
}

/** Progress at quiescence: every transaction commits or rolls back; a deadlock left is named. */
export const transactionProgress: CheckedProperty = {
  name: 'transaction-progress',
  statement:
    'Once the system is quiet, every submitted transaction has committed or been rolled back ' +
    '(none waits forever); a deadlock left is reported as its wait-for cycle.',
  kind: 'quiescence',
  check: checkTransactionProgress,
};
