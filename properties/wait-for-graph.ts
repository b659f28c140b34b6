/**
 * The wait-for graph a history shows (transaction → the transactions it waits for), rebuilt from
 * the lock managers' `wait`, `grant` and `release` observations alone, and the deadlock it holds (a
 * cycle). The transaction-progress property names the cycle left when a run stops with
 * transactions unfinished. It stands apart from any model's deadlock detector (which builds its
 * graph from the messages it is sent); both find cycles with the kernel's `findCycle`.
 */
import { findCycle } from '../models/kernel/graph.ts';
import type { History, Observation } from '../models/kernel/spec.ts';

/**
 * Who each transaction of `waiting` waits for at the end of `history`: a transaction observed to
 * `wait {txn, item, mode}` at a lock manager, and not granted that lock since, waits for the other
 * holders of the item there whose lock conflicts (X conflicts with everything, S with X), sorted.
 * A lock is a node's item (`grant {txn, item, mode}`, `release {txn, item}`).
 */
export function observedWaitsFor(
  history: History,
  waiting: ReadonlySet<string>,
): (txn: string) => string[] {
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
    } else if (o.kind === 'wait' && waiting.has(txn)) {
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

/**
 * A deadlock among `running` at the end of `history`: a cycle of the observed wait-for graph, as
 * its transactions in order (each waits for the next, the last for the first), or null.
 */
export function observedDeadlock(history: History, running: readonly string[]): string[] | null {
  return findCycle(running, observedWaitsFor(history, new Set(running)));
}
