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
});

/** A JSON-ish value near a record: fields of the right names, values of any type. */
const nearRecord = fc.record(
  {
    id: fc.oneof(fc.string(), fc.double(), fc.constant(null)),
    process: fc.oneof(fc.string(), fc.integer(), fc.boolean()),
    status: fc.constantFrom('committed', 'aborted', 'done', 1),
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
