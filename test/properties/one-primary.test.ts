import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation, Violation } from '../../models/kernel/spec.ts';
import { checkOnePrimary, onePrimary } from '../../properties/one-primary.ts';

const view = (node: number, id: number, members: number[]): Observation => ({
  node,
  kind: 'view',
  view: id,
  members,
});

function conflict(id: number, a: number[], p: number, b: number[], q: number): Violation {
  return {
    property: 'one-primary',
    message: `view ${id} installed as [${a.join(',')}] by node ${p} and as [${b.join(',')}] by node ${q}`,
    nodes: [p, q],
    messages: [],
  };
}

function minority(node: number, from: number, a: number[], to: number, b: number[]): Violation {
  return {
    property: 'one-primary',
    message:
      `node ${node} moved from view ${from} [${a.join(',')}] to view ${to} [${b.join(',')}], ` +
      'which keeps no majority of it',
    nodes: [node],
    messages: [],
  };
}

/** Brute force over the spec: the first installation that conflicts with an earlier one. */
function oracle(history: History): Violation | null {
  for (let k = 0; k < history.length; k++) {
    const o = history[k]!;
    if (o.kind !== 'view' || typeof o.view !== 'number' || !Array.isArray(o.members)) continue;
    const members = o.members as number[];
    const earlier = history.slice(0, k);
    const same = earlier.find(
      (e) => e.kind === 'view' && e.view === o.view && Array.isArray(e.members),
    );
    if (same !== undefined && (same.members as number[]).join() !== members.join()) {
      return conflict(o.view, same.members as number[], same.node, members, o.node);
    }
    // The node's previous view: its last installation since it last (re)started.
    let previous: Observation | undefined;
    for (const e of earlier) {
      if (e.node !== o.node) continue;
      if (e.kind === 'join' || e.kind === 'recover') previous = undefined;
      if (e.kind === 'view' && typeof e.view === 'number' && Array.isArray(e.members)) previous = e;
    }
    if (previous === undefined) continue;
    const before = previous.members as number[];
    const kept = members.filter((m) => before.includes(m)).length;
    if (2 * kept <= before.length) {
      return minority(o.node, previous.view as number, before, o.view, members);
    }
  }
  return null;
}

describe('onePrimary property', () => {
  it('is a safety property named one-primary', () => {
    expect(onePrimary.name).toBe('one-primary');
    expect(onePrimary.kind).toBe('safety');
    expect(onePrimary.check).toBe(checkOnePrimary);
  });
});

describe('checkOnePrimary on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkOnePrimary([])).toBeNull();
  });

  it('holds when every view keeps a majority of the previous one', () => {
    const history = [
      view(0, 0, [0, 1, 2]),
      view(1, 0, [0, 1, 2]),
      view(1, 1, [1, 2, 3]),
      view(3, 1, [1, 2, 3]),
      view(3, 2, [2, 3]),
    ];

    expect(checkOnePrimary(history)).toBeNull();
  });

  it('does not compare a joiner`s first view with anything', () => {
    const history = [view(0, 0, [0, 1, 2]), view(5, 4, [5, 6, 7])];

    expect(checkOnePrimary(history)).toBeNull();
  });

  it('reads a node afresh after it joins again', () => {
    const history = [
      view(2, 0, [0, 1, 2]),
      { node: 2, kind: 'leave' },
      { node: 2, kind: 'join' },
      view(2, 3, [2, 4, 5]),
    ];

    expect(checkOnePrimary(history)).toBeNull();
  });

  it('ignores other observations and malformed views', () => {
    const history: History = [
      { node: 0, kind: 'deliver', msg: 'm0', view: 0 },
      { node: 0, kind: 'view', view: '1', members: [9] },
      { node: 0, kind: 'view', view: 1, members: 'all' },
      { node: 0, kind: 'view', view: 1, members: ['a'] },
    ];

    expect(checkOnePrimary(history)).toBeNull();
  });
});

describe('checkOnePrimary on histories that violate it', () => {
  it('reports two memberships for one view id (split brain)', () => {
    const history = [
      view(0, 0, [0, 1, 2]),
      view(1, 0, [0, 1, 2]),
      view(2, 0, [0, 1, 2]),
      view(1, 1, [1, 2]),
      view(0, 1, [0]),
    ];

    expect(checkOnePrimary(history)).toEqual(conflict(1, [1, 2], 1, [0], 0));
  });

  it('reports a node moving to a view that keeps only a minority of its last', () => {
    const history = [view(0, 0, [0, 1, 2]), view(0, 1, [0, 3])];

    expect(checkOnePrimary(history)).toEqual(minority(0, 0, [0, 1, 2], 1, [0, 3]));
  });

  it('counts exactly half as no majority', () => {
    const history = [view(1, 0, [0, 1, 2, 3]), view(1, 1, [1, 2])];

    expect(checkOnePrimary(history)?.message).toBe(
      'node 1 moved from view 0 [0,1,2,3] to view 1 [1,2], which keeps no majority of it',
    );
  });
});

/** A chain of views, each keeping a majority of the last, and nodes installing suffixes of it. */
const chain = fc
  .array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 6 })
  .map((steps) => {
    const views: number[][] = [[0, 1, 2]];
    let next = 3;
    for (const [pick, grow] of steps) {
      const last = views.at(-1)!;
      const keep = last.filter((_, i) => i !== pick % last.length || last.length < 3);
      views.push(grow || keep.length < 2 ? [...keep, next++] : keep);
    }
    return views;
  });

describe('checkOnePrimary, property-based', () => {
  test.prop([chain])('holds when every member installs the views of one chain', (views) => {
    const history: Observation[] = [];
    views.forEach((members, id) => members.forEach((m) => history.push(view(m, id, members))));
    expect(checkOnePrimary(history)).toBeNull();
  });

  const observation = fc.oneof(
    fc.record({
      node: fc.integer({ min: 0, max: 3 }),
      kind: fc.constant('view'),
      view: fc.integer({ min: 0, max: 3 }),
      members: fc.subarray([0, 1, 2, 3], { minLength: 1 }),
    }),
    fc.record({ node: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom('join', 'crash') }),
  );

  test.prop([fc.array(observation, { maxLength: 25 })])(
    'agrees exactly with a brute-force reading of the spec on arbitrary histories',
    (history) => {
      expect(checkOnePrimary(history)).toEqual(oracle(history));
    },
  );
});
