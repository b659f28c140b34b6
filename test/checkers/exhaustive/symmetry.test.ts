import { expect, it } from 'vitest';
import { Symmetrizer } from '../../../checkers/exhaustive/symmetry.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import { System } from '../../../models/kernel/system.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';
import { symmetryTests } from '../../helpers/symmetry.ts';

const protocol = totalOrderProtocol;

// The reachable set is closed under the group and `--symmetry` stores one state per orbit, on
// small configurations of total-order (the brute-force check every protocol's symmetry test runs).
symmetryTests(protocol, [
  {
    variant: 'lamport',
    params: { members: 3, multicasts: [0], drops: 0, duplicates: 1, timeouts: 0 },
  },
  {
    variant: 'lamport',
    params: { members: 3, multicasts: [0], drops: 1, duplicates: 0, timeouts: 0 },
  },
  {
    variant: 'sequencer',
    params: { members: 3, multicasts: [0, 0], drops: 0, duplicates: 0, timeouts: 0 },
  },
  {
    variant: 'sequencer',
    params: { members: 4, multicasts: [0], drops: 1, duplicates: 0, timeouts: 1 },
  },
]);

it('refuses a protocol that declares no symmetry', () => {
  const bare = { ...protocol, symmetry: undefined } as Protocol;
  const sys = new System(bare, protocol.variants[0]!, {
    members: 3,
    multicasts: [0],
    drops: 0,
    duplicates: 0,
    timeouts: 0,
  });
  expect(() => Symmetrizer.of(sys)).toThrow(/declares no node symmetry/);
});
