import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HOT_AFTER, hotSchema } from '../../../models/kernel/hot-schema.ts';

const schema = z
  .strictObject({ members: z.number().int().min(1), ids: z.array(z.string()).max(3) })
  .refine((p) => p.members % 2 === 1, 'members must be odd')
  .transform((p) => ({ ...p, ids: [...p.ids].sort() }));
/** Near-parameters: mostly well-formed, sometimes not. */
const value = fc.record({
  members: fc.oneof(fc.integer({ min: -1, max: 9 }), fc.double(), fc.string()),
  ids: fc.array(fc.oneof(fc.string(), fc.nat()), { maxLength: 4 }),
});
/** What `parse` gives, or the message it throws. */
const outcome = (parse: () => unknown) => {
  try {
    return { value: parse() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

describe('hotSchema', () => {
  it(`is compiled after ${HOT_AFTER} uses, not before`, () => {
    const hot = hotSchema(schema);
    for (let i = 1; i < HOT_AFTER; i++) hot.accepts({ members: 1, ids: [] });
    expect(hot.hot).toBe(false);
    hot.parse({ members: 1, ids: [] });
    expect(hot.hot).toBe(true);
  });

  test.prop([fc.array(value, { minLength: HOT_AFTER + 20, maxLength: HOT_AFTER + 60 })], {
    numRuns: 10,
  })('parses, throws and accepts as the schema does, cold and hot', (values) => {
    const hot = hotSchema(schema);
    for (const v of values) {
      expect(outcome(() => hot.parse(v))).toEqual(outcome(() => schema.parse(v)));
      expect(hot.accepts(v)).toBe(schema.safeParse(v).success);
    }
    expect(hot.hot).toBe(true);
  });
});
