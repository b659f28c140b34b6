import { describe, expect, it } from 'vitest';
import { checkListAppend } from '../../../properties/serializability/list-append.ts';
import {
  checkTransactions,
  HistoryInputError,
  listAppendColumns,
} from '../../../properties/serializability/transactions.ts';
import { aborted, anomalies, cycleOf, ok } from './helpers.ts';

describe('list-append: serializable histories raise no alarm', () => {
  it('accepts a serial history with reads of every prefix', () => {
    const h = [
      ok('t1', 0, ['append', 'x', 1], ['append', 'y', 1]),
      ok('t2', 1, ['r', 'x', [1]], ['append', 'x', 2]),
      ok('t3', 0, ['r', 'x', [1, 2]], ['r', 'y', [1]]),
    ];
    const { style, report } = checkTransactions(h);
    expect(style).toBe('list-append');
    expect(report).toMatchObject({ serializable: true, transactions: 3, committed: 3 });
    expect(report.anomalies).toEqual([]);
  });

  it('accepts histories whose file order is not the serial order (only the edges matter)', () => {
    const h = [
      ok('late', undefined, ['r', 'x', [1, 2]]),
      ok('second', undefined, ['r', 'x', [1]], ['append', 'x', 2]),
      ok('first', undefined, ['r', 'x', null], ['append', 'x', 1]),
    ];
    expect(anomalies(h)).toEqual([]);
  });

  it('ignores aborted transactions whose appends nobody read, and their reads', () => {
    const h = [
      ok('t1', 0, ['append', 'x', 1]),
      aborted('t2', ['append', 'x', 2], ['r', 'y', [99]]),
      ok('t3', 1, ['r', 'x', [1]]),
    ];
    expect(anomalies(h)).toEqual([]);
  });

  it('accepts a transaction reading its own appends', () => {
    const h = [
      ok('t1', 0, ['append', 'x', 1], ['r', 'x', [1]], ['append', 'x', 2], ['r', 'x', [1, 2]]),
    ];
    expect(anomalies(h)).toEqual([]);
  });

  it('an append no read shows comes after the last version shown (Elle), no alarm alone', () => {
    const h = [ok('t1', 0, ['append', 'x', 1]), ok('t2', 1, ['r', 'x', []])];
    expect(checkTransactions(h).report).toMatchObject({ serializable: true, edges: 1 });
  });
});

describe('list-append: every anomaly class', () => {
  it('G0: write cycle (x shows t1 before t2, y the reverse)', () => {
    const h = [
      ok('t1', 0, ['append', 'x', 1], ['append', 'y', 2]),
      ok('t2', 1, ['append', 'x', 2], ['append', 'y', 1]),
      ok('t3', 2, ['r', 'x', [1, 2]], ['r', 'y', [1, 2]]),
    ];
    expect(anomalies(h)).toEqual(['G0: t1 t2']);
    expect(cycleOf(h)).toBe('t1 -ww(x)-> t2 -ww(y)-> t1');
  });

  it('G1a: a committed read of an aborted append, at the end or inside the list', () => {
    expect(anomalies([aborted('t1', ['append', 'x', 1]), ok('t2', 0, ['r', 'x', [1]])])).toEqual([
      'G1a: t1 t2',
    ]);
    const inside = [
      aborted('t1', ['append', 'x', 1]),
      ok('t2', 0, ['append', 'x', 2]),
      ok('t3', 1, ['r', 'x', [1, 2]]),
    ];
    expect(anomalies(inside)).toEqual(['dirty-update: t1 t2', 'G1a: t1 t3']);
    expect(checkTransactions(inside).report.anomalies[1]!.summary).toBe(
      'G1a (aborted read): t3 read x = [1, 2]; t1 appended 1 to x and aborted',
    );
  });

  it('G1b: a read of an intermediate state', () => {
    const h = [
      ok('t1', 0, ['append', 'x', 1], ['append', 'x', 2]),
      ok('t2', 1, ['r', 'x', [1]]),
      ok('t3', 2, ['r', 'x', [1, 2]]),
    ];
    expect(anomalies(h)).toEqual(['G1b: t1 t2']);
  });

  it('G1c: circular information flow', () => {
    const h = [
      ok('t1', 0, ['append', 'x', 1], ['r', 'y', [1]]),
      ok('t2', 1, ['append', 'y', 1], ['r', 'x', [1]]),
    ];
    expect(anomalies(h)).toEqual(['G1c: t1 t2']);
    expect(cycleOf(h)).toBe('t1 -wr(x)-> t2 -wr(y)-> t1');
  });

  it('G-single: read skew, with the operations behind each edge', () => {
    const h = [
      ok('t1', 0, ['r', 'x', []], ['r', 'y', [1]]),
      ok('t2', 1, ['append', 'x', 1], ['append', 'y', 1]),
      ok('t3', 2, ['r', 'x', [1]]),
    ];
    const [anomaly] = checkTransactions(h).report.anomalies;
    expect(anomaly).toEqual({
      name: 'G-single',
      txns: ['t1', 't2'],
      summary: 'G-single: t1 -rw(x)-> t2 -wr(y)-> t1',
      cycle: [
        {
          from: 't1',
          to: 't2',
          kind: 'rw',
          key: 'x',
          why: 't1 read x = []; t2 appended 1 to x, the next version',
        },
        { from: 't2', to: 't1', kind: 'wr', key: 'y', why: 't2 appended 1 to y; t1 read y = [1]' },
      ],
    });
  });

  it('G2-item: write skew', () => {
    const h = [
      ok('t1', 0, ['r', 'x', []], ['append', 'y', 1]),
      ok('t2', 1, ['r', 'y', []], ['append', 'x', 1]),
      ok('t3', 2, ['r', 'x', [1]], ['r', 'y', [1]]),
    ];
    expect(anomalies(h)).toEqual(['G2-item: t1 t2']);
    expect(cycleOf(h)).toBe('t1 -rw(x)-> t2 -rw(y)-> t1');
  });

  it('G-single-process: a client does not see its own earlier transaction', () => {
    const h = [
      ok('t1', 'p', ['append', 'x', 1]),
      ok('t2', 'p', ['r', 'x', []]),
      ok('t3', 'q', ['r', 'x', [1]]),
    ];
    expect(anomalies(h)).toEqual(['G-single-process: t1 t2']);
    expect(cycleOf(h)).toBe('t1 -process-> t2 -rw(x)-> t1');
  });

  it('reports the most severe cycle of a component: G0 before G1c before G-single', () => {
    const h = [
      ok('t1', 0, ['append', 'x', 1], ['append', 'y', 2], ['r', 'z', [1]]),
      ok('t2', 1, ['append', 'x', 2], ['append', 'y', 1], ['append', 'z', 1]),
      ok('t3', 2, ['r', 'x', [1, 2]], ['r', 'y', [1, 2]]),
    ];
    expect(anomalies(h)).toEqual(['G0: t1 t2']);
  });

  it('internal: a read that misses the transaction’s own append', () => {
    expect(anomalies([ok('t1', 0, ['append', 'x', 1], ['r', 'x', []])])).toEqual(['internal: t1']);
  });

  it('garbage-read: an element nobody appended, at the end or inside', () => {
    expect(anomalies([ok('t1', 0, ['r', 'x', [7]])])).toEqual(['garbage-read: t1']);
    const inside = [ok('t1', 0, ['append', 'x', 1]), ok('t2', 1, ['r', 'x', [7, 1]])];
    expect(anomalies(inside)).toEqual(['garbage-read: t2']);
  });

  it('incompatible-order: reads that are not prefixes of one order', () => {
    const h = [
      ok('t1', 0, ['append', 'x', 1]),
      ok('t2', 1, ['append', 'x', 2]),
      ok('t3', 2, ['r', 'x', [1, 2]]),
      ok('t4', 3, ['r', 'x', [2]]),
    ];
    expect(anomalies(h)).toEqual(['incompatible-order: t4 t3']);
  });

  it('duplicate-elements: a list holding an element twice', () => {
    const h = [ok('t1', 0, ['append', 'x', 1]), ok('t2', 1, ['r', 'x', [1, 1]])];
    expect(anomalies(h)).toEqual(['duplicate-elements: t2']);
  });

  it('keeps at most `limit` anomalies and counts them all', () => {
    const h = checkListAppend(
      listAppendColumns(Array.from({ length: 5 }, (_, i) => ok(`t${i}`, i, ['r', `k${i}`, [i]]))),
      2,
    );
    expect(h.anomalies).toHaveLength(2);
    expect(h.counts).toEqual({ 'garbage-read': 5 });
  });
});

describe('list-append: preconditions', () => {
  it('rejects an element appended twice to a key, naming the records', () => {
    const h = [ok('t1', 0, ['append', 'x', 1]), ok('t2', 1, ['append', 'x', 1])];
    expect(() => checkTransactions(h)).toThrow(HistoryInputError);
    expect(() => checkTransactions(h)).toThrow(
      'element 1 is appended to x again (first by record 1)',
    );
  });

  it('tells 1 and "1" apart', () => {
    const h = [ok('t1', 0, ['append', 'x', 1]), ok('t2', 1, ['r', 'x', ['1']])];
    expect(anomalies(h)).toEqual(['garbage-read: t2']);
  });

  it('rejects a repeated transaction id', () => {
    expect(() => checkTransactions([ok('t1', 0), ok('t1', 1)])).toThrow(
      'transaction id t1 is already used by record 1',
    );
  });
});
