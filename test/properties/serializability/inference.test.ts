/**
 * Elle's inference rules and anomaly names, one named test per case (issue 11's examples first),
 * then real-time order (strict serializability) and the ladder of models.
 */
import { describe, expect, it } from 'vitest';
import {
  checkTransactions,
  type TxnRecord,
} from '../../../properties/serializability/transactions.ts';
import { aborted, anomalies, cycleOf, ok } from './helpers.ts';

/** A transaction of unknown outcome. */
function unknown(id: string, ...ops: TxnRecord['ops']): TxnRecord {
  return { id, status: 'unknown', ops };
}

/** `record` with invoke and complete times. */
function at(invoke: number, complete: number, record: TxnRecord): TxnRecord {
  return { ...record, invoke, complete };
}

const strongest = (h: readonly TxnRecord[]) => checkTransactions(h).report.strongest;

describe("issue 11's examples, with Elle's names", () => {
  it('a lost update with no later read (list-append) is lost-update and G2-item', () => {
    const h = [
      ok('t1', undefined, ['r', 'x', []], ['append', 'x', 1]),
      ok('t2', undefined, ['r', 'x', []], ['append', 'x', 2]),
    ];
    expect(anomalies(h)).toEqual(['lost-update: t1 t2', 'G2-item: t1 t2']);
    expect(cycleOf(h)).toBe('t1 -rw(x)-> t2 -rw(x)-> t1');
    expect(checkTransactions(h).report.anomalies[0]!.summary).toBe(
      'lost-update: t1, t2 each read x = [], then wrote x',
    );
  });

  it('write skew with no final read (list-append) is G2-item', () => {
    const h = [
      ok('t1', undefined, ['r', 'x', []], ['r', 'y', []], ['append', 'x', 1]),
      ok('t2', undefined, ['r', 'x', []], ['r', 'y', []], ['append', 'y', 1]),
    ];
    expect(anomalies(h)).toEqual(['G2-item: t1 t2']);
    expect(cycleOf(h)).toBe('t1 -rw(y)-> t2 -rw(x)-> t1');
  });

  it('a client missing its own earlier append in a transaction is internal', () => {
    const h = [ok('t1', 0, ['append', 'x', 1], ['r', 'x', []])];
    expect(anomalies(h)).toEqual(['internal: t1']);
  });

  it('a client missing its own earlier transaction’s append is G-single-process', () => {
    const h = [ok('t1', 0, ['append', 'x', 1]), ok('t2', 0, ['r', 'x', []])];
    expect(anomalies(h)).toEqual(['G-single-process: t1 t2']);
  });

  it("a read showing a transaction's second append without its first is incompatible-order", () => {
    const h = [
      ok('t1', undefined, ['append', 'x', 1], ['append', 'x', 2]),
      ok('t2', undefined, ['r', 'x', [2]]),
    ];
    expect(anomalies(h)).toEqual(['incompatible-order: t2 t1']);
    const reversed = [
      ok('t1', undefined, ['append', 'x', 1], ['append', 'x', 2]),
      ok('t2', undefined, ['r', 'x', [2, 1]]),
    ];
    // [2, 1] also ends in t1's intermediate version.
    expect(anomalies(reversed)).toEqual(['incompatible-order: t2 t1', 'G1b: t1 t2']);
  });

  it('a non-repeatable register read inside a transaction (r x 1, r x 2) is internal', () => {
    const h = [
      ok('t1', undefined, ['w', 'x', 1]),
      ok('t2', undefined, ['w', 'x', 2]),
      ok('t3', undefined, ['r', 'x', 1], ['r', 'x', 2]),
    ];
    expect(anomalies(h)).toContain('internal: t3');
  });
});

describe("Elle's other rules", () => {
  it('list internal: a read that is not the last read plus the own appends since', () => {
    const h = [
      ok('t0', undefined, ['append', 'x', 5], ['append', 'x', 6]),
      ok('t1', undefined, ['r', 'x', [5]], ['append', 'x', 1], ['r', 'x', [5, 6, 1]]),
    ];
    expect(anomalies(h)).toContain('internal: t1');
    const repeat = [
      ok('t0', undefined, ['append', 'x', 5]),
      ok('t1', undefined, ['r', 'x', []], ['r', 'x', [5]]),
    ];
    expect(anomalies(repeat)).toEqual(['internal: t1', 'G-single: t0 t1']);
  });

  it('future-read: a transaction reads what it writes later', () => {
    expect(anomalies([ok('t1', undefined, ['r', 'x', [1]], ['append', 'x', 1])])).toContain(
      'future-read: t1',
    );
    expect(anomalies([ok('t1', undefined, ['r', 'x', 1], ['w', 'x', 1])])).toEqual([
      'future-read: t1',
    ]);
  });

  it('dirty-update: a committed append right after an aborted one', () => {
    const h = [
      aborted('t1', ['append', 'x', 1]),
      ok('t2', undefined, ['append', 'x', 2]),
      ok('t3', undefined, ['r', 'x', [1, 2]]),
    ];
    expect(anomalies(h)).toEqual(['dirty-update: t1 t2', 'G1a: t1 t3']);
  });

  it('an append no read shows is after every read of the last version shown (rw edges)', () => {
    // t2 read [1]; t3's unseen append comes after 1, so t2 precedes t3; t3 precedes t2 by y.
    const h = [
      ok('t1', undefined, ['append', 'x', 1]),
      ok('t2', undefined, ['r', 'x', [1]], ['r', 'y', [3]]),
      ok('t3', undefined, ['append', 'x', 2], ['append', 'y', 3]),
    ];
    expect(anomalies(h)).toEqual(['G-single: t2 t3']);
    expect(cycleOf(h)).toBe('t2 -rw(x)-> t3 -wr(y)-> t2');
  });

  it('G-nonadjacent: two anti-dependencies, never in a row', () => {
    const h = [
      ok('t1', undefined, ['r', 'x', []], ['r', 'b', [1]]),
      ok('t2', undefined, ['append', 'x', 1], ['append', 'a', 1]),
      ok('t3', undefined, ['r', 'a', [1]], ['r', 'y', []]),
      ok('t4', undefined, ['append', 'y', 1], ['append', 'b', 1]),
    ];
    expect(anomalies(h)).toEqual(['G-nonadjacent: t1 t2 t3 t4']);
    expect(strongest(h)).toBe('read-committed');
  });
});

describe('transactions of unknown outcome (Jepsen :info)', () => {
  it('reading their writes is no G1a, and unseen ones raise nothing', () => {
    const h = [
      unknown('t1', ['append', 'x', 1]),
      unknown('t2', ['append', 'x', 2]),
      ok('t3', undefined, ['r', 'x', [1]]),
    ];
    expect(anomalies(h)).toEqual([]);
  });

  it('a seen one committed: it takes part in cycles through its writes', () => {
    const h = [
      unknown('t1', ['append', 'x', 1], ['append', 'y', 1]),
      ok('t2', undefined, ['append', 'x', 2], ['append', 'y', 2]),
      ok('t3', undefined, ['r', 'x', [1, 2]], ['r', 'y', [2, 1]]),
    ];
    expect(anomalies(h)).toEqual(['G0: t1 t2']);
  });

  it('its reads are ignored and it has no client order', () => {
    const h = [
      ok('t1', 0, ['append', 'x', 1]),
      unknown('t2', ['r', 'x', [7]], ['append', 'y', 1]),
      ok('t3', 0, ['r', 'x', [1]]),
    ];
    expect(anomalies(h)).toEqual([]);
  });
});

describe('strict serializability: real-time order', () => {
  it('is checked when every committed transaction has invoke and complete', () => {
    const h = [
      at(0, 1, ok('t1', undefined, ['append', 'x', 1])),
      at(2, 3, ok('t2', undefined, ['r', 'x', []])),
    ];
    expect(checkTransactions(h).report).toMatchObject({
      realtime: true,
      serializable: false,
      strongest: 'serializable',
    });
    expect(anomalies(h)).toEqual(['G-single-realtime: t1 t2']);
    expect(cycleOf(h)).toBe('t1 -realtime-> t2 -rw(x)-> t1');
  });

  it('concurrent transactions (overlapping, or touching at one instant) are unordered', () => {
    const h = [
      at(0, 2, ok('t1', undefined, ['append', 'x', 1])),
      at(2, 3, ok('t2', undefined, ['r', 'x', []])),
    ];
    expect(checkTransactions(h).report).toMatchObject({
      realtime: true,
      serializable: true,
      strongest: 'strict-serializable',
    });
  });

  it('G0-realtime and G1c-realtime', () => {
    const g0 = [
      at(0, 1, ok('t1', undefined, ['append', 'x', 2])),
      at(2, 3, ok('t2', undefined, ['append', 'x', 1])),
      at(4, 5, ok('t3', undefined, ['r', 'x', [1, 2]])),
    ];
    expect(anomalies(g0)).toEqual(['G0-realtime: t1 t2']);
    const g1c = [
      at(0, 1, ok('t1', undefined, ['r', 'x', [1]])),
      at(2, 3, ok('t2', undefined, ['append', 'x', 1])),
    ];
    expect(anomalies(g1c)).toEqual(['G1c-realtime: t1 t2']);
  });

  it('is not checked when a committed transaction has no times', () => {
    const h = [
      at(0, 1, ok('t1', undefined, ['append', 'x', 1])),
      ok('t2', undefined, ['r', 'x', []]),
    ];
    expect(checkTransactions(h).report).toMatchObject({
      realtime: false,
      serializable: true,
      strongest: 'serializable',
    });
  });

  it('edges are a transitive reduction: a chain of sequential transactions has one per step', () => {
    const n = 20_000;
    const h = Array.from({ length: n }, (_, i) =>
      at(2 * i, 2 * i + 1, ok(`t${i}`, undefined, ['append', `k${i}`, 1])),
    );
    const { report } = checkTransactions(h);
    expect(report).toMatchObject({ realtime: true, serializable: true, edges: n - 1 });
  });
});

describe("the ladder: the strongest of Elle's models the history satisfies", () => {
  const cases: [string, TxnRecord[], string][] = [
    ['nothing wrong, no times', [ok('t1', undefined, ['append', 'x', 1])], 'serializable'],
    [
      'write skew (G2-item)',
      [
        ok('t1', undefined, ['r', 'x', []], ['r', 'y', []], ['append', 'x', 1]),
        ok('t2', undefined, ['r', 'x', []], ['r', 'y', []], ['append', 'y', 1]),
      ],
      'snapshot-isolation',
    ],
    ['internal', [ok('t1', undefined, ['append', 'x', 1], ['r', 'x', []])], 'repeatable-read'],
    [
      'lost update',
      [
        ok('t1', undefined, ['r', 'x', []], ['append', 'x', 1]),
        ok('t2', undefined, ['r', 'x', []], ['append', 'x', 2]),
      ],
      'read-committed',
    ],
    [
      'G1a',
      [aborted('t1', ['append', 'x', 1]), ok('t2', undefined, ['r', 'x', [1]])],
      'read-uncommitted',
    ],
    [
      'G0',
      [
        ok('t1', undefined, ['append', 'x', 1], ['append', 'y', 2]),
        ok('t2', undefined, ['append', 'x', 2], ['append', 'y', 1]),
        ok('t3', undefined, ['r', 'x', [1, 2]], ['r', 'y', [1, 2]]),
      ],
      'none',
    ],
  ];
  for (const [name, h, model] of cases) {
    it(`${name}: ${model}`, () => expect(strongest(h)).toBe(model));
  }
});
