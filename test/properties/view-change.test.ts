import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import { deliveredThenMovedOn, viewChange } from '../../properties/view-change.ts';

const deliver = (node: number, view: number): Observation => ({
  node,
  kind: 'deliver',
  msg: 'm0',
  view,
});
const view = (node: number, id: number): Observation => ({
  node,
  kind: 'view',
  view: id,
  members: [0, 1],
});

/** Brute force: some delivery followed, at the same node and incarnation, by a later view. */
function oracle(history: History): boolean {
  return history.some((d, i) => {
    if (d.kind !== 'deliver' || typeof d.view !== 'number') return false;
    for (const o of history.slice(i + 1)) {
      if (o.node !== d.node) continue;
      if (o.kind === 'join' || o.kind === 'recover') return false;
      if (o.kind === 'view' && Array.isArray(o.members) && (o.view as number) > d.view) return true;
    }
    return false;
  });
}

describe('viewChange property', () => {
  it('is a sometimes property named view-change', () => {
    expect(viewChange.name).toBe('view-change');
    expect(viewChange.kind).toBe('sometimes');
    expect(viewChange.reached).toBe(deliveredThenMovedOn);
  });

  it('is reached once a node that delivered in a view installs a later one', () => {
    expect(deliveredThenMovedOn([view(0, 0), deliver(0, 0), view(1, 1), view(0, 1)])).toBe(true);
  });

  it('is not reached by a view change without a delivery before it, or by another node', () => {
    expect(deliveredThenMovedOn([view(0, 0), view(0, 1), deliver(0, 1)])).toBe(false);
    expect(deliveredThenMovedOn([deliver(1, 0), view(0, 1)])).toBe(false);
  });

  it('is not reached across a node`s new incarnation', () => {
    const history: History = [deliver(0, 0), { node: 0, kind: 'join' }, view(0, 1)];

    expect(deliveredThenMovedOn(history)).toBe(false);
  });

  const observation = fc.oneof(
    fc.record({
      node: fc.nat(2),
      kind: fc.constant('deliver'),
      msg: fc.constant('m0'),
      view: fc.nat(3),
    }),
    fc.record({
      node: fc.nat(2),
      kind: fc.constant('view'),
      view: fc.nat(3),
      members: fc.constant([0, 1, 2]),
    }),
    fc.record({ node: fc.nat(2), kind: fc.constantFrom('join', 'crash') }),
  );

  test.prop([fc.array(observation, { maxLength: 20 })])(
    'agrees with a brute-force reading on arbitrary histories',
    (history) => {
      expect(deliveredThenMovedOn(history)).toBe(oracle(history));
    },
  );
});
