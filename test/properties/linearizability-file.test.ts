import fs from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { keyValueReader, keyValueSpec } from '../../properties/key-value-spec.ts';
import {
  checkLinearizabilityFile,
  HistoryFileError,
  parseObservations,
  readOperations,
} from '../../properties/linearizability-file.ts';
import { defaultReader } from '../../properties/linearizability.ts';

const lines = (...l: string[]) => l.join('\n');
const invoke = (node: number, op: string, f: string, extra = '') =>
  `{"node":${node},"kind":"invoke","op":"${op}","f":"${f}","key":"x"${extra}}`;
const ok = (node: number, op: string, value: string) =>
  `{"node":${node},"kind":"ok","op":"${op}","value":${value}}`;

/** `line: message` of the HistoryFileError `read` raises (any other error fails the test). */
function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    if (e instanceof HistoryFileError) return `${e.line}: ${e.message}`;
    throw e;
  }
  throw new Error('no error');
}
const check = (input: string | Uint8Array) =>
  checkLinearizabilityFile(input, keyValueSpec, keyValueReader);

describe('parseObservations', () => {
  it('reads one observation per non-blank line, with line numbers', () => {
    const text = lines(invoke(0, 'a', 'incr'), '', ok(0, 'a', '1'));
    expect(parseObservations(text)).toEqual({
      history: [
        { node: 0, kind: 'invoke', op: 'a', f: 'incr', key: 'x' },
        { node: 0, kind: 'ok', op: 'a', value: 1 },
      ],
      lines: [1, 3],
    });
  });

  it.each([
    ['[]', '1: expected an object {"node":…,"kind":…}'],
    ['{"kind":"ok"}', '1: node: expected a non-negative integer'],
    ['{"node":1.5,"kind":"ok"}', '1: node: expected a non-negative integer'],
    ['{"node":0,"kind":""}', '1: kind: expected a non-empty string'],
    ['{"node":0,"kind":"ok","op":1}', '1: op: expected a string'],
    ['', 'null: no observations: the history is empty'],
  ])('refuses %s', (text, expected) => {
    expect(errorOf(() => parseObservations(text))).toBe(expected);
  });
});

describe('checkLinearizabilityFile', () => {
  it('holds on a linearizable history and reports a lost increment', () => {
    expect(check(lines(invoke(0, 'a', 'incr'), ok(0, 'a', '1')))).toEqual({ ok: true });
    const lost = lines(
      invoke(0, 'a', 'incr'),
      ok(0, 'a', '1'),
      invoke(1, 'b', 'incr'),
      ok(1, 'b', '1'),
    );
    expect(check(lost)).toMatchObject({ ok: false, op: 'b', nodes: [0, 1] });
  });

  it('reports the lost increment of the example file', () => {
    const file = fs.readFileSync('examples/histories/linearizability/kv-lost-increment.jsonl');
    expect(check(file)).toEqual({
      ok: false,
      op: 'c',
      ops: ['c', 'a', 'b'],
      nodes: [0, 1],
      message: 'not linearizable: c incr(x) → 1, with a incr(x) → 1, b read(x) → 1',
    });
  });

  it('names the line of an ok without a numeric value, and of an unknown operation', () => {
    const noValue = lines(invoke(0, 'a', 'incr'), '', '{"node":0,"kind":"ok","op":"a"}');
    expect(errorOf(() => check(noValue))).toBe(
      '3: an ok needs an integer value, not nothing: {"kind":"ok","node":0,"op":"a"}',
    );
    const unknown = lines(invoke(0, 'a', 'incr'), invoke(1, 'b', 'cas', ',"value":2'));
    expect(errorOf(() => check(unknown))).toMatch(/^2: unknown operation f "cas" /);
  });

  it('refuses an integer beyond 2^53 − 1 and invalid UTF-8 with their line', () => {
    const exact = lines(invoke(0, 'a', 'write', ',"value":9007199254740993'));
    expect(errorOf(() => check(exact))).toMatch(/^1: integer 9007199254740993 is beyond/);
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode(`${invoke(0, 'a', 'incr')}\n"`),
      0xff,
    ]);
    expect(errorOf(() => check(bytes))).toMatch(/^2: not UTF-8: byte 2 /);
  });

  it('refuses a history with no operation', () => {
    expect(errorOf(() => readOperations('{"node":0,"kind":"crash"}', defaultReader))).toMatch(
      /^null: no operations: /,
    );
  });
});

/** A line of a concurrent history, roughed up: fields of any JSON type, or any JSON at all. */
const roughLine = fc.oneof(
  fc
    .record(
      {
        node: fc.oneof(fc.nat(2), fc.jsonValue()),
        kind: fc.constantFrom('invoke', 'ok', 'info', 'fail', '', 'crash'),
        op: fc.oneof(fc.constantFrom('a', 'b'), fc.jsonValue()),
        f: fc.oneof(fc.constantFrom('incr', 'read', 'write'), fc.string({ maxLength: 3 })),
        key: fc.oneof(fc.constant('x'), fc.jsonValue()),
        value: fc.oneof(fc.nat(3), fc.jsonValue()),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  fc.json(),
);

describe('checkLinearizabilityFile, fuzzed', () => {
  const onlyFileErrors = (input: string | Uint8Array) => {
    for (const reader of [keyValueReader, defaultReader]) {
      try {
        if (reader === keyValueReader) check(input);
        else readOperations(input, reader);
      } catch (e) {
        expect(e).toBeInstanceOf(HistoryFileError);
        expect((e as Error).message).not.toMatch(/[\n\r]/);
      }
    }
  };

  test.prop([fc.uint8Array({ maxLength: 300 })])('arbitrary bytes', onlyFileErrors);

  test.prop([fc.array(roughLine, { maxLength: 8 })], { numRuns: 300 })(
    'arbitrary and roughed-up JSON lines',
    (l) => onlyFileErrors(l.join('\n')),
  );

  test.prop([
    fc.array(
      fc.record({
        node: fc.nat(3),
        kind: fc.constantFrom('invoke', 'ok', 'info', 'fail', 'crash'),
        op: fc.constantFrom('a', 'b', 'c'),
        f: fc.constantFrom('incr', 'read', 'write'),
        key: fc.constantFrom('x', 'y'),
        value: fc.maxSafeInteger(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  ])('a valid history reads back as written', (history) => {
    const text = history.map((o) => JSON.stringify(o)).join('\n');
    expect(parseObservations(text)).toEqual({ history, lines: history.map((_, i) => i + 1) });
  });
});
