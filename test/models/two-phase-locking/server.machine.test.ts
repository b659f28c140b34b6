import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import type { Payload } from '../../../models/kernel/action.ts';
import type { Json } from '../../../models/kernel/json.ts';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import { waitDie, woundWait } from '../../../models/two-phase-locking/deadlock-policies.ts';
import { server } from '../../../models/two-phase-locking/server.machine.ts';

/**
 * Drives one server machine (node 2, holding x; the detector is node 9) through the kernel's
 * adapter. `step` hands it a message and returns what it did as short strings; `phase` is its state.
 */
function driver(machine: AnyStateMachine = server) {
  const table = new LocalTable();
  let snap = table.start(2, 'server', machine, { items: ['x'], detector: 9 }).next;
  return {
    step(from: number, event: Payload) {
      const out = table.step(snap, table.eventId(from, event));
      snap = out.next;
      const sent: string[] = [];
      for (let i = 0; i < out.sends.length; i += 2) {
        sent.push(`→${out.sends[i]} ${table.event(out.sends[i + 1]!).payload.type}`);
      }
      return [...out.observations.map((o) => `${o.kind} ${String(o['txn'])}`), ...sent];
    },
    phase: (): Json => table.snapshotView(snap).value,
  };
}

const read = (txn: string, ts: number) => ({ type: 'Read', txn, ts, item: 'x' });
const write = (txn: string, ts: number) => ({ type: 'Write', txn, ts, item: 'x', value: txn });

describe('server machine: lock phases', () => {
  it('is blocking while a request waits for a lock, and serves it when the holder commits', () => {
    const dm = driver();
    expect(dm.phase()).toBe('serving');
    expect(dm.step(0, read('t0', 0))).toEqual(['grant t0', 'fetch t0', '→0 ReadOk']);
    expect(dm.phase()).toBe('serving');
    expect(dm.step(1, write('t1', 1))).toEqual(['wait t1', '→9 WaitsFor']);
    expect(dm.phase()).toBe('blocking');
    expect(dm.step(0, { type: 'Commit', txn: 't0' })).toEqual([
      'release t0',
      'grant t1',
      'install t1',
      '→9 Unblocked',
      '→1 WriteOk',
    ]);
    expect(dm.phase()).toBe('serving');
  });

  it('stops blocking when the waiter aborts; a release in serving grants nothing', () => {
    const dm = driver();
    dm.step(0, write('t0', 0));
    dm.step(1, read('t1', 1));
    expect(dm.step(1, { type: 'Abort', txn: 't1' })).toEqual(['→9 Unblocked']);
    expect(dm.phase()).toBe('serving');
    expect(dm.step(0, { type: 'Unlock', txn: 't0' })).toEqual(['release t0']);
    expect(dm.step(0, { type: 'Abort', txn: 't0' })).toEqual([]);
  });

  it('takes its deadlock policy from provide: wait-die kills, wound-wait wounds', () => {
    const wd = driver(server.provide({ guards: waitDie }));
    wd.step(0, write('t0', 0));
    expect(wd.step(1, read('t1', 1))).toEqual(['→1 Die']);
    expect(wd.phase()).toBe('serving');
    expect(wd.step(0, { type: 'Commit', txn: 't0' })).toEqual(['release t0', '→1 Retry']);
    const ww = driver(server.provide({ guards: woundWait }));
    ww.step(1, write('t1', 1));
    expect(ww.step(0, read('t0', 0))).toEqual(['wait t0', '→1 Wound']);
    expect(ww.phase()).toBe('blocking');
  });

  it('serves a read without a lock when the read-without-lock mutant says so', () => {
    const dm = driver(server.provide({ guards: { locksReads: () => false } }));
    dm.step(0, write('t0', 0));
    expect(dm.step(1, read('t1', 1))).toEqual(['fetch t1', '→1 ReadOk']);
    expect(dm.phase()).toBe('serving');
  });
});
