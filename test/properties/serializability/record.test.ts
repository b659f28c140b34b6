import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fits, recordProblem } from '../../../properties/serializability/record.ts';

describe('recordProblem', () => {
  it('accepts a record and says what is wrong with the others, with the path', () => {
    expect(recordProblem({ status: 'committed', ops: [['r', 'x', [1, 'a']]] })).toBeNull();
    expect(recordProblem({ status: 'committed', ops: [['incr', 'x', 1]] })).toBe(
      "ops[0][0]: expected 'r', 'append' or 'w'",
    );
    expect(recordProblem({ status: 'committed', ops: [['w', 'x', Number.NaN]] })).toBe(
      "ops[0][2]: 'w' needs a string or number value",
    );
    expect(recordProblem({ status: 'committed', ops: [], id: Infinity })).toMatch(/^id: /);
  });

  it('reads the unknown status and invoke/complete times (both or neither, in order)', () => {
    expect(recordProblem({ status: 'unknown', ops: [['append', 'x', 1]] })).toBeNull();
    expect(recordProblem({ status: 'committed', ops: [], invoke: 0, complete: 0 })).toBeNull();
    expect(recordProblem({ status: 'committed', ops: [], invoke: 3 })).toBe(
      'complete: invoke and complete come together (both or neither)',
    );
    expect(recordProblem({ status: 'committed', ops: [], complete: 3 })).toBe(
      'invoke: invoke and complete come together (both or neither)',
    );
    expect(recordProblem({ status: 'committed', ops: [], invoke: 5, complete: 4 })).toBe(
      'complete: complete (4) is before invoke (5)',
    );
    for (const bad of [-1, 1.5, 2 ** 53, '1', null]) {
      expect(recordProblem({ status: 'committed', ops: [], invoke: bad, complete: 9 })).toBe(
        'invoke: expected a non-negative integer (any unit)',
      );
    }
    expect(recordProblem({ status: 'info', ops: [] })).toBe(
      "status: expected 'committed', 'aborted' or 'unknown'",
    );
  });
});

/** A JSON-ish value near a record: fields of the right names, values of any type. */
const nearRecord = fc.record(
  {
    id: fc.oneof(fc.string(), fc.double(), fc.constant(null)),
    process: fc.oneof(fc.string(), fc.integer(), fc.boolean()),
    status: fc.constantFrom('committed', 'aborted', 'unknown', 'done', 1),
    invoke: fc.oneof(fc.nat(5), fc.double(), fc.constant(-1)),
    complete: fc.oneof(fc.nat(5), fc.double(), fc.string()),
    ops: fc.oneof(
      fc.array(
        fc.oneof(
          fc.tuple(
            fc.constantFrom('r', 'w', 'append', 'incr'),
            fc.oneof(fc.string(), fc.double(), fc.constant(null)),
            fc.oneof(fc.constant(null), fc.double(), fc.string(), fc.array(fc.anything())),
          ),
          fc.array(fc.anything(), { maxLength: 4 }),
        ),
        { maxLength: 3 },
      ),
      fc.anything(),
    ),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('recordProblem, fuzzed', () => {
  test.prop([fc.oneof(nearRecord, fc.anything())], { numRuns: 500 })(
    'the fast check is never more lenient than the schema, and nothing throws',
    (value) => {
      const problem = recordProblem(value);
      if (fits(value)) expect(problem).toBeNull();
      if (problem !== null) expect(problem).not.toMatch(/[\n\r]/);
    },
  );
});
