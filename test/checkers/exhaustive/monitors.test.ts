import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HistoryAnswers } from '../../../checkers/exhaustive/monitors.ts';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import { protocols } from '../../../models/index.ts';
import { boundedParams } from '../../../models/kernel/protocol.ts';
import { appendHistory } from '../../../models/kernel/observation.ts';
import type { History, Observation, Property, Verdict } from '../../../models/kernel/spec.ts';
import { monitor } from '../../../properties/monitor.ts';
import { searchOutcome } from '../../fixtures/search-outcome.ts';
import { observedBy, randomProtocol, randomSpec } from '../../fixtures/random-protocol.ts';

/**
 * Three properties of a random protocol, each with a monitor; `off` shifts `reach`'s monitor by one
 * (a wrong monitor, which the differential test must tell apart). Counts checks and monitor steps.
 */
function properties(
  n: number,
  [node, value, down]: readonly [number, number, number],
  count: { read: number; steps: number },
  off = 0,
): Property[] {
  const ofNode = (o: Observation, at: number): boolean => o.node === at && o.kind === 'o';
  return [
    {
      name: 'never',
      statement: 'a node never observes a value while another is down',
      kind: 'safety',
      check: (h: History, context) => {
        count.read += h.length;
        return observedBy(h, node % n).includes(value) && !context.up[down % n]!
          ? { property: 'never', message: 'seen', nodes: [], messages: [] }
          : null;
      },
      monitor: monitor<boolean, Verdict>({
        start: false,
        step: (seen, o) => {
          count.steps++;
          return seen || (ofNode(o, node % n) && o['v'] === value);
        },
        answer: (seen, context) =>
          seen && !context.up[down % n]!
            ? { property: 'never', message: 'seen', nodes: [], messages: [] }
            : null,
      }),
    },
    {
      name: 'reach',
      statement: 'two observations in all',
      kind: 'sometimes',
      reached: (h: History) => h.filter((o) => o.kind === 'o').length >= 2,
      monitor: monitor<number, boolean>({
        start: 0,
        step: (seen, o) => (o.kind === 'o' ? Math.min(seen + 1, 3) : seen),
        answer: (seen) => seen >= 2 + off,
      }),
    },
    {
      name: 'settled',
      statement: 'at quiescence, no node observed a value twice in a row',
      kind: 'quiescence',
      check: (h: History) => {
        const v = observedBy(h, 0);
        return v.some((x, i) => i > 0 && v[i - 1] === x)
          ? { property: 'settled', message: 'twice', nodes: [0], messages: [] }
          : null;
      },
      monitor: monitor<{ last: unknown; twice: boolean }, Verdict>({
        start: { last: undefined, twice: false },
        step: (s, o) => {
          if (!ofNode(o, 0) || s.twice) return s;
          return { last: o['v'], twice: s.last === o['v'] };
        },
        answer: (s) =>
          s.twice ? { property: 'settled', message: 'twice', nodes: [0], messages: [] } : null,
      }),
    },
  ];
}

describe('incremental property monitors (issue 16, item 1)', () => {
  it('give a search the same counts, counterexamples and witnesses as reading every history', () => {
    const count = { read: 0, steps: 0 };
    let told = 0;
    fc.assert(
      fc.property(randomSpec(), fc.tuple(fc.nat(2), fc.nat(1), fc.nat(2)), (spec, pick) => {
        const protocol = randomProtocol(spec, properties(spec.n, pick, count));
        const variant = protocol.variants[0]!;
        for (const strategy of ['bfs', 'dfs'] as const) {
          const on = runExhaustive(protocol, variant, {
            liveness: false,
            strategy,
            monitors: true,
          });
          const off = runExhaustive(protocol, variant, {
            liveness: false,
            strategy,
            monitors: false,
          });
          expect(searchOutcome(on)).toEqual(searchOutcome(off));
        }
        // A wrong monitor: the same comparison tells it apart on some protocols.
        const wrong = randomProtocol(spec, properties(spec.n, pick, count, 1));
        const a = runExhaustive(wrong, wrong.variants[0]!, { liveness: false, monitors: true });
        const b = runExhaustive(wrong, wrong.variants[0]!, { liveness: false, monitors: false });
        if (JSON.stringify(searchOutcome(a)) !== JSON.stringify(searchOutcome(b))) told++;
      }),
      { seed: 20261205, numRuns: 40 },
    );
    expect(told).toBeGreaterThan(0);
    // Incremental: the monitor folded fewer observations than the checks read.
    expect(count.steps).toBeGreaterThan(0);
    expect(count.steps).toBeLessThan(count.read);
  });

  it('fold a history once, from the nearest cell whose states are known', () => {
    let steps = 0;
    const counting: Property = {
      name: 'count',
      statement: 'counts observations',
      kind: 'sometimes',
      reached: (h) => h.length >= 3,
      monitor: monitor<number, boolean>({
        start: 0,
        step: (k) => (steps++, k + 1),
        answer: (k) => k >= 3,
      }),
    };
    const plain: Property = { ...counting, monitor: undefined, reached: (h) => h.length >= 1 };
    const answers = new HistoryAnswers([counting, plain]);
    const context = { nodes: 1, up: [true] };
    const o = (k: number): Observation => ({ node: 0, kind: 'o', v: k });
    const two = appendHistory(null, [o(0), o(1)]);
    const three = appendHistory(two, [o(2)]);
    const other = appendHistory(two, [o(3), o(4)]);
    expect(answers.at(three).reached(0, counting as never, context)).toBe(true);
    expect(steps).toBe(3);
    expect(answers.at(other).reached(0, counting as never, context)).toBe(true);
    // `two` was never the newest cell asked about, so `other` folds from the start too.
    expect(steps).toBe(7);
    expect(answers.at(three).reached(0, counting as never, context)).toBe(true);
    expect(steps).toBe(7);
    // A property without a monitor reads the history.
    expect(answers.at(two).reached(1, plain as never, context)).toBe(true);
    // Another property list's states on the same cells are not taken for this one's.
    const again = new HistoryAnswers([counting]);
    expect(again.at(three).reached(0, counting as never, context)).toBe(true);
    expect(steps).toBe(10);
  });

  const monitored = protocols.filter((p) =>
    p.properties.some((q) => q.kind !== 'always' && q.monitor !== undefined),
  );

  it.each(monitored.flatMap((p) => p.variants.map((v) => [p.name, v.name] as const)))(
    '%s %s: the bounded configuration gives the same outcome with and without monitors, both strategies',
    (name, variantName) => {
      const protocol = monitored.find((p) => p.name === name)!;
      const variant = protocol.variants.find((v) => v.name === variantName)!;
      const options = {
        params: boundedParams(protocol, variant, protocol.nodes.default),
        liveness: false,
        maxStates: 20_000,
      } as const;
      for (const strategy of ['bfs', 'dfs'] as const) {
        const on = runExhaustive(protocol, variant, { ...options, strategy, monitors: true });
        const off = runExhaustive(protocol, variant, { ...options, strategy, monitors: false });
        expect(searchOutcome(on)).toEqual(searchOutcome(off));
      }
    },
  );
});
