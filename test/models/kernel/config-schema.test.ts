import { describe, expect, it } from 'vitest';
import { checkedConfig, configSchema } from '../../../models/kernel/config-schema.ts';
import { ModelError } from '../../../models/kernel/model-error.ts';
import { protocols } from '../../../models/index.ts';
import { boundedParams, type Config } from '../../../models/kernel/protocol.ts';

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
});
