import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import type { Payload } from '../../../models/kernel/action.ts';
import type { Json } from '../../../models/kernel/json.ts';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import { client } from '../../../models/two-phase-locking/client.machine.ts';

/**
 * Drives one client machine (node 0, items x and y on nodes 2 and 3) through the kernel's adapter.
 * `step` hands it an event and returns what it did as short strings; `phase` is its state.
 */
function driver(machine: AnyStateMachine = client) {
  const table = new LocalTable();
  let snap = table.start(0, 'client', machine, { home: { x: 2, y: 3 } }).next;
  return {
    step(from: number, event: Payload) {
      const out = table.step(snap, table.eventId(from, event));
      snap = out.next;
      const sent: string[] = [];
      for (let i = 0; i < out.sends.length; i += 2) {
        const { type, ...fields } = table.event(out.sends[i + 1]!).payload;
        sent.push(`→${out.sends[i]} ${type} ${JSON.stringify(fields)}`);
      }
      return {
        effective: out.effective,
        did: [...out.observations.map((o) => `${o.kind} ${String(o['txn'])}`), ...sent],
      };
    },
    phase: (): Json => table.snapshotView(snap).value,
  };
}

const submit = (txn: string, ops: string[], mayAbort = false) => ({
  type: 'submit',
  txn,
  ts: Number(txn[1]),
  ops,
  mayAbort,
});

describe('client machine: the transaction’s phases', () => {
  it('grows one operation at a time, then commits and begins the next transaction', () => {
    const tm = driver();
    expect(tm.phase()).toBe('idle');
    expect(tm.step(-1, submit('t0', ['rx', 'wy'])).did).toEqual([
      'submit t0',
      'begin t0',
      '→2 Read {"txn":"t0","ts":0,"item":"x"}',
    ]);
    expect(tm.phase()).toEqual({ growing: 'requesting' });
    expect(tm.step(-1, submit('t1', ['wx'])).did).toEqual(['submit t1']);
    expect(tm.step(2, { type: 'ReadOk', txn: 't0', item: 'x', value: null }).did).toEqual([
      'read t0',
      '→3 Write {"txn":"t0","ts":0,"item":"y","value":"t0.1"}',
    ]);
    expect(tm.step(3, { type: 'WriteOk', txn: 't0', item: 'y' }).did).toEqual([
      'write t0',
      'commit t0',
      'begin t1',
      '→2 Commit {"txn":"t0"}',
      '→3 Commit {"txn":"t0"}',
      '→2 Write {"txn":"t1","ts":1,"item":"x","value":"t1.0"}',
    ]);
    expect(tm.phase()).toEqual({ growing: 'requesting' });
    tm.step(2, { type: 'WriteOk', txn: 't1', item: 'x' });
    expect(tm.phase()).toBe('idle');
  });

  it('rolls back at the end when the client chose to; non-strict unlocks first', () => {
    const strict = driver();
    strict.step(-1, submit('t0', ['wx'], true));
    expect(strict.step(-1, { type: 'chooseAbort' }).effective).toBe(true);
    expect(strict.step(2, { type: 'WriteOk', txn: 't0', item: 'x' }).did).toEqual([
      'write t0',
      'abort t0',
      '→2 Abort {"txn":"t0"}',
    ]);
    const nonStrict = driver(client.provide({ guards: { strict: () => false } }));
    nonStrict.step(-1, submit('t0', ['wx'], false));
    expect(nonStrict.step(2, { type: 'WriteOk', txn: 't0', item: 'x' }).did).toEqual([
      'write t0',
      'commit t0',
      '→2 Unlock {"txn":"t0"}',
      '→2 Commit {"txn":"t0"}',
    ]);
  });

  it('restarts a wounded or victimized attempt at once', () => {
    const tm = driver();
    tm.step(-1, submit('t1', ['wx', 'wy']));
    tm.step(2, { type: 'WriteOk', txn: 't1', item: 'x' });
    expect(tm.step(3, { type: 'Wound', txn: 't1' }).did).toEqual([
      'abort t1',
      'begin t1#2',
      '→2 Abort {"txn":"t1"}',
      '→3 Abort {"txn":"t1"}',
      '→2 Write {"txn":"t1#2","ts":1,"item":"x","value":"t1#2.0"}',
    ]);
    expect(tm.phase()).toEqual({ growing: 'requesting' });
    expect(tm.step(4, { type: 'Victim', txn: 't1#2' }).did[0]).toBe('abort t1#2');
  });

  it('waits, aborted, after a death until the server says to retry', () => {
    const tm = driver();
    tm.step(-1, submit('t1', ['rx']));
    expect(tm.step(2, { type: 'Die', txn: 't1' }).did).toEqual([
      'abort t1',
      '→2 Abort {"txn":"t1"}',
    ]);
    expect(tm.phase()).toBe('aborted');
    expect(tm.step(2, { type: 'ReadOk', txn: 't1', item: 'x', value: null }).effective).toBe(false);
    expect(tm.step(2, { type: 'Retry', txn: 't1' }).did).toEqual([
      'begin t1#2',
      '→2 Read {"txn":"t1#2","ts":1,"item":"x"}',
    ]);
    expect(tm.phase()).toEqual({ growing: 'requesting' });
  });

  it('die-as-busy: takes Die for a busy signal and sends the same operation again', () => {
    const tm = driver(client.provide({ guards: { abortsOnDie: () => false } }));
    tm.step(-1, submit('t1', ['ry', 'wx']));
    tm.step(3, { type: 'ReadOk', txn: 't1', item: 'y', value: null });
    const again = ['→2 Write {"txn":"t1","ts":1,"item":"x","value":"t1.1"}'];
    expect(tm.step(2, { type: 'Die', txn: 't1' }).did).toEqual(again);
    expect(tm.phase()).toEqual({ growing: 'requesting' });
    // Nothing observed, nothing aborted: the same step again and again is a cycle.
    expect(tm.step(2, { type: 'Die', txn: 't1' }).did).toEqual(again);
  });

  it('ignores answers and kills addressed to an earlier attempt', () => {
    const tm = driver();
    tm.step(-1, submit('t0', ['rx', 'rx'], true));
    tm.step(3, { type: 'Victim', txn: 't0' });
    expect(tm.step(2, { type: 'ReadOk', txn: 't0', item: 'x', value: null }).effective).toBe(false);
    expect(tm.step(2, { type: 'Retry', txn: 't0#2' }).effective).toBe(false);
    expect(tm.step(3, { type: 'Wound', txn: 't0' }).effective).toBe(false);
    expect(tm.step(2, { type: 'ReadOk', txn: 't0#2', item: 'x', value: null }).effective).toBe(
      true,
    );
  });

  it('lets the client choose to roll back only a transaction that may, and only once', () => {
    const tm = driver();
    expect(tm.step(-1, { type: 'chooseAbort' }).effective).toBe(false);
    tm.step(-1, submit('t0', ['rx'], true));
    expect(tm.step(-1, { type: 'chooseAbort' }).effective).toBe(true);
    expect(tm.step(-1, { type: 'chooseAbort' }).effective).toBe(false);
    const other = driver();
    other.step(-1, submit('t1', ['rx'], false));
    expect(other.step(-1, { type: 'chooseAbort' }).effective).toBe(false);
  });
});
