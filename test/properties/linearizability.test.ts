import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { keyValueReader, keyValueSpec } from '../../properties/key-value-spec.ts';
import {
  checkOperations,
  defaultReader,
  linearizability,
  OperationInputError,
  operations,
  ReaderError,
  showObservation,
  type HistoryReader,
  type SequentialSpec,
} from '../../properties/linearizability.ts';

/** `node` invokes `op`: `f(key)`, or `write(key, value)`. */
const invoke = (node: number, op: string, f: string, key = 'x', value?: number): Observation => ({
  node,
  kind: 'invoke',
  op,
  f,
  key,
  ...(value === undefined ? {} : { value }),
});
/** `op` returns `value` to `node`. */
const ok = (node: number, op: string, value: number): Observation => ({
  node,
  kind: 'ok',
  op,
  value,
});
const info = (node: number, op: string): Observation => ({ node, kind: 'info', op });
const fail = (node: number, op: string): Observation => ({ node, kind: 'fail', op });

const property = linearizability(keyValueSpec, keyValueReader);
const check = (history: History) => property.check(history, { nodes: 4, up: [] });

describe('linearizability property', () => {
  it('is a global safety property named linearizability', () => {
    expect(property).toMatchObject({ name: 'linearizability', kind: 'safety', scope: 'global' });
  });
});

describe('operations', () => {
  it('pairs invocations with answers, leaves the unanswered pending, drops failed ones', () => {
    const history: History = [
      invoke(0, 'a', 'incr'),
      { node: 1, kind: 'crash' },
      invoke(1, 'b', 'read'),
      ok(0, 'a', 1),
      invoke(2, 'c', 'incr'),
      invoke(3, 'd', 'write', 'y', 7),
      fail(2, 'c'),
      info(3, 'd'),
      ok(3, 'd', 7), // after info: the operation is closed already
      ok(9, 'zz', 3), // an answer to nothing
      invoke(0, 'a', 'read'), // a repeated id
    ];

    expect(operations(history, keyValueReader)).toEqual([
      { id: 'a', node: 0, input: { f: 'incr', key: 'x' }, output: 1, call: 0, ret: 3 },
      {
        id: 'b',
        node: 1,
        input: { f: 'read', key: 'x' },
        output: undefined,
        call: 2,
        ret: Infinity,
      },
      {
        id: 'd',
        node: 3,
        input: { f: 'write', key: 'y', value: 7 },
        output: undefined,
        call: 5,
        ret: Infinity,
      },
    ]);
  });

  it('reads the invocation’s own fields as the input by default', () => {
    const [op] = operations([invoke(0, 'a', 'incr', 'k'), ok(0, 'a', 1)], defaultReader);

    expect(op).toMatchObject({ input: { f: 'incr', key: 'k' }, output: 1 });
  });
});

describe('linearizable histories', () => {
  it('holds on the empty history and on a lone pending operation', () => {
    expect(check([])).toBeNull();
    expect(check([invoke(0, 'a', 'incr')])).toBeNull();
  });

  it('holds on sequential increments that count up', () => {
    const history = [invoke(0, 'a', 'incr'), ok(0, 'a', 1), invoke(1, 'b', 'incr'), ok(1, 'b', 2)];

    expect(check(history)).toBeNull();
  });

  it('orders overlapping operations by their results, not their answers', () => {
    // a and b overlap; b took effect first although a answered first.
    const history = [invoke(0, 'a', 'incr'), invoke(1, 'b', 'incr'), ok(0, 'a', 2), ok(1, 'b', 1)];

    expect(check(history)).toBeNull();
  });

  it('lets a read concurrent with a write see either value', () => {
    for (const seen of [0, 1]) {
      const history = [
        invoke(0, 'w', 'write', 'x', 1),
        invoke(1, 'r', 'read'),
        ok(1, 'r', seen),
        ok(0, 'w', 1),
      ];
      expect(check(history)).toBeNull();
    }
  });

  it('lets a pending increment take effect, or not', () => {
    for (const seen of [0, 1]) {
      const history = [invoke(0, 'a', 'incr'), invoke(1, 'r', 'read'), ok(1, 'r', seen)];
      expect(check(history)).toBeNull();
    }
  });

  it('lets an indeterminate (info) increment take effect after its invocation', () => {
    const history = [invoke(0, 'a', 'incr'), info(0, 'a'), invoke(1, 'r', 'read'), ok(1, 'r', 1)];

    expect(check(history)).toBeNull();
  });

  it('checks keys apart: each key is its own counter', () => {
    const history = [
      invoke(0, 'a', 'incr', 'x'),
      ok(0, 'a', 1),
      invoke(1, 'b', 'incr', 'y'),
      ok(1, 'b', 1),
    ];

    expect(check(history)).toBeNull();
  });

  it('orders twelve overlapping increments answered in reverse', () => {
    const n = 12;
    const history: Observation[] = [];
    for (let i = 0; i < n; i++) history.push(invoke(i, `o${i}`, 'incr'));
    for (let i = 0; i < n; i++) history.push(ok(i, `o${i}`, n - i));

    expect(check(history)).toBeNull();
  });
});

describe('non-linearizable histories', () => {
  it('reports a lost increment: two increments in a row both answer 1', () => {
    const history = [invoke(0, 'a', 'incr'), ok(0, 'a', 1), invoke(1, 'b', 'incr'), ok(1, 'b', 1)];

    expect(check(history)).toEqual({
      property: 'linearizability',
      message: 'not linearizable: b incr(x) → 1, with a incr(x) → 1',
      nodes: [0, 1],
      messages: ['b', 'a'],
    });
  });

  it('reports a stale read: a read after a completed write sees the old value', () => {
    const history = [
      invoke(0, 'w', 'write', 'x', 1),
      ok(0, 'w', 1),
      invoke(1, 'r', 'read'),
      ok(1, 'r', 0),
    ];

    expect(check(history)).toEqual({
      property: 'linearizability',
      message: 'not linearizable: r read(x) → 0, with w write(x, 1)',
      nodes: [0, 1],
      messages: ['r', 'w'],
    });
  });

  it('reports a value that appears and then disappears, with a pending increment', () => {
    const history = [
      invoke(0, 'a', 'incr'),
      invoke(1, 'r1', 'read'),
      ok(1, 'r1', 1),
      invoke(2, 'r2', 'read'),
      ok(2, 'r2', 0),
    ];

    expect(check(history)).toEqual({
      property: 'linearizability',
      message: 'not linearizable: r2 read(x) → 0, with a incr(x) → ?, r1 read(x) → 1',
      nodes: [0, 1, 2],
      messages: ['r2', 'a', 'r1'],
    });
  });

  it('does not let a failed increment take effect', () => {
    const history = [invoke(0, 'a', 'incr'), fail(0, 'a'), invoke(1, 'r', 'read'), ok(1, 'r', 1)];

    expect(check(history)).toMatchObject({ messages: ['r'], nodes: [1] });
  });

  it('reports an increment that skips a value, alone', () => {
    expect(check([invoke(3, 'a', 'incr'), ok(3, 'a', 2)])).toEqual({
      property: 'linearizability',
      message: 'not linearizable: a incr(x) → 2',
      nodes: [3],
      messages: ['a'],
    });
  });

  it('names the first answer that breaks it, not a later one', () => {
    const history = [
      invoke(0, 'a', 'incr'),
      ok(0, 'a', 1),
      invoke(1, 'b', 'incr'),
      invoke(2, 'c', 'incr'),
      ok(1, 'b', 1),
      ok(2, 'c', 7),
    ];

    expect(check(history)).toMatchObject({ messages: ['b', 'a', 'c'] });
  });

  it('memoizes: rejects an impossible read among 14 pending increments without trying 14! orders', () => {
    const history: Observation[] = [];
    for (let i = 0; i < 14; i++) history.push(invoke(i % 4, `o${i}`, 'incr'));
    history.push(invoke(0, 'r', 'read'), ok(0, 'r', 15));

    expect(check(history)).toMatchObject({
      messages: ['r', ...history.slice(0, 14).map((o) => o.op)],
    });
  });

  it('reports the broken key only', () => {
    const history = [
      invoke(0, 'a', 'incr', 'x'),
      ok(0, 'a', 1),
      invoke(1, 'b', 'incr', 'y'),
      ok(1, 'b', 1),
      invoke(1, 'c', 'read', 'y'),
      ok(1, 'c', 0),
    ];

    expect(check(history)).toMatchObject({ nodes: [1], messages: ['c', 'b'] });
  });
});

/** A FIFO queue: the checker is generic, and Herlihy & Wing's examples are about queues. */
type QueueInput = { readonly f: 'enq'; readonly v: number } | { readonly f: 'deq' };
const queueSpec: SequentialSpec<readonly number[], QueueInput, number | null> = {
  init: [],
  step: (q, input) =>
    input.f === 'enq'
      ? { state: [...q, input.v], output: null }
      : { state: q.slice(1), output: q[0] ?? null },
};
const q = (
  id: string,
  node: number,
  input: QueueInput,
  output: number | null,
  call: number,
  ret: number,
) => ({
  id,
  node,
  input,
  output,
  call,
  ret,
});

describe('checkOperations with a queue specification', () => {
  it('accepts a dequeue order that overlapping enqueues allow', () => {
    // enq(1) and enq(2) overlap, so deq may return 2 first.
    const ops = [
      q('e1', 0, { f: 'enq', v: 1 }, null, 0, 3),
      q('e2', 1, { f: 'enq', v: 2 }, null, 1, 2),
      q('d1', 0, { f: 'deq' }, 2, 4, 5),
      q('d2', 1, { f: 'deq' }, 1, 6, 7),
    ];

    expect(checkOperations(ops, queueSpec)).toEqual({ ok: true });
  });

  it('rejects a dequeue order that contradicts real time', () => {
    const ops = [
      q('e1', 0, { f: 'enq', v: 1 }, null, 0, 1),
      q('e2', 1, { f: 'enq', v: 2 }, null, 2, 3),
      q('d1', 0, { f: 'deq' }, 2, 4, 5),
    ];

    expect(checkOperations(ops, queueSpec)).toMatchObject({
      ok: false,
      op: 'd1',
      ops: ['d1', 'e1', 'e2'],
      nodes: [0, 1],
    });
  });
});

/** A call of the key-value store, for generated histories. */
const kvCall = fc.record({
  node: fc.nat(3),
  f: fc.constantFrom('incr', 'incr', 'read', 'write'),
  key: fc.constantFrom('x', 'y'),
  value: fc.nat(5),
});
type KvCall = typeof kvCall extends fc.Arbitrary<infer T> ? T : never;

/**
 * A linearizable history by construction: run the calls through the specification in order (that
 * order is the linearization), then stretch each operation's interval around its point, by the
 * generated slack, and list invocations and answers by time.
 */
function linearizableHistory(
  calls: readonly KvCall[],
  slack: readonly [number, number][],
): History {
  let state = keyValueSpec.init;
  const events: { time: number; o: Observation }[] = [];
  calls.forEach((c, i) => {
    const input = c.f === 'write' ? { f: c.f, key: c.key, value: c.value } : { f: c.f, key: c.key };
    const next = keyValueSpec.step(state, input as never)!;
    state = next.state;
    const point = 10 * i + 5;
    const [before, after] = slack[i] ?? [0, 0];
    const op = `o${i}`;
    events.push({
      time: point - 1 - before,
      o: invoke(c.node, op, c.f, c.key, c.f === 'write' ? c.value : undefined),
    });
    events.push({ time: point + 1 + after, o: ok(c.node, op, next.output) });
  });
  // Ties: invocations before answers keeps every interval around its point.
  return events
    .map((e, k) => ({ ...e, k }))
    .sort(
      (a, b) =>
        a.time - b.time || Number(a.o.kind === 'ok') - Number(b.o.kind === 'ok') || a.k - b.k,
    )
    .map((e) => e.o);
}

const slacks = fc.array(fc.tuple(fc.nat(25), fc.nat(25)), { maxLength: 8 });

describe('linearizability, property-based', () => {
  test.prop([fc.array(kvCall, { maxLength: 8 }), slacks])(
    'holds on histories stretched around a sequential run',
    (calls, slack) => {
      expect(check(linearizableHistory(calls, slack))).toBeNull();
    },
  );

  test.prop([fc.array(kvCall, { minLength: 1, maxLength: 8 }), fc.nat()])(
    'reports a wrong increment answer in a sequential history, naming it first',
    (calls, pick) => {
      // Arrange: no overlap, so the only linearization is real-time order; one answer is off by one.
      const withIncr: KvCall[] = [...calls, { node: 0, f: 'incr', key: 'x', value: 0 }];
      const history = linearizableHistory(withIncr, []).slice();
      const answers = history.flatMap((o, i) =>
        o.kind === 'ok' && history[i - 1]?.f === 'incr' ? [i] : [],
      );
      const at = answers[pick % answers.length]!;
      const wrong = history[at]!;
      history[at] = { ...wrong, value: (wrong.value as number) + 1 };

      // Act
      const verdict = check(history);

      // Assert
      expect(verdict?.messages[0]).toBe(wrong.op);
      expect(verdict?.nodes).toContain(wrong.node);
    },
  );
});

/** The OperationInputError `operations` raises on `history` (any other error fails the test). */
function inputErrorOf(history: History, reader: HistoryReader<unknown, unknown> = keyValueReader) {
  try {
    operations(history, reader);
  } catch (e) {
    if (e instanceof OperationInputError) return { index: e.index, message: e.message };
    throw e;
  }
  throw new Error('no error');
}

describe('operations: bad input', () => {
  it('refuses an ok without a numeric value, showing it, instead of a TypeError', () => {
    const history: History = [invoke(0, 'a', 'incr'), { node: 0, kind: 'ok', op: 'a' }];
    expect(inputErrorOf(history)).toEqual({
      index: 1,
      message: 'an ok needs an integer value, not nothing: {"kind":"ok","node":0,"op":"a"}',
    });
    const text: History = [invoke(0, 'a', 'read'), { node: 0, kind: 'ok', op: 'a', value: '3' }];
    expect(inputErrorOf(text).message).toMatch(/^an ok needs an integer value, not "3": /);
  });

  it('refuses an unknown operation instead of treating it as a write', () => {
    const history: History = [
      invoke(0, 'a', 'incr'),
      ok(0, 'a', 1),
      invoke(1, 'b', 'cas', 'x', 5),
      ok(1, 'b', 5),
    ];
    expect(inputErrorOf(history)).toEqual({
      index: 2,
      message:
        'unknown operation f "cas" (not incr, read or write): ' +
        '{"f":"cas","key":"x","kind":"invoke","node":1,"op":"b","value":5}',
    });
  });

  it('refuses an unknown operation even when it failed', () => {
    expect(inputErrorOf([invoke(0, 'a', 'delete'), fail(0, 'a')]).index).toBe(0);
  });

  it('refuses a node that is not a non-negative integer', () => {
    expect(inputErrorOf([{ ...invoke(0, 'a', 'incr'), node: -1 }]).message).toMatch(
      /^node must be a non-negative integer: /,
    );
  });

  it('refuses what a reader makes NaN of, and NaN with the default reader', () => {
    const loose: HistoryReader<unknown, number> = {
      input: (o) => o['f'],
      output: (o) => Number(o['value']),
    };
    const history: History = [invoke(0, 'a', 'incr'), { node: 0, kind: 'ok', op: 'a' }];
    expect(inputErrorOf(history, loose).message).toMatch(/^read as NaN: /);
    const nan = [invoke(0, 'a', 'incr'), { node: 0, kind: 'ok', op: 'a', value: Number.NaN }];
    expect(inputErrorOf(nan, defaultReader)).toEqual({
      index: 1,
      message: 'an ok’s value must be JSON: {node: 0, kind: "ok", op: "a", value: NaN}',
    });
  });

  it('lets errors other than a reader’s through', () => {
    const broken: HistoryReader<unknown, unknown> = {
      input: () => {
        throw new RangeError('bug');
      },
      output: () => 0,
    };
    expect(() => operations([invoke(0, 'a', 'incr')], broken)).toThrow(RangeError);
  });

  it('shows an observation in at most 200 characters, on one line', () => {
    expect(showObservation({ node: 0, kind: 'ok', note: 'x'.repeat(300) })).toHaveLength(200);
    expect(new OperationInputError(0, 'a\nb').message).toBe('a\\u000ab');
    expect(new ReaderError('why')).toBeInstanceOf(Error);
  });
});

/** Any observation a client might record, with fields of any JSON type (or none). */
const anyObservation: fc.Arbitrary<Observation> = fc.record(
  {
    node: fc.oneof(fc.nat(3), fc.integer({ min: -2, max: -1 })),
    kind: fc.constantFrom('invoke', 'ok', 'info', 'fail', 'crash'),
    op: fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.nat(2)),
    f: fc.oneof(fc.constantFrom('incr', 'read', 'write'), fc.string({ maxLength: 3 })),
    key: fc.oneof(fc.constantFrom('x', 'y'), fc.jsonValue()),
    value: fc.oneof(fc.nat(4), fc.jsonValue(), fc.constant(Number.NaN)),
  },
  { requiredKeys: ['node', 'kind'] },
) as fc.Arbitrary<Observation>;

describe('operations and the checker, fuzzed', () => {
  test.prop([fc.array(anyObservation, { maxLength: 10 })], { numRuns: 500 })(
    'arbitrary observations give operations and a verdict, or an OperationInputError',
    (history) => {
      for (const reader of [keyValueReader, defaultReader] as HistoryReader<never, never>[]) {
        let ops;
        try {
          ops = operations(history, reader);
        } catch (e) {
          expect(e).toBeInstanceOf(OperationInputError);
          expect((e as Error).message).not.toMatch(/[\n\r]/);
          continue;
        }
        if (reader === (keyValueReader as unknown)) {
          expect(() => checkOperations(ops, keyValueSpec)).not.toThrow();
        }
      }
    },
  );
});
