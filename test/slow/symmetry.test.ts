/**
 * The slow tier's symmetry checks: brute-force orbit counts on configurations too large for the
 * fast tier (tens of thousands of worlds, each renamed by the whole group).
 */
import { LARGER } from '../../bench/symmetry.ts';
import { publishSubscribeProtocol } from '../../models/publish-subscribe/model.ts';
import { symmetryTests } from '../helpers/symmetry.ts';

// Publish-subscribe with an event published while s0 and s2 (same edge, same requests) subscribe,
// the configuration `bench/symmetry.ts` measures: 46,208 worlds, 23,106 orbits.
symmetryTests(publishSubscribeProtocol, [
  { variant: 'cdn-tree', params: LARGER['publish-subscribe']![0]!.params!, orbits: 23_106 },
]);
