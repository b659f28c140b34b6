import { describe, expect, it } from 'vitest';
import { keyOf, locationOf, verifies } from '../../../models/freenet/keys.ts';
import { configure, connected, paramsSchema } from '../../../models/freenet/params.ts';

describe('freenet parameters', () => {
  it('configures nodes with their neighbours and one client input per insert and request', () => {
    const config = configure({
      nodes: 3,
      edges: [
        [0, 1],
        [2, 1],
      ],
      capacity: 4,
      inserts: [{ node: 0, key: 'chk:a', data: 'a', htl: 3 }],
      requests: [{ node: 2, key: 'chk:a', htl: 3 }],
      corrupt: [1],
    });
    expect(config.network).toBe('fifo');
    expect(config.nodes[1]!.input).toEqual({
      self: 1,
      neighbours: [
        { node: 0, location: locationOf(0) },
        { node: 2, location: locationOf(2) },
      ],
      capacity: 4,
      corrupt: true,
      announce: 0,
    });
    expect(config.inputs).toEqual([
      {
        node: 0,
        event: { type: 'insert', id: 'i0', key: keyOf('chk:a'), data: 'a', proof: '', htl: 3 },
      },
      { node: 2, event: { type: 'request', id: 'r0', key: keyOf('chk:a'), htl: 3 } },
    ]);
    expect(config.faults).toEqual({ join: 0, crash: 0, leave: 0, timeout: 0 });
  });

  it('adds joining nodes outside the network, seeded off a node, with their announcement HTL', () => {
    const config = configure({
      nodes: 2,
      edges: [[0, 1]],
      capacity: 4,
      inserts: [{ node: 0, key: 'ksk:a', data: 'x', htl: 3, signer: 'owner:mallory' }],
      requests: [],
      corrupt: [],
      joins: [{ seed: 1, htl: 3 }],
      faults: { crash: 1 },
    });
    expect(config.nodes[2]).toMatchObject({ out: true, input: { self: 2, announce: 3 } });
    expect(config.nodes[2]!.input).toMatchObject({ neighbours: [{ node: 1 }] });
    expect(config.faults).toMatchObject({ join: 1, crash: 1 });
    const { key, data, proof } = config.inputs[0]!.event;
    expect(verifies(String(key), String(data), String(proof))).toBe(false);
  });

  it('accepts only connected topologies and CHKs that name their data', () => {
    expect(connected(3, [[0, 1]])).toBe(false);
    const base = { nodes: 2, edges: [[0, 1]], capacity: 2, inserts: [], requests: [], corrupt: [] };
    expect(paramsSchema.safeParse(base).success).toBe(true);
    expect(paramsSchema.safeParse({ ...base, edges: [] }).success).toBe(false);
    const bad = { ...base, inserts: [{ node: 0, key: 'chk:b', data: 'a', htl: 1 }] };
    expect(paramsSchema.safeParse(bad).success).toBe(false);
    const seed = { ...base, joins: [{ seed: 2, htl: 1 }] };
    expect(paramsSchema.safeParse(seed).success).toBe(false);
    const many = { ...base, nodes: 7, edges: [0, 1, 2, 3, 4, 5].map((i) => [i, i + 1]) };
    expect(paramsSchema.safeParse(many).success).toBe(true);
    const crowd = {
      ...many,
      joins: [
        { seed: 0, htl: 1 },
        { seed: 0, htl: 1 },
      ],
    };
    expect(paramsSchema.safeParse(crowd).success).toBe(false);
  });
});
