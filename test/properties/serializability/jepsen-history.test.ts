import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkHistoryFile,
  parseHistory,
} from '../../../properties/serializability/history-file.ts';
import {
  checkJepsenFile,
  parseJepsenHistory,
  type JepsenFormat,
} from '../../../properties/serializability/jepsen-history.ts';
import { HistoryFileError } from '../../../properties/json-lines.ts';

const fixture = (name: string) => fs.readFileSync(`test/fixtures/jepsen/${name}`);
/** Each Jepsen fixture (elle-cli JSON as one array, or one op per line) and its format. */
const FIXTURES: [string, JepsenFormat][] = [
  ['lost-update.edn', 'edn'],
  ['lost-update.json', 'elle-json'],
  ['g-single.edn', 'edn'],
  ['g-single.elle.jsonl', 'elle-json'],
  ['clean-register.edn', 'edn'],
  ['clean-register.json', 'elle-json'],
];

/** The HistoryFileError `read` throws. */
function errorOf(read: () => unknown): HistoryFileError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(HistoryFileError);
    return e as HistoryFileError;
  }
  throw new Error('expected a HistoryFileError');
}

const edn = (text: string) => parseJepsenHistory(text, 'edn');

describe('Jepsen histories: the fixtures', () => {
  it.each(FIXTURES)(
    '%s (%s) reads as the records of its JSON-lines twin and gets the same verdict',
    (file, format) => {
      const twin = fixture(file.replace(/\.(edn|json|elle\.jsonl)$/, '.jsonl'));
      expect(parseJepsenHistory(fixture(file), format).records).toEqual(parseHistory(twin).records);
      expect(checkJepsenFile(fixture(file), format)).toEqual(checkHistoryFile(twin));
    },
  );

  it('gives each record the line of its invocation, and counts the nemesis ops skipped', () => {
    const h = parseJepsenHistory(fixture('lost-update.edn'), 'edn');
    expect(h.lines).toEqual([3, 4, 8]);
    expect(h.skipped).toBe(1);
    expect(parseJepsenHistory(fixture('g-single.edn'), 'edn').lines).toEqual([3, 4, 7, 9, 11]);
  });

  it('finds the anomalies: lost update, G-single, none', () => {
    expect(checkJepsenFile(fixture('lost-update.edn'), 'edn').report.counts).toMatchObject({
      'lost-update': 1,
    });
    expect(checkJepsenFile(fixture('g-single.elle.jsonl'), 'elle-json').report.counts).toEqual({
      'G-single': 1,
    });
    expect(checkJepsenFile(fixture('clean-register.edn'), 'edn').report.serializable).toBe(true);
  });
});

describe('Jepsen histories: pairing', () => {
  it('pairs by process: ok commits with the completion’s reads, fail aborts, info is unknown', () => {
    const h = edn(`
      {:type :invoke, :f :txn, :value [[:r :x nil] [:append :x 1]], :process 0, :time 5, :index 0}
      {:type :invoke, :f :txn, :value [[:append :y 1]], :process 1, :time 6, :index 1}
      {:type :invoke, :f :txn, :value [[:append :z 1] [:r :z nil]], :process 2, :time 7, :index 2}
      {:type :fail, :f :txn, :process 1, :time 8, :index 3}
      {:type :ok, :f :txn, :value [[:r :x []] [:append :x 1]], :process 0, :time 9, :index 4}
      {:type :info, :f :txn, :value nil, :process 2, :time 10, :index 5}
      {:type :invoke, :f :txn, :value [[:append :w 1] [:r :w nil]], :process 3, :time 11, :index 6}`);
    expect(h.records).toEqual([
      {
        id: 'op0',
        process: 0,
        status: 'committed',
        invoke: 5,
        complete: 9,
        ops: [
          ['r', 'x', []],
          ['append', 'x', 1],
        ],
      },
      {
        id: 'op1',
        process: 1,
        status: 'aborted',
        invoke: 6,
        complete: 8,
        ops: [['append', 'y', 1]],
      },
      { id: 'op2', process: 2, status: 'unknown', ops: [['append', 'z', 1]] },
      { id: 'op6', process: 3, status: 'unknown', ops: [['append', 'w', 1]] },
    ]);
  });

  it('takes times from :index when some op has no :time, and none when neither is everywhere', () => {
    const ops = `{:type :invoke, :value [[:append :x 1]], :process 0, :index 3}
                 {:type :ok, :value [[:append :x 1]], :process 0, :time 9, :index 7}`;
    expect(edn(ops).records[0]).toMatchObject({ invoke: 3, complete: 7 });
    const bare = `{:type :invoke, :value [[:append :x 1]], :process 0}
                  {:type :ok, :value [[:append :x 1]], :process 0, :index 7}`;
    expect(edn(bare).records[0]).toEqual({
      process: 0,
      status: 'committed',
      ops: [['append', 'x', 1]],
    });
  });

  it('reads completion-only histories (as Elle’s tests write them), keywords as strings', () => {
    const h = edn(`{:type :ok, :value [[:append :x "a"] [:r 3 [:b 2]]], :process :p1}`);
    expect(h.records).toEqual([
      {
        process: 'p1',
        status: 'committed',
        ops: [
          ['append', 'x', 'a'],
          ['r', 3, ['b', 2]],
        ],
      },
    ]);
  });

  it('reads a vector or list of ops, record literals, comments, commas and discarded forms', () => {
    const one = '{:type :ok, :value [[:append :x 1]], :process 0}';
    for (const text of [
      `[${one}]`,
      `(${one})`,
      `#jepsen.history.Op${one}`,
      `; a comment\n,,${one} #_{:type :bogus}`,
      `[#_ 1 ${one}, ]`,
    ]) {
      expect(edn(text).records).toHaveLength(1);
    }
  });

  it('reads elle-cli JSON as an array over lines or one op per line', () => {
    const op = (i: number) => `{"type":"ok","value":[["append","x",${i}]],"process":${i}}`;
    expect(parseJepsenHistory(`[${op(1)},\n${op(2)}\n]`, 'elle-json').lines).toEqual([1, 2]);
    expect(parseJepsenHistory(`${op(1)}\n\n${op(2)}`, 'elle-json').lines).toEqual([1, 3]);
  });

  it('keeps integers exact: 2^53 − 1 reads as itself, a safe N integer as a number', () => {
    const h = edn(
      '{:type :ok, :value [[:append :x 9007199254740991] [:append :x 7N]], :process 0}',
    );
    expect(h.records[0]!.ops).toEqual([
      ['append', 'x', 9007199254740991],
      ['append', 'x', 7],
    ]);
  });
});

describe('Jepsen histories: one-line errors at the op’s line', () => {
  const ok = (value: string, extra = '') => `{:type :ok, :value ${value}, :process 0${extra}}`;
  it.each([
    [ok('[[:append :x 9007199254740993]]'), 1, /element: the integer 9007199254740993, beyond/],
    [ok('[[:append :x 90071992547409930000N]]'), 1, /the integer 90071992547409930000N, beyond/],
    [ok('[[:append :x 1.5]]'), 1, /the number 1\.5, not an integer/],
    [ok('[[:append :x 1.0]]'), 1, /the number 1\.0, not an integer/],
    [ok('[[:append #{1} 1]]'), 1, /key: a set/],
    [ok('[[:r :x {:a 1}]]'), 1, /:value\[0\] read: a map/],
    [ok('[[:append x 1]]'), 1, /the symbol x/],
    [ok('[[:incr :x 1]]'), 1, /unknown micro-op "incr"/],
    [ok('[[:append :x]]'), 1, /a micro-op is \[f key value\]/],
    [ok('nil'), 1, /:value must be a vector of micro-ops/],
    [ok('[]', ' :f :read'), 1, /:f "read" is not txn/],
    [ok('[]', ' :time -1'), 1, /:time must be a non-negative integer/],
    [ok('[]', ' :index 2 :type :ok'), 1, /the key :type appears twice/],
    ['{:type :ok, :value []}', 1, /:process is missing/],
    ['{:type :done, :value [], :process 0}', 1, /:type must be invoke, ok, fail or info/],
    ['{:type :ok :process}', 1, /a map needs an even number of forms/],
    [`${ok('[]')}\n{:type :ok, :value [[:r :x [1]) :process 1}`, 2, /expected "]" to close/],
    [`${ok('[]')}\n\n{:type :ok`, 3, /"\{" is never closed/],
    [`${ok('[]')}\n]`, 2, /unexpected "]"/],
    ['{:type :ok, :value [[:append :x "a]], :process 0}', 1, /a string that is never closed/],
    ['{:type :ok, :value [[:append :x "\\q"]], :process 0}', 1, /not EDN: /],
    ['{:type :ok, :value [[:append :x \\)]], :process 0}', 1, /character literal/],
    ['[1 2]', 1, /expected an op map \{:type …\}, found 1/],
    ['{1 2}', 1, /keys are keywords, not 1/],
  ])('%s → line %i', (text, line, message) => {
    const e = errorOf(() => edn(text));
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
    expect(e.message).not.toMatch(/\n/);
  });

  it.each([
    [
      '{:type :invoke, :value [[:append :x 1]], :process 0, :index 0}\n{:type :invoke, :value [], :process 0, :index 1}',
      2,
      'op 1: process 0 invokes again while its invoke at line 1 has no completion',
    ],
    [
      '{:type :invoke, :value [[:append :x 1]], :process 0}\n{:type :ok, :value [], :process 1}',
      2,
      'process 1 completes an op it never invoked',
    ],
    [
      '{:type :invoke, :value [[:append :x 1]], :process 0}\n{:type :ok, :value [[:append :x 2]], :process 0}',
      2,
      "micro-op 0 of the completion is not its invoke's (line 1)",
    ],
    [
      '{:type :invoke, :value [[:append :x 1]], :process 0}\n{:type :ok, :value [], :process 0}',
      2,
      'the completion has 0 micro-ops, its invoke (line 1) 1',
    ],
    [
      '{:type :invoke, :value [], :process 0, :time 9}\n{:type :ok, :value [], :process 0, :time 3}',
      2,
      'completes at time 3, before its invoke (9, line 1)',
    ],
    [
      '{:type :info, :f :kill, :process :nemesis}',
      null,
      'no transactions: the history has only nemesis ops (1)',
    ],
    ['  \n', null, 'no transactions: the history is empty'],
  ])('pairing: %s', (text, line, message) => {
    const e = errorOf(() => edn(text));
    expect([e.line, e.message]).toEqual([line, message]);
  });

  it('maps the checker’s input errors to the op’s line (an element appended twice)', () => {
    const text = `{:type :ok, :value [[:append :x 1]], :process 0}\n\n{:type :ok, :value [[:append :x 1]], :process 1}`;
    const e = errorOf(() => checkJepsenFile(text, 'edn'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/element 1 is appended to x again/);
  });

  it.each([
    [
      '[{"type":"ok","value":[["append","x",9007199254740993]],"process":0}]',
      1,
      /integer 9007199254740993 is beyond/,
    ],
    ['[{"type":"ok","value":[],"process":0},\n]', 1, /a ',' after the last operation/],
    [
      '[{"type":"ok","value":[],"process":0}\n {"type":"ok","value":[],"process":1}]',
      2,
      /expected ',' between operations/,
    ],
    [
      '[{"type":"ok","value":[],"process":0},\n{"type":"ok","value":[["append",{"a":1},2]],"process":1}]',
      2,
      /value\[0\] key: a map/,
    ],
    [
      '{"type":"ok","value":[["r","x",[1.5]]],"process":0}',
      1,
      /value\[0\] read\[0\]: the number 1\.5/,
    ],
    ['{"type":"ok","value":[],"process":0}\n{"type":"ok",}', 2, /not JSON/],
    ['[1]', 1, /expected an op object/],
  ])('elle-cli JSON: %s → line %i', (text, line, message) => {
    const e = errorOf(() => parseJepsenHistory(text, 'elle-json'));
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
  });

  it('refuses invalid UTF-8 with its line', () => {
    const bytes = Buffer.concat([
      Buffer.from(
        '{:type :ok, :value [[:append :x 1]], :process 0}\n{:type :ok, :value [[:append :x "',
      ),
      Buffer.from([0xe9]),
      Buffer.from('"]], :process 1}'),
    ]);
    const e = errorOf(() => parseJepsenHistory(bytes, 'edn'));
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/^not UTF-8: byte 34 of the line \(0xe9\)/);
  });
});
