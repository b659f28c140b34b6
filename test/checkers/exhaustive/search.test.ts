import { describe, expect, it } from 'vitest';
import {
  indexFrom,
  runExhaustive,
  type ExhaustiveResult,
} from '../../../checkers/exhaustive/search.ts';
import { totalOrderProtocol } from '../../../models/total-order/model.ts';
import { manifestTests } from '../../helpers/manifest.ts';
import { protocols } from '../../../models/index.ts';
import { replay } from '../../../checkers/replay.ts';
import { traceSystem } from '../../../checkers/trace-system.ts';
import { historyArray } from '../../../models/kernel/observation.ts';
import type { SometimesProperty } from '../../../models/kernel/spec.ts';

const protocol = totalOrderProtocol;
const variant = (name: string) => protocol.variants.find((v) => v.name === name)!;

// The manifest's pins (models/total-order/manifest.ts): counts and shortest counterexamples.
manifestTests(protocol, 'fast');

it('counts the same states in exact mode as with fingerprints (no collision on this model)', () => {
  const r = runExhaustive(protocol, variant('sequencer'), { nodes: 3, exact: true });
  expect([r.distinct, r.transitions, r.collisionProbability]).toEqual([4931, 14414, 0]);
});

describe('bounds', () => {
  it('stop the search with an incomplete verdict, never a false "holds"', () => {
    const byStates = runExhaustive(protocol, variant('sequencer'), { nodes: 3, maxStates: 500 });
    expect(byStates).toMatchObject({ complete: false, distinct: 500, trace: null });
    expect(byStates.stopped).toMatch(/state bound/);
    const byDepth = runExhaustive(protocol, variant('sequencer'), { nodes: 3, maxDepth: 4 });
    expect(byDepth.complete).toBe(false);
    expect(byDepth.stopped).toMatch(/depth bound/);
    const dfsDepth = runExhaustive(protocol, variant('lamport'), {
      nodes: 3,
      maxDepth: 4,
      strategy: 'dfs',
    });
    expect(dfsDepth.complete).toBe(false);
  });

  it('does not report a witness it did not find when stopped early', () => {
    const r = runExhaustive(protocol, variant('sequencer'), { nodes: 3, maxDepth: 3 });
    expect(r.witnesses[0]?.depth).toBeNull();
  });
});

it('reports coverage of every declared transition of the member machine', () => {
  const r = runExhaustive(protocol, variant('sequencer'), { nodes: 3 });
  expect(r.coverage).toEqual([
    {
      role: 'member',
      states: [{ state: 'member', visited: true }],
      transitions: ['multicast', 'Data', 'Order', 'OrderAck', 'timeout'].map((event) => ({
        state: 'member',
        event,
        fired: true,
      })),
    },
  ]);
});

it('shows a vacuous configuration in coverage: with no multicast nothing fires', () => {
  const params = { members: 2, multicasts: [], drops: 0, duplicates: 0, timeouts: 0 };
  const r = runExhaustive(protocol, variant('lamport'), { params });
  expect(r.distinct).toBe(1);
  expect(r.coverage[0]!.transitions.every((t) => !t.fired)).toBe(true);
  expect(r.witnesses[0]!.depth).toBeNull();
});

describe('depth-first search expanding each world whole', () => {
  // Every correct variant, and each protocol's first mutant.
  const cases = protocols.flatMap((p) =>
    p.variants
      .filter((v) => v.breaks === undefined || v === p.variants.find((x) => x.breaks !== undefined))
      .map((v) => ({ p, v, name: `${p.name}/${v.name}` })),
  );
  const reached = (r: ExhaustiveResult) => r.witnesses.map((w) => [w.property, w.depth !== null]);

  it.each(cases)(
    'finds what breadth-first search finds on $name, with traces that replay',
    ({ p, v }) => {
      const options = { nodes: p.nodes.default, liveness: false, maxStates: 30_000 };
      const bfs = runExhaustive(p, v, options);
      const dfs = runExhaustive(p, v, { ...options, strategy: 'dfs' });
      if (bfs.complete) {
        // Every world searched, no violation: the same worlds, moves and witnesses.
        expect([dfs.complete, dfs.distinct, dfs.transitions]).toEqual([
          true,
          bfs.distinct,
          bfs.transitions,
        ]);
        expect(reached(dfs)).toEqual(reached(bfs));
      } else if (bfs.trace !== null) expect(dfs.complete).toBe(false);
      if (dfs.trace !== null) {
        const replayed = replay(dfs.trace, traceSystem(dfs.trace, undefined, p));
        expect(replayed.divergence).toBeNull();
        expect(replayed.violation?.property).toBe(dfs.trace.violation?.property);
      }
      // A witness's path leads to a world whose history reaches its property.
      for (const w of dfs.witnesses) {
        if (w.trace === null) continue;
        const replayed = replay(w.trace, traceSystem(w.trace, undefined, p));
        expect(replayed.divergence).toBeNull();
        const last = replayed.worlds.at(-1)!;
        const property = p.properties.find((q) => q.name === w.property) as SometimesProperty;
        const context = replayed.system.propertyContext(last);
        expect(property.reached(historyArray(last.history), context), w.property).toBe(true);
      }
    },
  );
});

describe('indexFrom', () => {
  it('finds an item wherever the search starts, as indexOf does', () => {
    const list = ['a', 'b', 'c', 'd'];
    for (let from = 0; from <= list.length + 1; from++) {
      for (const item of [...list, 'z'])
        expect(indexFrom(list, item, from)).toBe(list.indexOf(item));
    }
    expect(indexFrom([], 'a', 0)).toBe(-1);
  });
});
