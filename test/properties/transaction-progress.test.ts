import { describe, expect, it } from 'vitest';
import type { Observation } from '../../models/kernel/spec.ts';
import {
  checkTransactionProgress,
  logicalTxn,
  transactionProgress,
} from '../../properties/transaction-progress.ts';

const o = (node: number, kind: string, fields: Record<string, string> = {}): Observation => ({
  node,
  kind,
  ...fields,
});

describe('transaction-progress', () => {
  it('is checked at quiescence, and on every fair cycle (a liveness property)', () => {
    expect(transactionProgress).toMatchObject({
      name: 'transaction-progress',
      kind: 'quiescence',
      liveness: true,
    });
  });

  it('names the transaction an attempt belongs to', () => {
    expect(logicalTxn('t3')).toBe('t3');
    expect(logicalTxn('t3#2')).toBe('t3');
  });

  it('holds when every transaction committed or rolled back, restarts included', () => {
    const h = [
      o(0, 'submit', { txn: 't0' }),
      o(0, 'begin', { txn: 't0' }),
      o(0, 'abort', { txn: 't0', reason: 'deadlock' }),
      o(0, 'begin', { txn: 't0#2' }),
      o(0, 'commit', { txn: 't0#2' }),
      o(1, 'submit', { txn: 't1' }),
      o(1, 'begin', { txn: 't1' }),
      o(1, 'abort', { txn: 't1', reason: 'rollback' }),
    ];
    expect(checkTransactionProgress(h)).toBeNull();
  });

  it('reports a deadlock left behind as its wait-for cycle', () => {
    const h = [
      o(0, 'submit', { txn: 't0' }),
      o(1, 'submit', { txn: 't1' }),
      o(0, 'submit', { txn: 't2' }),
      o(0, 'begin', { txn: 't0' }),
      o(1, 'begin', { txn: 't1' }),
      o(2, 'grant', { txn: 't0', item: 'x', mode: 'S' }),
      o(3, 'grant', { txn: 't1', item: 'y', mode: 'S' }),
      o(3, 'wait', { txn: 't0', item: 'y', mode: 'X' }),
      o(2, 'wait', { txn: 't1', item: 'x', mode: 'X' }),
    ];
    expect(checkTransactionProgress(h)).toEqual({
      property: 'transaction-progress',
      message: 't0, t1, t2 never ended (deadlock: t0 waits for t1 waits for t0)',
      nodes: [0, 1],
      messages: ['t0', 't1'],
    });
  });

  it('reports an unfinished transaction that waits for nothing', () => {
    const h = [o(0, 'submit', { txn: 't0' }), o(0, 'begin', { txn: 't0' })];
    expect(checkTransactionProgress(h)?.message).toBe('t0 never ended (t0 still running)');
    const killed = [...h, o(0, 'abort', { txn: 't0', reason: 'die' })];
    expect(checkTransactionProgress(killed)?.message).toBe('t0 never ended (nothing running)');
  });

  it('does not count a granted wait, nor a shared holder for a shared waiter', () => {
    const h = [
      o(0, 'submit', { txn: 't0' }),
      o(0, 'begin', { txn: 't0' }),
      o(1, 'begin', { txn: 't1' }),
      o(2, 'grant', { txn: 't1', item: 'x', mode: 'S' }),
      o(2, 'wait', { txn: 't0', item: 'x', mode: 'S' }),
      o(2, 'grant', { txn: 't0', item: 'x', mode: 'S' }),
    ];
    expect(checkTransactionProgress(h)?.message).toBe('t0 never ended (t0, t1 still running)');
  });
});
