import { describe, expect, it } from 'vitest';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import { detector } from '../../../models/two-phase-locking/detector.machine.ts';

/** Drives one machine through the kernel's adapter; returns a stepper. */
function driver(machine: typeof detector, role: string, input: object) {
  const table = new LocalTable();
  let snap = table.start(0, role, machine, input as never).next;
  return (from: number, event: { type: string; [k: string]: unknown }) => {
    const out = table.step(snap, table.eventId(from, event as never));
    snap = out.next;
    return out;
  };
}

describe('deadlock detector', () => {
  const waits = (txn: string, ts: number, item: string, holders: string[]) => ({
    type: 'WaitsFor',
    txn,
    ts,
    client: ts,
    item,
    holders,
  });

  it('aborts the youngest transaction of a cycle, once', () => {
    const step = driver(detector, 'detector', {});
    expect(step(2, waits('t0', 0, 'y', ['t1'])).sends).toEqual([]);
    const out = step(3, waits('t1', 1, 'x', ['t0']));
    expect(out.observations).toEqual([{ node: 0, kind: 'victim', txn: 't1', cycle: ['t0', 't1'] }]);
    expect(out.sends[0]).toBe(1);
    // The victim's entry is gone: a repeated report of the other wait finds no cycle.
    expect(step(2, waits('t0', 0, 'y', ['t1'])).effective).toBe(false);
  });

  it('forgets a withdrawn wait only for its item (a late withdrawal from another server)', () => {
    const step = driver(detector, 'detector', {});
    step(2, waits('t0', 0, 'x', ['t2']));
    step(3, waits('t0', 0, 'y', ['t1']));
    step(2, { type: 'Unblocked', txn: 't0', item: 'x' });
    const out = step(3, waits('t1', 1, 'z', ['t0']));
    expect(out.observations.map((o) => o['txn'])).toEqual(['t1']);
  });
});
