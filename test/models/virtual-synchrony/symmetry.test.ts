import { describe, expect, it } from 'vitest';
import type { Config, Protocol } from '../../../models/kernel/protocol.ts';
import { System } from '../../../models/kernel/system.ts';
import { virtualSynchronyProtocol as protocol } from '../../../models/virtual-synchrony/model.ts';
import { virtualSynchronySymmetry } from '../../../models/virtual-synchrony/symmetry.ts';
import { strayImage, symmetryTests } from '../../helpers/symmetry.ts';

const quiet = { joiners: 0, crashes: 0, suspicions: 0, joins: 0, leaves: 0 };

// Where no view can change, the members other than the sequencer that multicast nothing are
// interchangeable: closed under the group, one stored state per orbit (pinned).
symmetryTests(protocol, [
  {
    variant: 'flush',
    params: { ...quiet, members: 4, multicasts: [1], partitions: 1 },
    orbits: 60,
  },
  {
    variant: 'flush',
    params: { ...quiet, members: 4, multicasts: [1, 1], partitions: 0 },
    orbits: 95,
  },
  {
    variant: 'flush',
    params: { ...quiet, members: 5, multicasts: [1], partitions: 0 },
    orbits: 10,
  },
]);

describe('virtual-synchrony symmetry classes', () => {
  const classes = (change: object) =>
    virtualSynchronySymmetry.classes(
      protocol.configure({
        ...quiet,
        members: 5,
        joiners: 1,
        multicasts: [1, 3],
        partitions: 1,
        ...change,
      }),
    );

  it('puts the members other than the sequencer and the multicasters together, not the joiner', () => {
    expect(classes({})).toEqual([[2, 4]]);
  });

  it.each([{ crashes: 1 }, { suspicions: 1 }, { joins: 1 }, { leaves: 1 }])(
    'leaves every node fixed once a view can change (%o)',
    (change) => {
      expect(classes(change)).toEqual([]);
    },
  );

  it.each([
    ['a crash', { crashes: 1 }],
    ['two suspicions', { suspicions: 2 }],
    ['a leave', { leaves: 1 }],
  ])(
    'would be wrong with %s: the reachable set is not closed under swapping members',
    (_, change) => {
      // The same classes without the condition: a view change orders members and names them.
      const naive: Protocol = {
        ...protocol,
        symmetry: {
          ...virtualSynchronySymmetry,
          classes: (config: Config) => virtualSynchronySymmetry.classes({ ...config, faults: {} }),
        },
      };
      const params = { ...quiet, members: 4, multicasts: [1], partitions: 0, ...change };
      const sys = new System(naive, protocol.variants[0]!, params);
      expect(strayImage(sys)).not.toBeNull();
    },
  );

  it('renames ballots, proposals, views and reports in a coordinator context and its messages', () => {
    const perm = [0, 1, 3, 2];
    const config = protocol.configure(protocol.bounded(4));
    const context = {
      self: 2,
      n: 4,
      view: { id: 0, members: [0, 1, 2, 3] },
      delivered: ['m0'],
      pending: [],
      queued: [],
      suspected: [0, 3],
      departed: [-1, -1, 0, -1],
      joins: [2],
      promised: 6,
      accepted: { ballot: 6, members: [1, 2], deliver: ['m0'] },
      ballot: {
        number: 6,
        reports: [
          { from: 2, delivered: [], pending: [], accepted: null },
          {
            from: 1,
            delivered: [],
            pending: [],
            accepted: { ballot: 7, members: [2, 3], deliver: [] },
          },
        ],
        proposal: { members: [1, 2], deliver: ['m0'] },
        accepted: [1, 2],
      },
    };
    expect(virtualSynchronySymmetry.renameContext(context, perm, config)).toEqual({
      ...context,
      self: 3,
      suspected: [0, 2],
      departed: [-1, -1, -1, 0],
      joins: [3],
      promised: 7,
      accepted: { ballot: 7, members: [1, 3], deliver: ['m0'] },
      ballot: {
        number: 7,
        reports: [
          { from: 3, delivered: [], pending: [], accepted: null },
          {
            from: 1,
            delivered: [],
            pending: [],
            accepted: { ballot: 6, members: [2, 3], deliver: [] },
          },
        ],
        proposal: { members: [1, 3], deliver: ['m0'] },
        accepted: [1, 3],
      },
    });
    const rename = (msg: object) =>
      virtualSynchronySymmetry.renameMessage({ type: 'x', ...msg }, perm, config);
    expect(rename({ type: 'Flush', view: 0, ballot: 6 })).toEqual({
      type: 'Flush',
      view: 0,
      ballot: 7,
    });
    expect(
      rename({
        type: 'NewView',
        previous: 0,
        view: { id: 1, members: [1, 2] },
        deliver: [],
        ballot: 5,
      }),
    ).toEqual({
      type: 'NewView',
      previous: 0,
      view: { id: 1, members: [1, 3] },
      deliver: [],
      ballot: 5,
    });
    expect(rename({ type: 'Seq', view: 0, id: 'm0', seq: 1 })).toEqual({
      type: 'Seq',
      view: 0,
      id: 'm0',
      seq: 1,
    });
  });
});
