import { describe, expect, it } from 'vitest';
import { RecordedEffects } from '../../../models/kernel/step.ts';
import {
  abortAttempt,
  answered,
  beginNext,
  chooseRollBack,
  commit,
  enqueue,
  hasMoreOperations,
  restart,
  rollBack,
  sendOperation,
  unlockAll,
  type ClientContext,
  type ClientEffects,
  type ClientGuard,
  type ClientMessage,
} from '../../../models/two-phase-locking/transaction-manager.ts';

const spec = (txn: string, ops: string[], mayAbort = false) => ({
  txn,
  ts: Number(txn[1]),
  ops,
  mayAbort,
});

/**
 * A client whose items x and y live on nodes 2 and 3; `run` applies a step to its context (frozen:
 * a step must not mutate it) and returns what it observed and sent, as short strings.
 */
function client(holdsLocksAcrossServers = true) {
  const it = {
    c: Object.freeze<ClientContext>({ home: { x: 2, y: 3 }, queue: [], cur: null }),
    run(step: (c: ClientContext, out: ClientEffects) => Partial<ClientContext> | void): string[] {
      const out = new RecordedEffects<ClientMessage, ClientGuard>(() => holdsLocksAcrossServers);
      it.c = Object.freeze({ ...it.c, ...step(it.c, out) });
      if (it.c.cur !== null) Object.freeze(it.c.cur);
      return [
        ...out.observed.map((o) => `${o.kind} ${JSON.stringify({ ...o, kind: undefined })}`),
        ...out.sent.map(
          (m) => `→${m.to} ${m.msg.type} ${JSON.stringify({ ...m.msg, type: undefined })}`,
        ),
      ];
    },
  };
  return it;
}

describe('transaction manager', () => {
  it('queues submitted transactions and begins them in order, operation by operation', () => {
    const tm = client();
    expect(tm.run((c, out) => enqueue(c, spec('t0', ['rx', 'wy']), out))).toEqual([
      'submit {"txn":"t0"}',
    ]);
    tm.run((c, out) => enqueue(c, spec('t1', ['wx']), out));
    expect(tm.run(beginNext)).toEqual(['begin {"txn":"t0","ts":0}']);
    expect(tm.c.queue.map((t) => t.txn)).toEqual(['t1']);
    expect(tm.run(sendOperation)).toEqual(['→2 Read {"txn":"t0","ts":0,"item":"x"}']);
    expect(tm.run((c, out) => answered(c, 'v', out))).toEqual([
      'read {"txn":"t0","item":"x","value":"v"}',
    ]);
    expect(hasMoreOperations(tm.c)).toBe(true);
    expect(tm.run(sendOperation)).toEqual([
      '→3 Write {"txn":"t0","ts":0,"item":"y","value":"t0.1"}',
    ]);
    expect(tm.c.cur?.touched).toEqual([2, 3]);
    expect(tm.run((c, out) => answered(c, null, out))).toEqual([
      'write {"txn":"t0","item":"y","value":"t0.1"}',
    ]);
    expect(hasMoreOperations(tm.c)).toBe(false);
    expect(tm.run(commit)).toEqual([
      'commit {"txn":"t0"}',
      '→2 Commit {"txn":"t0"}',
      '→3 Commit {"txn":"t0"}',
    ]);
    expect(tm.c.cur).toBeNull();
  });

  it('keeps the locks at earlier servers; a locally two-phase client unlocks them first', () => {
    const run = (holds: boolean) => {
      const tm = client(holds);
      tm.run((c, out) => enqueue(c, spec('t0', ['rx', 'ry', 'wx']), out));
      tm.run(beginNext);
      const sent: string[][] = [];
      for (let k = 0; k < 3; k++) {
        sent.push(tm.run(sendOperation).map((m) => m.split(' {')[0]!));
        tm.run((c, out) => answered(c, null, out));
      }
      return sent;
    };
    expect(run(true)).toEqual([['→2 Read'], ['→3 Read'], ['→2 Write']]);
    // Moving to server 3 unlocks at 2, moving back to 2 (touched already) unlocks nothing.
    expect(run(false)).toEqual([['→2 Read'], ['→2 Unlock', '→3 Read'], ['→2 Write']]);
  });

  it('rolls back a doomed transaction; non-strict unlocks at the lock point', () => {
    const tm = client();
    tm.run((c, out) => enqueue(c, spec('t0', ['wx'], true), out));
    tm.run(beginNext);
    tm.run(sendOperation);
    tm.run(chooseRollBack);
    expect(tm.c.cur?.doomed).toBe(true);
    expect(tm.run(unlockAll)).toEqual(['→2 Unlock {"txn":"t0"}']);
    expect(tm.run(rollBack)).toEqual([
      'abort {"txn":"t0","reason":"rollback"}',
      '→2 Abort {"txn":"t0"}',
    ]);
    expect(tm.c.cur).toBeNull();
  });

  it('aborts a killed attempt everywhere and restarts it with the same timestamp and fresh values', () => {
    const tm = client();
    tm.run((c, out) => enqueue(c, spec('t1', ['wx', 'wy'], true), out));
    tm.run(beginNext);
    tm.run(sendOperation);
    tm.run((c, out) => answered(c, null, out));
    tm.run(sendOperation);
    tm.run(chooseRollBack);
    expect(tm.run((c, out) => abortAttempt(c, 'deadlock', out))).toEqual([
      'abort {"txn":"t1","reason":"deadlock"}',
      '→2 Abort {"txn":"t1"}',
      '→3 Abort {"txn":"t1"}',
    ]);
    expect(tm.run(restart)).toEqual(['begin {"txn":"t1#2","ts":1}']);
    expect(tm.c.cur).toMatchObject({ id: 't1#2', attempt: 2, next: 0, touched: [], doomed: true });
    expect(tm.run(sendOperation)).toEqual([
      '→2 Write {"txn":"t1#2","ts":1,"item":"x","value":"t1#2.0"}',
    ]);
  });
});
