import { expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { pinnedSearches, shortestCounterexamples } from '../../helpers/manifest.ts';
import { protocol, variant } from './helpers.ts';

// The manifest: the correct variant's bounded configuration at 3 servers (one client, two
// increments, one crash, two early timers), explored fully. A change to the model or to the
// kernel's semantics that changes these counts must be deliberate.
pinnedSearches(protocol, 3, [
  {
    name: 'master-slaves',
    distinct: 1532767,
    transitions: 4769297,
    depth: 52,
    witnesses: { 'fail-over': 12 },
  },
]);

it('exercises every declared transition of both roles', () => {
  const r = runExhaustive(protocol, variant('master-slaves'), { nodes: 3, maxStates: 200_000 });
  expect(r.coverage.map((c) => [c.role, c.transitions.filter((t) => !t.fired).length])).toEqual([
    ['server', 0],
    ['client', 0],
  ]);
});

// Shortest counterexamples, found breadth-first.
shortestCounterexamples(protocol, 3, [
  // A wrong suspicion suffices: the view change excludes the master before its update arrives.
  { name: 'reply-before-ack', property: 'no-missed-action', length: 8 },
  { name: 'no-duplicate-table', property: 'no-duplicate-action', length: 14 },
]);
