/**
 * The deadlock detector: a central site that keeps the global wait-for graph from the lock
 * managers' reports (transaction → the holders it waits for) and, whenever a report closes a cycle,
 * aborts a victim: the youngest transaction of the cycle (largest timestamp), so that the oldest
 * always progresses. Reports can be stale (a holder may have released since), so a victim may be
 * aborted for a deadlock that was already gone (a phantom deadlock): that costs a restart, never
 * safety.
 *
 * Source: Bernstein, Hadzilacos, Goodman 1987, chapter 3 (distributed deadlock detection with a
 * central detector; victim selection); Gray, "Notes on database operating systems", 1978.
 *
 * Simplified: the detector never fails; it is told of waits as they change rather than polling.
 * Only the wait-for-graph variant's lock managers report to it (it idles in the others).
 */
import { enqueueActions, setup } from 'xstate';
import { findWaitCycle } from '../../properties/wait-for-graph.ts';
import { effects } from '../kernel/effects.ts';
import type { DetectorEvent, WaitsFor } from './messages.ts';

/** One reported wait. */
export interface WaitEntry {
  readonly txn: string;
  readonly item: string;
  readonly ts: number;
  readonly client: number;
  readonly holders: readonly string[];
}

/** The detector's state: the waits reported and not withdrawn, sorted by transaction then item. */
export interface DetectorContext {
  readonly waits: readonly WaitEntry[];
}

const byTxnItem = (a: WaitEntry, b: WaitEntry) =>
  a.txn < b.txn ? -1 : a.txn > b.txn ? 1 : a.item < b.item ? -1 : a.item > b.item ? 1 : 0;

/** The detector machine. */
export const detector = setup({
  types: {
    context: {} as DetectorContext,
    events: {} as DetectorEvent,
  },
  actions: {
    ...effects,
    handle: enqueueActions(({ context, event, enqueue }) => {
      // A transaction waits at one server at a time, but a withdrawal from one server can arrive
      // after the report from the next: entries are kept per (transaction, item).
      let waits = context.waits.filter((w) => !(w.txn === event.txn && w.item === event.item));
      if (event.type === 'WaitsFor') {
        const { txn, item, ts, client, holders } = event as WaitsFor;
        waits = [...waits, { txn, item, ts, client, holders }].sort(byTxnItem);
      }
      for (;;) {
        const txns = [...new Set(waits.map((w) => w.txn))];
        const holdersOf = (txn: string) =>
          [...new Set(waits.filter((w) => w.txn === txn).flatMap((w) => w.holders))].sort();
        const cycle = findWaitCycle(txns, holdersOf);
        if (cycle === null) break;
        const entries = waits.filter((w) => cycle.includes(w.txn));
        const victim = entries.reduce((a, b) =>
          b.ts > a.ts || (b.ts === a.ts && b.txn > a.txn) ? b : a,
        );
        enqueue({ type: 'observe', params: { kind: 'victim', txn: victim.txn, cycle } });
        enqueue({
          type: 'send',
          params: { to: victim.client, msg: { type: 'Victim', txn: victim.txn } },
        });
        waits = waits.filter((w) => w.txn !== victim.txn);
      }
      enqueue.assign({ waits });
    }),
  },
}).createMachine({
  id: 'detector',
  context: { waits: [] },
  initial: 'detecting',
  states: {
    detecting: {
      on: {
        WaitsFor: { actions: 'handle' },
        Unblocked: { actions: 'handle' },
      },
    },
  },
});
