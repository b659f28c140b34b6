import type { Protocol } from '../../../models/kernel/protocol.ts';
import { twoPhaseLockingProtocol } from '../../../models/two-phase-locking/model.ts';
import { pinnedSearches, shortestCounterexamples } from '../../helpers/manifest.ts';

const protocol = twoPhaseLockingProtocol as unknown as Protocol;

// The manifest: each deadlock policy on the bounded configuration at 5 nodes (2 clients, 2
// servers, the detector; t0 = rx wy, may roll back; t1 = ry wx; t2 = wx after t0), explored fully.
// A change to the model or the kernel that changes these counts must be deliberate.
pinnedSearches(protocol, 5, [
  {
    name: 'wait-for-graph',
    distinct: 31821,
    transitions: 89211,
    depth: 36,
    witnesses: { 'restart-commits': 20 },
  },
  {
    name: 'wait-die',
    distinct: 7530,
    transitions: 14600,
    depth: 34,
    witnesses: { 'restart-commits': 13 },
  },
  {
    name: 'wound-wait',
    distinct: 9764,
    transitions: 18929,
    depth: 27,
    witnesses: { 'restart-commits': 18 },
  },
]);

// Shortest counterexamples, breadth-first, and what each shows.
shortestCounterexamples(protocol, 5, [
  { name: 'non-two-phase', property: 'serializability', length: 10, shows: /^G2: / },
  { name: 'read-without-lock', property: 'serializability', length: 10, shows: /^G2: / },
  { name: 'no-deadlock-handling', property: 'transaction-progress', length: 9, shows: /deadlock/ },
  { name: 'non-strict', property: 'serializability', length: 13, shows: /^G1a / },
  { name: 'exclusive-shared', property: 'lock-compatibility', length: 6, shows: /granted/ },
]);
