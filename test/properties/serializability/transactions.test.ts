import { describe, expect, it } from 'vitest';
import {
  checkTransactions,
  HistoryInputError,
  validateRecords,
  type TxnRecord,
} from '../../../properties/serializability/transactions.ts';

describe('checkTransactions, on records built in code', () => {
  it('refuses an unknown operation or a value that is not finite, naming the record', () => {
    const good: TxnRecord = { status: 'committed', ops: [['w', 'x', 1]] };
    const unknown = { status: 'committed', ops: [['incr', 'x', 1]] } as unknown as TxnRecord;
    const nan: TxnRecord = { status: 'committed', ops: [['w', 'y', Number.NaN]] };
    for (const [bad, why] of [
      [unknown, "ops[0][0]: expected 'r', 'append' or 'w'"],
      [nan, "ops[0][2]: 'w' needs a string or number value"],
    ] as const) {
      let error: unknown;
      try {
        checkTransactions([good, bad]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(HistoryInputError);
      expect(error).toMatchObject({ index: 1, message: why });
    }
  });

  it('validates records of unknown type', () => {
    expect(() => validateRecords([{ status: 'committed', ops: [] }])).not.toThrow();
    expect(() => validateRecords([null])).toThrow(HistoryInputError);
  });

  it('makes its messages one line', () => {
    const h: TxnRecord[] = [
      { id: 'a\nb', status: 'committed', ops: [] },
      { id: 'a\nb', status: 'committed', ops: [] },
    ];
    expect(() => checkTransactions(h)).toThrow('transaction id a\\u000ab is already used');
  });
});
