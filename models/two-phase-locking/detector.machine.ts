/**
 * The deadlock detector: a central site that keeps the global wait-for graph from the lock
 * managers' reports (transaction → the holders it waits for) and, whenever a report closes a cycle,
 * aborts a victim: the youngest transaction of the cycle (largest timestamp), so that the oldest
 * always progresses. Reports can be stale (a holder may have released since), so a victim may be
 * aborted for a deadlock that was already gone (a phantom deadlock): that costs a restart, never
 * safety. A withdrawn wait (`Unblocked`) only removes edges, so it never closes a cycle.
 *
 * Source: Bernstein, Hadzilacos, Goodman 1987, chapter 3 (distributed deadlock detection with a
 * central detector; victim selection); Gray, "Notes on database operating systems", 1978.
 *
 * Simplified: the detector never fails; it is told of waits as they change rather than polling.
 * Only the wait-for-graph variant's lock managers report to it (it idles in the others).
 */
import { setup } from 'xstate';
import { findCycle } from '../kernel/graph.ts';
import { roleKit, type Effects, type Outgoing } from '../kernel/step.ts';
import type { DetectorEvent, Victim } from './messages.ts';

/** One reported wait. */
export interface WaitEntry {
  /** The waiting transaction (attempt). */
  readonly txn: string;
  /** The item it waits for (a transaction waits at one server at a time). */
  readonly item: string;
  /** Its timestamp (the youngest of a cycle is the victim). */
  readonly ts: number;
  /** Its client's node, told when it is the victim. */
  readonly client: number;
  /** The transactions it waits for. */
  readonly holders: readonly string[];
}

/** The detector's state: the waits reported and not withdrawn, sorted by transaction then item. */
export interface DetectorContext {
  /** The reported waits: the wait-for graph's edges. */
  readonly waits: readonly WaitEntry[];
}

const byTxnItem = (a: WaitEntry, b: WaitEntry) =>
  a.txn < b.txn ? -1 : a.txn > b.txn ? 1 : a.item < b.item ? -1 : a.item > b.item ? 1 : 0;

/**
 * Aborts victims until the wait-for graph has no cycle: for each cycle found, its youngest
 * transaction is told it is the `Victim` and its waits are forgotten. Returns the waits left.
 */
export function abortVictims(
  waits: readonly WaitEntry[],
  out: Effects<Outgoing<Victim>, never>,
): readonly WaitEntry[] {
  let left = waits;
  for (;;) {
    const holdersOf = (txn: string) => left.filter((w) => w.txn === txn).flatMap((w) => w.holders);
    const cycle = findCycle(
      left.map((w) => w.txn),
      holdersOf,
    );
    if (cycle === null) return left;
    const victim = left
      .filter((w) => cycle.includes(w.txn))
      .reduce((a, b) => (b.ts > a.ts || (b.ts === a.ts && b.txn > a.txn) ? b : a));
    out.observe('victim', { txn: victim.txn, cycle });
    out.send(victim.client, { type: 'Victim', txn: victim.txn });
    left = left.filter((w) => w.txn !== victim.txn);
  }
}

const kit = roleKit<{ context: DetectorContext; events: DetectorEvent; sends: Outgoing<Victim> }>();

/** The detector machine. */
export const detector = setup({
  types: kit.types,
  actions: {
    ...kit.effects,
    // Entries are kept per (transaction, item): a withdrawal from one server can arrive after the
    // report from the next.
    recordWait: kit.on('WaitsFor', ({ context, event }) => {
      const { txn, item, ts, client, holders } = event;
      const others = context.waits.filter((w) => !(w.txn === txn && w.item === item));
      return { waits: [...others, { txn, item, ts, client, holders }].sort(byTxnItem) };
    }),
    withdrawWait: kit.on('Unblocked', ({ context, event }) => ({
      waits: context.waits.filter((w) => !(w.txn === event.txn && w.item === event.item)),
    })),
    abortVictims: kit.step(({ context, out }) => ({ waits: abortVictims(context.waits, out) })),
  },
}).createMachine({
  id: 'detector',
  context: { waits: [] },
  initial: 'detecting',
  states: {
    detecting: {
      on: {
        WaitsFor: { actions: ['recordWait', 'abortVictims'] },
        Unblocked: { actions: 'withdrawWait' },
      },
    },
  },
});
