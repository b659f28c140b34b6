import { describe, expect, it } from 'vitest';
import { checkRegister, NIL } from '../../../properties/serializability/register.ts';
import { checkTransactions } from '../../../properties/serializability/transactions.ts';
import { COMMITTED, READ, WRITE } from '../../../properties/serializability/txn-history.ts';
import { aborted, anomalies, cycleOf, ok } from './helpers.ts';

describe('rw-register: serializable histories raise no alarm', () => {
  it('accepts a read-modify-write chain', () => {
    const h = [
      ok('t1', 0, ['w', 'x', 1]),
      ok('t2', 1, ['r', 'x', 1], ['w', 'x', 2]),
      ok('t3', 0, ['r', 'x', 2], ['r', 'y', null]),
    ];
    const { style, report } = checkTransactions(h);
    expect(style).toBe('rw-register');
    expect(report.serializable).toBe(true);
  });

  it('accepts blind writes nothing orders (no ww edge is invented)', () => {
    const h = [ok('t1', 0, ['w', 'x', 1]), ok('t2', 1, ['w', 'x', 2]), ok('t3', 2, ['r', 'x', 2])];
    expect(anomalies(h)).toEqual([]);
  });

  it('accepts a read of the initial value before any write', () => {
    expect(anomalies([ok('t1', 0, ['r', 'x', null]), ok('t2', 1, ['w', 'x', 1])])).toEqual([]);
  });
});

describe('rw-register: every anomaly class', () => {
  it('G0: write cycle (orders inferred from read-modify-writes)', () => {
    const h = [
      ok('t1', 0, ['w', 'x', 1], ['r', 'y', 10], ['w', 'y', 11]),
      ok('t2', 1, ['w', 'y', 10], ['r', 'x', 1], ['w', 'x', 2]),
    ];
    expect(anomalies(h)).toEqual(['G0: t1 t2']);
    expect(cycleOf(h)).toBe('t1 -ww(x)-> t2 -ww(y)-> t1');
  });

  it('G1a: aborted read', () => {
    const h = [aborted('t1', ['w', 'x', 1]), ok('t2', 0, ['r', 'x', 1])];
    expect(checkTransactions(h).report.anomalies.map((a) => a.summary)).toEqual([
      'G1a (aborted read): t2 read x = 1; t1 wrote x = 1 and aborted',
    ]);
  });

  it('G1b: intermediate read', () => {
    const h = [ok('t1', 0, ['w', 'x', 1], ['w', 'x', 2]), ok('t2', 1, ['r', 'x', 1])];
    expect(anomalies(h)).toEqual(['G1b: t1 t2']);
  });

  it('G1c: circular information flow', () => {
    const h = [
      ok('t1', 0, ['w', 'x', 1], ['r', 'y', 1]),
      ok('t2', 1, ['w', 'y', 1], ['r', 'x', 1]),
    ];
    expect(anomalies(h)).toEqual(['G1c: t1 t2']);
  });

  it('G-single: read skew', () => {
    const h = [
      ok('t1', 0, ['r', 'x', null], ['r', 'y', 1]),
      ok('t2', 1, ['w', 'x', 1], ['w', 'y', 1]),
    ];
    expect(anomalies(h)).toEqual(['G-single: t1 t2']);
    expect(cycleOf(h)).toBe('t1 -rw(x)-> t2 -wr(y)-> t1');
  });

  it('a lost update is lost-update, and G2-item (two anti-dependencies)', () => {
    const h = [
      ok('t1', 0, ['r', 'x', null], ['w', 'x', 1]),
      ok('t2', 1, ['r', 'x', null], ['w', 'x', 2]),
    ];
    expect(anomalies(h)).toEqual(['lost-update: t1 t2', 'G2-item: t1 t2']);
  });

  it('G2-item: write skew', () => {
    const h = [
      ok('alice', 'a', ['r', 'x', null], ['r', 'y', null], ['w', 'x', 'alice']),
      ok('bob', 'b', ['r', 'x', null], ['r', 'y', null], ['w', 'y', 'bob']),
    ];
    expect(anomalies(h)).toEqual(['G2-item: alice bob']);
    expect(cycleOf(h)).toBe('alice -rw(y)-> bob -rw(x)-> alice');
  });

  it('G-single-process: a stale read after the client’s own write', () => {
    const h = [
      ok('t1', 'p', ['w', 'x', 1]),
      ok('t2', 'p', ['r', 'x', null], ['r', 'y', null]),
      ok('t3', 'q', ['r', 'x', 1], ['w', 'y', 1]),
    ];
    expect(anomalies(h)).toEqual(['G-single-process: t1 t2']);
  });

  it('internal and garbage-read', () => {
    expect(anomalies([ok('t1', 0, ['w', 'x', 1], ['r', 'x', null])])).toEqual(['internal: t1']);
    expect(anomalies([ok('t1', 0, ['r', 'x', 5])])).toEqual(['garbage-read: t1']);
  });

  it('rejects a value written twice to a key, and mixed styles', () => {
    expect(() =>
      checkTransactions([ok('t1', 0, ['w', 'x', 1]), ok('t2', 0, ['w', 'x', 1])]),
    ).toThrow('value 1 is written to x again (first by record 1)');
    expect(() =>
      checkTransactions([ok('t1', 0, ['w', 'x', 1]), ok('t2', 0, ['append', 'y', 1])]),
    ).toThrow('mixes list-append operations with the rw-register ones of record 1');
  });
});

describe('rw-register with a given version order', () => {
  // t1 and t2 blind-write x and y in opposite orders: only the install order shows the G0.
  const history = {
    txnCount: 2,
    status: Uint8Array.of(COMMITTED, COMMITTED),
    process: Int32Array.of(-1, -1),
    opStart: Int32Array.of(0, 2, 4),
    opKind: Uint8Array.of(WRITE, WRITE, WRITE, WRITE),
    opKey: Int32Array.of(0, 1, 0, 1),
    opValue: Int32Array.of(1, 2, 3, 4),
    keyCount: 2,
  };

  it('finds the cycle the order reveals', () => {
    const report = checkRegister({
      ...history,
      versionOrder: [
        [1, 3],
        [4, 2],
      ],
    });
    expect(report.anomalies.map((a) => a.summary)).toEqual(['G0: t0 -ww(k0)-> t1 -ww(k1)-> t0']);
  });

  it('and none without it', () => {
    expect(checkRegister(history).serializable).toBe(true);
  });

  it('reads the initial value as NIL', () => {
    const report = checkRegister({
      ...history,
      opKind: Uint8Array.of(READ, WRITE, READ, WRITE),
      opValue: Int32Array.of(NIL, 2, NIL, 4),
    });
    expect(report.serializable).toBe(true);
  });
});
