import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  checkHistoryFile,
  HistoryFileError,
  parseHistory,
} from '../../../properties/serializability/history-file.ts';
import type { TxnOp, TxnRecord } from '../../../properties/serializability/transactions.ts';

/** The line and message of the error `input` raises (any other error fails the test). */
function errorOf(
  input: string | Uint8Array,
  read: (input: string | Uint8Array) => unknown = parseHistory,
): string {
  try {
    read(input);
  } catch (e) {
    if (e instanceof HistoryFileError) return `${e.line}: ${e.message}`;
    throw e;
  }
  throw new Error('no error');
}

const line = (ops: string, extra = '') => `{"status":"committed","ops":${ops}${extra}}`;

describe('parseHistory', () => {
  it('reads one record per line, skipping blank ones, and keeps line numbers', () => {
    const text = `\n${line('[["append","x",1]]')}\n  \n{"id":7,"process":"p","status":"aborted","ops":[]}\n`;
    expect(parseHistory(text)).toEqual({
      records: [
        { status: 'committed', ops: [['append', 'x', 1]] },
        { id: 7, process: 'p', status: 'aborted', ops: [] },
      ],
      lines: [2, 4],
    });
  });

  it('accepts reads of lists, scalars and null', () => {
    const ops = '[["r","x",[1,"a"]],["r","y",3],["r","z",null],["w","k","v"]]';
    expect(parseHistory(line(ops)).records[0]!.ops).toHaveLength(4);
  });

  it.each([
    ['{bad', /^1: not JSON: /],
    ['[1,2]', /^1: Invalid input: expected object, received array$/],
    ['{"ops":[]}', /^1: status: expected 'committed', 'aborted' or 'unknown'$/],
    ['{"status":"done","ops":[]}', /^1: status: expected 'committed', 'aborted' or 'unknown'$/],
    [line('"no"'), /^1: ops: expected a list of operations$/],
    [line('[["x","k",1]]'), /^1: ops\[0\]\[0\]: expected 'r', 'append' or 'w'$/],
    [line('[["append",null,1]]'), /^1: ops\[0\]\[1\]: expected a string or a number$/],
    [line('[["append","k",[1]]]'), /^1: ops\[0\]\[2\]: 'append' needs a string or number value$/],
    [line('[["r","k",{}]]'), /^1: ops\[0\]\[2\]: a read returns null/],
    [line('[["append","k"]]'), /^1: ops\[0\]: /],
    [line('[]', ',"when":3'), /^1: Unrecognized key: "when"$/],
  ])('rejects %s with its line and reason', (text, expected) => {
    expect(errorOf(text)).toMatch(expected);
  });

  it('names the first bad line, after good ones', () => {
    expect(errorOf(`${line('[]')}\n\n${line('[]')}\n{"status":1,"ops":[]}`)).toMatch(/^4: status/);
  });

  it('refuses a history without a transaction: a check pointed at the wrong file fails', () => {
    for (const text of ['', '\n  \n', new Uint8Array()]) {
      expect(errorOf(text)).toBe('null: no transactions: the history is empty');
    }
  });

  it('reads bytes as UTF-8 and refuses invalid UTF-8 with its line', () => {
    const good = new TextEncoder().encode(line('[["w","clé",1]]'));
    expect(parseHistory(good).records[0]!.ops[0]).toEqual(['w', 'clé', 1]);
    // Two Latin-1 keys would both decode to U+FFFD and compare equal.
    const bad = Uint8Array.from([...good, 0x0a, ...new TextEncoder().encode(line('[["w","cl'))]);
    const latin1 = Uint8Array.from([...bad, 0xe9, ...new TextEncoder().encode('",2]]')]);
    expect(errorOf(latin1)).toMatch(/^2: not UTF-8: byte 39 of the line \(0xe9\)/);
  });

  it('reads integers exactly: one beyond 2^53 − 1 is refused with its line', () => {
    const big = `${line('[["w","x",9007199254740991]]')}\n${line('[["r","x",9007199254740993]]')}`;
    expect(errorOf(big)).toMatch(/^2: integer 9007199254740993 is beyond ±\(2\^53 − 1\)/);
    expect(parseHistory(line('[["w","x","9007199254740993"]]')).records).toHaveLength(1);
  });
});

describe('checkHistoryFile', () => {
  it('checks a file, and gives the checker’s input errors their line', () => {
    const text = `${line('[["append","x",1]]')}\n\n${line('[["append","x",1]]')}`;
    expect(errorOf(text, checkHistoryFile)).toBe(
      '3: element 1 is appended to x again (first by record 1)',
    );
    const skew = [
      '{"id":"a","status":"committed","ops":[["r","x",null],["w","y",1]]}',
      '{"id":"b","status":"committed","ops":[["r","y",null],["w","x",1]]}',
    ].join('\n');
    expect(checkHistoryFile(skew)).toMatchObject({
      style: 'rw-register',
      report: { serializable: false, counts: { 'G2-item': 1 } },
    });
  });
});

const scalar = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -20, max: 20 }),
  fc.maxSafeInteger(),
  // Any double, but -0 (written as 0) and the integers beyond 2^53 − 1 written without an exponent.
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((x) => (x === 0 ? 0 : x))
    .filter((x) => !Number.isInteger(x) || Number.isSafeInteger(x) || Math.abs(x) >= 1e21),
);
const op: fc.Arbitrary<TxnOp> = fc.oneof(
  fc.tuple(fc.constant('append' as const), scalar, scalar),
  fc.tuple(fc.constant('w' as const), scalar, scalar),
  fc.tuple(
    fc.constant('r' as const),
    scalar,
    fc.oneof(fc.constant(null), scalar, fc.array(scalar, { maxLength: 3 })),
  ),
);
const txn: fc.Arbitrary<TxnRecord> = fc.record(
  {
    id: scalar,
    process: scalar,
    status: fc.constantFrom('committed' as const, 'aborted' as const),
    ops: fc.array(op, { maxLength: 4 }),
  },
  { requiredKeys: ['status', 'ops'] },
);

/** A history file's line, roughed up: a field dropped, renamed or given another JSON value. */
const roughLine = fc
  .tuple(txn, fc.constantFrom('id', 'process', 'status', 'ops', 'when'), fc.jsonValue())
  .chain(([t, field, value]) =>
    fc.constantFrom(
      JSON.stringify(t),
      JSON.stringify({ ...t, [field]: value }),
      JSON.stringify({ ...t, ops: [...t.ops, value] }),
      JSON.stringify(value),
    ),
  );

describe('parseHistory and checkHistoryFile, fuzzed', () => {
  /** Runs `read` on `input`: it returns, or throws a one-line HistoryFileError, nothing else. */
  const onlyFileErrors = (input: string | Uint8Array) => {
    for (const read of [parseHistory, checkHistoryFile]) {
      try {
        read(input);
      } catch (e) {
        expect(e).toBeInstanceOf(HistoryFileError);
        expect((e as Error).message).not.toMatch(/[\n\r]/);
      }
    }
  };

  test.prop([fc.uint8Array({ maxLength: 300 })])('arbitrary bytes', onlyFileErrors);

  test.prop([fc.array(fc.json(), { maxLength: 6 })])('arbitrary JSON lines', (lines) =>
    onlyFileErrors(lines.join('\n')),
  );

  test.prop([fc.array(roughLine, { maxLength: 6 })], { numRuns: 300 })(
    'lines that almost fit the format',
    (lines) => onlyFileErrors(lines.join('\n')),
  );

  test.prop([fc.array(txn, { minLength: 1, maxLength: 6 })])(
    'a valid history reads back as written, from text or bytes',
    (records) => {
      const text = records.map((r) => JSON.stringify(r)).join('\n');
      const lines = records.map((_, i) => i + 1);
      expect(parseHistory(text)).toEqual({ records, lines });
      expect(parseHistory(new TextEncoder().encode(text))).toEqual({ records, lines });
    },
  );
});
