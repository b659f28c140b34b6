import { describe, expect, it } from 'vitest';
import { Outbox, type Guard } from '../../../models/two-phase-locking/outbox.ts';
import {
  answered,
  kill,
  retry,
  rollBack,
  submit,
  type ClientContext,
} from '../../../models/two-phase-locking/transaction-manager.ts';

const strict: Guard = (name) => name === 'strict';
const nonStrict: Guard = () => false;
const spec = (txn: string, ops: string[], mayAbort = false) => ({
  txn,
  ts: Number(txn[1]),
  ops,
  mayAbort,
});

/** A client whose items x and y live on nodes 2 and 3. */
const client = (): ClientContext => ({ home: { x: 2, y: 3 }, queue: [], cur: null });

/** Runs one step and returns what it sent and observed, as short strings. */
function step(f: (out: Outbox) => void): string[] {
  const out = new Outbox();
  f(out);
  return out.effects.map((e) =>
    e.type === 'send'
      ? `→${String(e.params.to)} ${e.params.msg.type} ${JSON.stringify({ ...e.params.msg, type: undefined })}`
      : `${e.params.kind} ${JSON.stringify({ ...e.params, kind: undefined })}`,
  );
}

describe('transaction manager', () => {
  it('runs submitted transactions one at a time, operation by operation', () => {
    const c = client();
    expect(step((out) => submit(c, spec('t0', ['rx', 'wy']), out))).toEqual([
      'submit {"txn":"t0"}',
      'begin {"txn":"t0","ts":0}',
      '→2 Read {"txn":"t0","ts":0,"item":"x"}',
    ]);
    expect(step((out) => submit(c, spec('t1', ['wx']), out))).toEqual(['submit {"txn":"t1"}']);
    expect(step((out) => answered(c, 'v', out, strict))).toEqual([
      'read {"txn":"t0","item":"x","value":"v"}',
      '→3 Write {"txn":"t0","ts":0,"item":"y","value":"t0.1"}',
    ]);
    expect(step((out) => answered(c, null, out, strict))).toEqual([
      'write {"txn":"t0","item":"y","value":"t0.1"}',
      'commit {"txn":"t0"}',
      '→2,3 Commit {"txn":"t0"}',
      'begin {"txn":"t1","ts":1}',
      '→2 Write {"txn":"t1","ts":1,"item":"x","value":"t1.0"}',
    ]);
  });

  it('rolls back a doomed transaction at the end; non-strict unlocks first', () => {
    const c = client();
    step((out) => submit(c, spec('t0', ['wx'], true), out));
    rollBack(c);
    expect(step((out) => answered(c, null, out, nonStrict))).toEqual([
      'write {"txn":"t0","item":"x","value":"t0.0"}',
      '→2 Unlock {"txn":"t0"}',
      'abort {"txn":"t0","reason":"rollback"}',
      '→2 Abort {"txn":"t0"}',
    ]);
    expect(c.cur).toBeNull();
  });

  it('restarts a killed attempt at once, with the same timestamp and fresh values', () => {
    const c = client();
    step((out) => submit(c, spec('t1', ['wx', 'wy']), out));
    step((out) => answered(c, null, out, strict));
    expect(step((out) => kill(c, 'deadlock', out))).toEqual([
      'abort {"txn":"t1","reason":"deadlock"}',
      '→2,3 Abort {"txn":"t1"}',
      'begin {"txn":"t1#2","ts":1}',
      '→2 Write {"txn":"t1#2","ts":1,"item":"x","value":"t1#2.0"}',
    ]);
  });

  it('restarts a transaction that died only when told to retry', () => {
    const c = client();
    step((out) => submit(c, spec('t1', ['rx']), out));
    expect(step((out) => kill(c, 'die', out))).toEqual([
      'abort {"txn":"t1","reason":"die"}',
      '→2 Abort {"txn":"t1"}',
    ]);
    expect(c.cur?.dead).toBe(true);
    expect(step((out) => retry(c, out))).toEqual([
      'begin {"txn":"t1#2","ts":1}',
      '→2 Read {"txn":"t1#2","ts":1,"item":"x"}',
    ]);
  });
});
