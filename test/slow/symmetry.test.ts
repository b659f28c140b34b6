/**
 * The slow tier's symmetry checks: brute-force orbit counts on configurations too large for the
 * fast tier (tens of thousands of worlds, each renamed by the whole group).
 */
import { publishSubscribeProtocol } from '../../models/publish-subscribe/model.ts';
import { symmetryTests } from '../helpers/symmetry.ts';

// Publish-subscribe with an event published while s0 and s2 (same edge, same requests) subscribe:
// 46,208 worlds, 23,106 orbits.
symmetryTests(publishSubscribeProtocol, [
  {
    variant: 'cdn-tree',
    params: {
      subscribers: 3,
      publishers: 1,
      edges: 2,
      publications: [{ publisher: 0, topic: 'a' }],
      requests: [
        { subscriber: 0, op: 'subscribe', topic: 'a' },
        { subscriber: 2, op: 'subscribe', topic: 'a' },
      ],
      drops: 0,
      crashes: 0,
      timeouts: 0,
    },
    orbits: 23_106,
  },
]);
