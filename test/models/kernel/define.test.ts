/**
 * `defineProtocol` needs no casts and refuses parameters that are not plain JSON (type-level
 * checks: the file only compiles if they hold), and the protocol it makes checks parameters with
 * the schema before the typed `configure` sees them.
 */
import * as fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  defineProtocol,
  isDefinedProtocol,
  payloadSchema,
  type ParamsOf,
} from '../../../models/kernel/define.ts';
import { protocols } from '../../../models/index.ts';
import { HOT_AFTER } from '../../../models/kernel/hot-schema.ts';
import { boundedParams, type Config } from '../../../models/kernel/protocol.ts';

const schema = z.strictObject({ members: z.number().int().min(2), ids: z.array(z.string()) });
const configure = (p: ParamsOf<typeof schema>): Config => ({
  network: 'fifo',
  nodes: [],
  inputs: p.ids.map((id) => ({ node: 0, event: { type: 'go', id } })),
  faults: {},
});
const base = {
  name: 'typed',
  title: 't',
  source: 's',
  variants: [],
  properties: [],
  nodes: { min: 2, max: 3, default: 2, param: 'members' as const },
  defaultRuns: 1,
};

describe('defineProtocol', () => {
  it('infers the parameters from the schema and checks the functions against them', () => {
    const p = defineProtocol({
      ...base,
      paramsSchema: schema,
      configure,
      scenarios: () => fc.record({ members: fc.constant(2), ids: fc.constant(['a']) }),
      bounded: (members) => ({ members, ids: ['a', 'b'] }),
    });
    expectTypeOf(p.definition.bounded(2)).toEqualTypeOf<{
      readonly members: number;
      readonly ids: readonly string[];
    }>();
    expect(isDefinedProtocol(p)).toBe(true);
    expect(p.configure({ members: 2, ids: ['x'] }).inputs).toHaveLength(1);
    // The erased protocol validates before the typed configure runs.
    expect(() => p.configure({ members: 1, ids: [] })).toThrow(/>=2/);
  });

  it('is a type error when a function does not fit the schema, or parameters are not JSON', () => {
    defineProtocol({
      ...base,
      paramsSchema: schema,
      configure,
      scenarios: () => fc.record({ members: fc.constant(2), ids: fc.constant(['a']) }),
      // @ts-expect-error `ids` must be strings
      bounded: (members) => ({ members, ids: [1] }),
    });
    const notJson = z.strictObject({ when: z.date() });
    defineProtocol({
      ...base,
      nodes: { min: 1, max: 1, default: 1 },
      // @ts-expect-error a Date is not plain JSON: a trace could not record it
      paramsSchema: notJson,
      configure: () => ({ network: 'fifo', nodes: [], inputs: [], faults: {} }),
      scenarios: () => fc.constant({ when: new Date(0) }),
      bounded: () => ({ when: new Date(0) }),
    });
    const free = z.strictObject({ event: payloadSchema });
    expect(free.safeParse({ event: { type: 'go', n: [1, null] } }).success).toBe(true);
    expectTypeOf<ParamsOf<typeof free>['event']['type']>().toEqualTypeOf<string>();
  });

  it('parses parameters with the schema compiled once hot: the values and errors parse gives', () => {
    for (const p of protocols) {
      const { definition } = p as unknown as {
        definition: { configure: (params: unknown) => Config; paramsSchema: z.ZodType };
      };
      const samples = [
        boundedParams(p, p.variants[0]!, p.nodes.default),
        ...fc.sample(p.scenarios({ minNodes: p.nodes.min, maxNodes: p.nodes.max }), {
          numRuns: 20,
          seed: 3,
        }),
      ];
      // Hot: compiled by now.
      for (let i = 0; i < HOT_AFTER; i++) p.configure(samples[0]!);
      for (const params of samples) {
        expect(p.configure(params)).toEqual(definition.configure(p.paramsSchema.parse(params)));
        const wrong = { ...params, [p.nodes.param ?? 'bogus']: -1, bogus: true };
        const parsed = p.paramsSchema.safeParse(wrong);
        expect(parsed.success).toBe(false);
        expect(() => p.configure(wrong)).toThrow(parsed.error!.message);
      }
    }
  });

  it('parses what the compiler cannot compile as before, transforms and refinements included', () => {
    const seen: unknown[] = [];
    const odd = z
      .strictObject({ members: z.number().int(), ids: z.array(z.string()) })
      .refine((p) => p.members % 2 === 1, 'members must be odd')
      .transform((p) => ({ ...p, ids: [...p.ids].sort() }));
    const p = defineProtocol({
      ...base,
      paramsSchema: odd,
      configure: (params) => {
        seen.push(params);
        return configure(params);
      },
      scenarios: () => fc.constant({ members: 3, ids: ['b', 'a'] }),
      bounded: (members) => ({ members, ids: [] }),
    });
    p.configure({ members: 3, ids: ['b', 'a'] });
    expect(seen).toEqual([{ members: 3, ids: ['a', 'b'] }]);
    expect(() => p.configure({ members: 2, ids: [] })).toThrow('members must be odd');
  });
});
