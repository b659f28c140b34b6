import { describe, expect, it } from 'vitest';
import { LocalTable } from '../../../models/kernel/local-table.ts';
import { client } from '../../../models/two-phase-locking/client.machine.ts';

/** Drives one machine through the kernel's adapter; returns a stepper. */
function driver(machine: typeof client, role: string, input: object) {
  const table = new LocalTable();
  let snap = table.start(0, role, machine, input as never).next;
  return (from: number, event: { type: string; [k: string]: unknown }) => {
    const out = table.step(snap, table.eventId(from, event as never));
    snap = out.next;
    return out;
  };
}

describe('client machine', () => {
  it('ignores answers and kills addressed to an earlier attempt', () => {
    const step = driver(client, 'client', { home: { x: 2 } });
    step(-1, { type: 'submit', txn: 't0', ts: 0, ops: ['rx', 'rx'], mayAbort: true });
    step(3, { type: 'Victim', txn: 't0' });
    expect(step(2, { type: 'ReadOk', txn: 't0', item: 'x', value: null }).effective).toBe(false);
    expect(step(2, { type: 'Retry', txn: 't0#2' }).effective).toBe(false);
    expect(step(2, { type: 'ReadOk', txn: 't0#2', item: 'x', value: null }).effective).toBe(true);
  });

  it('lets the client choose to roll back only a transaction that may, and only once', () => {
    const step = driver(client, 'client', { home: { x: 2 } });
    expect(step(-1, { type: 'chooseAbort' }).effective).toBe(false);
    step(-1, { type: 'submit', txn: 't0', ts: 0, ops: ['rx'], mayAbort: true });
    expect(step(-1, { type: 'chooseAbort' }).effective).toBe(true);
    expect(step(-1, { type: 'chooseAbort' }).effective).toBe(false);
    const other = driver(client, 'client', { home: { x: 2 } });
    other(-1, { type: 'submit', txn: 't1', ts: 1, ops: ['rx'], mayAbort: false });
    expect(other(-1, { type: 'chooseAbort' }).effective).toBe(false);
  });
});
