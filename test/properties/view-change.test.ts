import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import {
  checkViewChangeTermination,
  deliveredThenMovedOn,
  viewChange,
  viewChangeTermination,
} from '../../properties/view-change.ts';

describe('view-change-termination', () => {
  it('is checked at quiescence, and on every fair cycle (a liveness property)', () => {
    expect(viewChangeTermination).toMatchObject({ kind: 'quiescence', liveness: true });
  });
});

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

describe('view-change-termination', () => {
  const o = (node: number, kind: string, fields: Record<string, unknown> = {}): Observation =>
    ({ node, kind, ...fields }) as Observation;
  const install = (node: number, id: number, members: number[]) =>
    o(node, 'view', { view: id, members });
  const ctx = (down: number[] = []) => ({ nodes: 3, up: [0, 1, 2].map((k) => !down.includes(k)) });
  const start: History = [
    install(0, 0, [0, 1, 2]),
    install(1, 0, [0, 1, 2]),
    install(2, 0, [0, 1, 2]),
    o(1, 'flush', { view: 0 }),
  ];

  it('catches a view change that started among a trusting majority and never ended', () => {
    const v = checkViewChangeTermination(start, ctx());
    expect(v?.message).toBe(
      'the view change of view 0 started and members [0,1,2] of [0,1,2] stay up, but no view 1 was installed',
    );
  });

  it('catches an up member of the next view that never installed it', () => {
    const h = [...start, install(0, 1, [0, 1, 2]), install(1, 1, [0, 1, 2])];
    expect(checkViewChangeTermination(h, ctx())?.nodes).toEqual([2]);
  });

  it('holds when the next view is installed by every up member it lists', () => {
    const h = [...start, o(2, 'crash'), install(0, 1, [0, 1]), install(1, 1, [0, 1])];
    expect(checkViewChangeTermination(h, ctx([2]))).toBeNull();
  });

  it('asks nothing without a live majority, among members that suspect each other, or when only a crashed member flushed', () => {
    expect(
      checkViewChangeTermination([...start, o(1, 'crash'), o(2, 'crash')], ctx([1, 2])),
    ).toBeNull();
    expect(
      checkViewChangeTermination([...start, o(0, 'suspect', { suspect: 1 })], ctx()),
    ).toBeNull();
    expect(checkViewChangeTermination([...start, o(1, 'crash')], ctx([1]))).toBeNull();
  });
});
