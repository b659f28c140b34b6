import { expect, it } from 'vitest';
import { Symmetrizer } from '../../../checkers/exhaustive/symmetry.ts';
import { publishSubscribeProtocol as protocol } from '../../../models/publish-subscribe/model.ts';
import { System } from '../../../models/kernel/system.ts';
import type { JsonObject } from '../../../models/kernel/json.ts';
import { strayImage, symmetryTests } from '../../helpers/symmetry.ts';

/** A request of `subscriber` to subscribe to topic a. */
const subscribe = (subscriber: number) => ({
  subscriber,
  op: 'subscribe' as const,
  topic: 'a' as const,
});
/** A request of `subscriber` to unsubscribe from topic a. */
const unsubscribe = (subscriber: number) => ({
  subscriber,
  op: 'unsubscribe' as const,
  topic: 'a' as const,
});

/** Three subscribers on two edges: s0 and s2 share edge e0; s1 is on e1. */
const base = {
  subscribers: 3,
  publishers: 1,
  edges: 2,
  // No event: small enough for the brute force (the slow tier publishes one).
  publications: [],
  drops: 0,
  crashes: 0,
  timeouts: 0,
};

// s0 and s2 (same edge, same requests) are interchangeable: the reachable set is closed under
// swapping them, and `--symmetry` stores one state per orbit. `honest-cut` keeps the subscribers'
// observations in their global order, whose digest the kernel renames.
symmetryTests(protocol, [
  { variant: 'cdn-tree', params: { ...base, requests: [subscribe(0), subscribe(2)] } },
  { variant: 'cdn-tree', params: { ...base, crashes: 1, requests: [subscribe(0), subscribe(2)] } },
  { variant: 'cdn-tree', params: { ...base, drops: 1, requests: [subscribe(0), subscribe(2)] } },
  // Identical requests at one node (handed over in order): the k-th maps to the k-th.
  {
    variant: 'cdn-tree',
    params: { ...base, requests: [subscribe(0), subscribe(0), subscribe(2), subscribe(2)] },
  },
]);

it('puts subscribers together only on the same first edge with the same requests', () => {
  const classes = (params: JsonObject) =>
    Symmetrizer.of(new System(protocol, protocol.variants[0]!, params)).size;
  // s0 and s2 share edge e0 and their requests; s1 is on e1.
  expect(classes({ ...base, requests: [subscribe(0), subscribe(2)] })).toBe(2);
  // Different requests: nothing to swap.
  expect(classes({ ...base, requests: [subscribe(0), unsubscribe(2)] })).toBe(1);
  // s1 asks the same, but is on the other edge.
  expect(classes({ ...base, requests: [subscribe(0), subscribe(1), subscribe(2)] })).toBe(2);
});

it('would be wrong across edges: swapping subscribers of different edges leaves the reachable set', () => {
  const params = { ...base, requests: [subscribe(0), subscribe(1)] };
  const wrong = {
    ...protocol,
    symmetry: { ...protocol.symmetry!, classes: () => [[4, 5]] },
  };
  const sys = new System(wrong, protocol.variants[0]!, params);
  expect(sys.config.nodes[4]!.name).toBe('s0');
  expect(strayImage(sys)).not.toBeNull();
});
