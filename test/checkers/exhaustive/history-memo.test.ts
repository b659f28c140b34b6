import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runExhaustive } from '../../../checkers/exhaustive/search.ts';
import type { Protocol } from '../../../models/kernel/protocol.ts';
import type { History, Property } from '../../../models/kernel/spec.ts';
import { observedBy, randomProtocol, randomSpec } from '../../fixtures/random-protocol.ts';

/**
 * The search computes a history property's verdict once per distinct history (the nodes' history
 * digests, the global-order digest and the statuses): worlds that differ only in local states or
 * messages in flight share it. A protocol that keeps observations out of the digests turns the
 * memo off, which gives the reference here.
 */
describe('history verdicts, once per distinct history', () => {
  it('find the same violations and witnesses as checking every world, with fewer checks', () => {
    let memoChecks = 0;
    let fullChecks = 0;
    fc.assert(
      fc.property(
        randomSpec(),
        fc.tuple(fc.nat(2), fc.nat(1)),
        fc.nat(2),
        (spec, [node, value], downNode) => {
          const counted = (count: () => void): Property[] => [
            {
              name: 'never',
              statement: 'a node never observes a value while another is down',
              kind: 'safety',
              check: (h: History, context) => {
                count();
                return observedBy(h, node % spec.n).includes(value) &&
                  !context.up[downNode % spec.n]!
                  ? { property: 'never', message: 'seen', nodes: [], messages: [] }
                  : null;
              },
            },
            {
              name: 'reach',
              statement: 'two observations in all',
              kind: 'sometimes',
              reached: (h: History) => {
                count();
                return h.filter((o) => o.kind === 'o').length >= 2;
              },
            },
            {
              name: 'settled',
              statement: 'at quiescence, no node observed a value twice in a row',
              kind: 'quiescence',
              check: (h: History) => {
                count();
                const v = observedBy(h, 0);
                return v.some((x, i) => i > 0 && v[i - 1] === x)
                  ? { property: 'settled', message: 'twice', nodes: [0], messages: [] }
                  : null;
              },
            },
          ];
          const memo = randomProtocol(
            spec,
            counted(() => memoChecks++),
          );
          const plain = randomProtocol(
            spec,
            counted(() => fullChecks++),
          );
          // A kind never observed: the digests are the same, and the memo is off.
          const full: Protocol = { ...plain, observationsOutsideIdentity: ['unobserved'] };
          const a = runExhaustive(memo, memo.variants[0]!, { liveness: false });
          const b = runExhaustive(full, full.variants[0]!, { liveness: false });
          expect(a.distinct).toBe(b.distinct);
          expect(a.trace?.actions ?? null).toEqual(b.trace?.actions ?? null);
          expect(a.trace?.violation?.property ?? null).toBe(b.trace?.violation?.property ?? null);
          expect(a.witnesses).toEqual(b.witnesses);
        },
      ),
      { seed: 20261204, numRuns: 60 },
    );
    // Not vacuous: worlds shared verdicts.
    expect(memoChecks).toBeLessThan(fullChecks);
  });
});
