import { expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import { freenetProtocol } from '../../../models/freenet/model.ts';
import { pinnedSearches, shortestCounterexamples } from '../../helpers/manifest.ts';

const protocol = freenetProtocol as unknown as Protocol;

// The manifest: the bounded configuration at 4 nodes (triangle 0-2-3 with leaf 1; node 0 holds
// ksk:alpha, node 1 inserts other data under it, node 2 requests it; node 1 also asks node 3 for a
// content-hash key closest to node 2, which 3 passes to 2, which corrupts), explored fully.
pinnedSearches(protocol, 4, [
  {
    name: 'freenet',
    distinct: 192203,
    transitions: 385001,
    depth: 28,
    witnesses: { 'key-found': 8 },
  },
]);

// Churn and failures: nodes 0-1, 0 inserts; node 2 joins off 1 and requests the key; one crash,
// and one leave may strike anywhere (timers fire when nothing else can happen).
pinnedSearches(protocol, 2, [
  {
    name: 'freenet',
    distinct: 28856,
    transitions: 64261,
    depth: 21,
    witnesses: { 'key-found': 10 },
  },
]);

it('exercises every declared transition of the node (joins, timers and leaves included)', () => {
  const r = runExhaustive(protocol, protocol.variants[0]!, { nodes: 2 });
  expect(r.coverage.map((c) => [c.role, c.transitions.filter((t) => !t.fired).length])).toEqual([
    ['node', 0],
  ]);
});

// Shortest counterexamples, found breadth-first.
shortestCounterexamples(protocol, 4, [
  // 2 asks 3, 3 tries the leaf 1 (closest to the key), whose failure 3 passes up instead of trying
  // 0 (which holds the key); the other inputs must also finish for the system to quiesce.
  { name: 'no-backtracking', property: 'key-discovery', length: 18 },
  // The request goes 2-3-(1)-0 and 0, not holding the key yet, sends it back to 2.
  { name: 'no-loop-detection', property: 'handled-once', length: 6, shows: /node 2/ },
  // 0 answers through 3, which relays the data to 2 without keeping it.
  { name: 'no-reply-caching', property: 'reverse-path-caching', length: 7, shows: /node 3/ },
  // 1's insert passes 0 (which misses the collision) and is all clear; the data follows and 0
  // overwrites what it held.
  { name: 'no-collision-check', property: 'insert-collision', length: 8, shows: /overwrote/ },
  // 1 asks 3 for the CHK; 3 asks 2, which forges it, and 3 takes the forgery.
  {
    name: 'no-verification',
    property: 'content-integrity',
    length: 4,
    shows: /node 3 accepted forged/,
  },
]);
