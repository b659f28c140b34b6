import { describe, expect, it } from 'vitest';
import type { Payload } from '../../../models/kernel/action.ts';
import type { Json } from '../../../models/kernel/json.ts';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import { RecordedEffects } from '../../../models/kernel/step.ts';
import type { Victim } from '../../../models/two-phase-locking/messages.ts';
import {
  abortVictims,
  detector,
  type WaitEntry,
} from '../../../models/two-phase-locking/detector.machine.ts';

/** Drives one machine through the kernel's adapter; returns a stepper. */
function driver(machine: typeof detector, role: string, input: Json) {
  const table = new LocalTable();
  let snap = table.start(0, role, machine, input).next;
  return (from: number, event: Payload) => {
    const out = table.step(snap, table.eventId(from, event));
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

describe('abortVictims', () => {
  const wait = (txn: string, ts: number, holders: string[]): WaitEntry => ({
    txn,
    ts,
    client: 10 + ts,
    item: 'x',
    holders,
  });

  it('breaks every cycle, youngest first, and keeps the waits outside them', () => {
    const out = new RecordedEffects<Omit<Victim, 'from'>, never>();
    const left = abortVictims(
      [
        wait('t0', 0, ['t1']),
        wait('t1', 1, ['t0']),
        wait('t2', 2, ['t3']),
        wait('t3', 3, ['t2', 't4']),
        wait('t4', 4, ['t0']),
      ],
      out,
    );
    expect(out.observed).toEqual([
      { kind: 'victim', txn: 't1', cycle: ['t0', 't1'] },
      { kind: 'victim', txn: 't3', cycle: ['t2', 't3'] },
    ]);
    expect(out.sent).toEqual([
      { to: 11, msg: { type: 'Victim', txn: 't1' } },
      { to: 13, msg: { type: 'Victim', txn: 't3' } },
    ]);
    expect(left.map((w) => w.txn)).toEqual(['t0', 't2', 't4']);
  });
});
