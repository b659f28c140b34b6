import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkedConfig, configSchema } from '../../../models/kernel/config-schema.ts';
import { ModelError } from '../../../models/kernel/model-error.ts';
import { protocols } from '../../../models/index.ts';
import { boundedParams, FAULT_KINDS, type Config } from '../../../models/kernel/protocol.ts';

const valid: Config = {
  network: 'fifo',
  nodes: [
    { role: 'member', name: 'p0', input: { self: 0 } },
    { role: 'member', name: 'p1', input: null, out: true },
  ],
  inputs: [{ node: 0, event: { type: 'multicast', id: 'm0' } }],
  faults: { drop: 1, crash: 0 },
  links: [[1], [0]],
};
const what = () => 'p: configure({})';
const rejected = (config: unknown) => () => checkedConfig(config, what);

describe('checkedConfig', () => {
  it('takes a configuration as the kernel builds it, and every protocol’s bounded one', () => {
    expect(checkedConfig(valid, what)).toBe(valid);
    for (const p of protocols)
      for (const v of p.variants) {
        const config = p.configure(boundedParams(p, v, p.nodes.default));
        expect(configSchema.safeParse(config).success).toBe(true);
      }
  });

  it.each([
    [{}, 'network: Invalid option: expected one of "fifo"|"unordered"|"duplicating"'],
    [{ ...valid, network: 'lossy' }, 'network: Invalid option'],
    [{ ...valid, nodes: [] }, 'nodes: a configuration has 1 to 30 nodes'],
    [{ ...valid, nodes: [{ role: 'member', input: null }] }, 'nodes[0].name: Invalid input'],
    [{ ...valid, nodes: [{ ...valid.nodes[0], colour: 'red' }] }, 'nodes[0]: Unrecognized key'],
    [{ ...valid, inputs: [{ node: -1, event: { type: 'x' } }] }, 'inputs[0].node: Too small'],
    [{ ...valid, inputs: [{ node: 0, event: { id: 'm0' } }] }, 'inputs[0].event.type: Invalid'],
    [{ ...valid, faults: { drop: -1 } }, 'faults.drop: Too small'],
    [{ ...valid, faults: { lose: 1 } }, 'faults: Unrecognized key: "lose"'],
    [{ ...valid, fault: {} }, 'Unrecognized key: "fault"'],
    [{ ...valid, links: [[0.5]] }, 'links[0][0]: Invalid input: expected int'],
  ])('rejects %j in one line naming where', (config, where) => {
    const run = rejected(config);

    expect(run).toThrow(ModelError);
    expect(run).toThrow(`p: configure({}) returned an invalid configuration: ${where}`);
  });

  it('rejects more than 30 client inputs and more than 30 nodes', () => {
    const input = { node: 0, event: { type: 'go' } };
    const node = { role: 'member', name: 'n', input: null };

    expect(rejected({ ...valid, inputs: Array.from({ length: 31 }, () => input) })).toThrow(
      'inputs: a configuration has at most 30 client inputs',
    );
    expect(rejected({ ...valid, nodes: Array.from({ length: 31 }, () => node) })).toThrow(
      'nodes: a configuration has 1 to 30 nodes',
    );
  });

  it('is compiled whole: no part of the schema is left to the slower runtime parser', () => {
    expect(() => z.compile(configSchema, { strict: true })).not.toThrow();
  });

  it('accepts exactly what the schema parses, cold and compiled (hot)', () => {
    // Each field is most often well-formed, else anything at all: values on both sides of the edges.
    const bad = <T, U>(good: fc.Arbitrary<T>, wrong: fc.Arbitrary<U>) =>
      fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: wrong, weight: 1 });
    const count = bad(fc.nat(3), fc.oneof(fc.integer({ min: -2, max: -1 }), fc.double()));
    const node = fc.record(
      {
        role: bad(fc.string(), fc.anything()),
        name: bad(fc.string(), fc.anything()),
        input: fc.anything(),
        out: bad(fc.boolean(), fc.anything()),
      },
      { requiredKeys: ['role', 'name'] },
    );
    const input = fc.record({
      node: count,
      event: bad(fc.record({ type: bad(fc.string(), fc.anything()) }), fc.anything()),
    });
    const fields = fc.record(
      {
        network: bad(fc.constantFrom('fifo', 'unordered', 'duplicating'), fc.anything()),
        nodes: bad(
          fc.array(node, { minLength: 1, maxLength: 3 }),
          fc.array(node, { minLength: 30, maxLength: 31 }),
        ),
        inputs: bad(
          fc.array(input, { maxLength: 3 }),
          fc.array(input, { minLength: 30, maxLength: 31 }),
        ),
        faults: bad(fc.dictionary(fc.constantFrom(...FAULT_KINDS), count), fc.anything()),
        links: bad(fc.array(fc.array(count, { maxLength: 3 }), { maxLength: 3 }), fc.anything()),
      },
      { requiredKeys: ['network', 'nodes', 'inputs', 'faults', 'links'] },
    );
    const config = bad(
      fields,
      fields.map((c) => ({ ...c, fault: {} })),
    );
    const seen = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(config, (c) => {
        if (configSchema.safeParse(c).success) {
          seen.accepted++;
          expect(checkedConfig(c, what)).toBe(c);
        } else {
          seen.rejected++;
          expect(rejected(c)).toThrow(ModelError);
        }
      }),
      { numRuns: 1500, seed: 7 },
    );
    // Both answers were put to the test.
    expect(seen.accepted).toBeGreaterThan(50);
    expect(seen.rejected).toBeGreaterThan(50);
  });
});
