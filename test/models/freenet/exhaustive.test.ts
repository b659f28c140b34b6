import { expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import { freenetProtocol } from '../../../models/freenet/model.ts';
import { pinnedSearches, shortestCounterexamples } from '../../helpers/manifest.ts';

const protocol = freenetProtocol as unknown as Protocol;

// The manifest: the bounded configuration at 4 nodes (triangle 0-2-3 with leaf 1; node 0 holds
// ksk:alpha, node 1 inserts other data under it, node 2 requests it; node 1 also asks node 3, which
// corrupts, for a content-hash key), explored fully.
pinnedSearches(protocol, 4, [
  {
    name: 'freenet',
    distinct: 20985,
    transitions: 38579,
    depth: 22,
    witnesses: { 'key-found': 5 },
  },
]);

it('exercises every declared transition of the node', () => {
  const r = runExhaustive(protocol, protocol.variants[0]!, { nodes: 4 });
  expect(r.coverage.map((c) => [c.role, c.transitions.filter((t) => !t.fired).length])).toEqual([
    ['node', 0],
  ]);
});

// Shortest counterexamples, found breadth-first.
shortestCounterexamples(protocol, 4, [
  // 2 asks 3, 3 tries the leaf 1, whose failure 3 passes up instead of trying 0 (which holds the
  // key); 1's insert must also finish for the system to quiesce.
  { name: 'no-backtracking', property: 'key-discovery', length: 14 },
  // The request goes 2-3-(1)-0 and 0, not holding the key yet, sends it back to 2.
  { name: 'no-loop-detection', property: 'handled-once', length: 6, shows: /node 2/ },
  // 0 answers through 3, which relays the data to 2 without keeping it.
  { name: 'no-reply-caching', property: 'reverse-path-caching', length: 7, shows: /node 3/ },
  // 1's insert reaches 0 through 3; 0 misses the collision, and takes the new data on the way back.
  { name: 'no-collision-check', property: 'insert-collision', length: 6, shows: /overwrote/ },
  // 1 asks 3 for the CHK; 3 forges it and 1 takes the forgery.
  {
    name: 'no-verification',
    property: 'content-integrity',
    length: 3,
    shows: /node 1 accepted forged/,
  },
]);
