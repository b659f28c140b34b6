import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { History, Observation, Violation } from '../../models/kernel/spec.ts';
import { checkViewAgreement, viewAgreement } from '../../properties/view-agreement.ts';

const view = (node: number, id: number, members: number[]): Observation => ({
  node,
  kind: 'view',
  view: id,
  members,
});

const violation = (nodes: number[], message: string): Violation => ({
  property: 'view-agreement',
  message,
  nodes,
  messages: [],
});

const isView = (o: Observation) =>
  o.kind === 'view' && typeof o.view === 'number' && Array.isArray(o.members);

/** Brute force over the spec: each installation checked against everything before it. */
function oracle(history: History): Violation | null {
  for (let k = 0; k < history.length; k++) {
    const o = history[k]!;
    if (!isView(o)) continue;
    const id = o.view as number;
    const members = o.members as number[];
    const earlier = history.slice(0, k);
    if (!members.includes(o.node)) {
      return violation(
        [o.node],
        `node ${o.node} installed view ${id} [${members}] without being in it`,
      );
    }
    const lastOf = (node: number, upTo: number) => {
      let last: Observation | undefined;
      for (const e of history.slice(0, upTo)) {
        if (e.node !== node) continue;
        if (e.kind === 'join' || e.kind === 'recover') last = undefined;
        if (isView(e)) last = e;
      }
      return last;
    };
    const previous = lastOf(o.node, k);
    if (previous !== undefined && id <= (previous.view as number)) {
      return violation([o.node], `node ${o.node} installed view ${id} after view ${previous.view}`);
    }
    const same = earlier.find((e) => isView(e) && e.view === id);
    if (same !== undefined && (same.members as number[]).join() !== members.join()) {
      return violation(
        [same.node, o.node],
        `view ${id} installed as [${same.members}] by node ${same.node} and as [${members}] by node ${o.node}`,
      );
    }
    if (previous === undefined) continue;
    // The first earlier move away from the same view, by any node.
    const move = earlier.findIndex(
      (e, i) => isView(e) && lastOf(e.node, i)?.view === previous.view,
    );
    const other = history[move];
    if (other !== undefined && other.view !== id) {
      return violation(
        [other.node, o.node],
        `node ${other.node} moved from view ${previous.view} to view ${other.view}, node ${o.node} to view ${id}`,
      );
    }
  }
  return null;
}

describe('viewAgreement property', () => {
  it('is a safety property named view-agreement', () => {
    expect(viewAgreement.name).toBe('view-agreement');
    expect(viewAgreement.kind).toBe('safety');
    expect(viewAgreement.check).toBe(checkViewAgreement);
  });
});

describe('checkViewAgreement on histories that satisfy it', () => {
  it('holds on the empty history', () => {
    expect(checkViewAgreement([])).toBeNull();
  });

  it('holds when members install the same views in the same order, at their own pace', () => {
    const history = [
      view(0, 0, [0, 1, 2]),
      view(1, 0, [0, 1, 2]),
      view(0, 1, [0, 1]),
      view(2, 0, [0, 1, 2]),
      view(0, 2, [0, 1, 3]),
      view(1, 1, [0, 1]),
      view(3, 2, [0, 1, 3]),
      view(1, 2, [0, 1, 3]),
    ];

    expect(checkViewAgreement(history)).toBeNull();
  });

  it('lets a member that was left behind stay in its old view', () => {
    const history = [view(0, 0, [0, 1, 2]), view(2, 0, [0, 1, 2]), view(0, 1, [0, 1])];

    expect(checkViewAgreement(history)).toBeNull();
  });

  it('reads a node afresh after it joins again, even back in an old view', () => {
    const history: History = [
      view(1, 0, [0, 1, 2]),
      view(1, 1, [1, 2]),
      { node: 1, kind: 'leave' },
      { node: 1, kind: 'join' },
      view(1, 0, [0, 1, 2]),
    ];

    expect(checkViewAgreement(history)).toBeNull();
  });
});

describe('checkViewAgreement on histories that violate it', () => {
  it('reports a view installed by a node that is not in it', () => {
    expect(checkViewAgreement([view(3, 0, [0, 1, 2])])).toEqual(
      violation([3], 'node 3 installed view 0 [0,1,2] without being in it'),
    );
  });

  it('reports views installed out of order', () => {
    const history = [view(0, 2, [0, 1]), view(0, 1, [0, 1])];

    expect(checkViewAgreement(history)).toEqual(
      violation([0], 'node 0 installed view 1 after view 2'),
    );
  });

  it('reports one view id with two memberships', () => {
    const history = [view(0, 4, [0, 1]), view(1, 4, [1, 2])];

    expect(checkViewAgreement(history)).toEqual(
      violation([0, 1], 'view 4 installed as [0,1] by node 0 and as [1,2] by node 1'),
    );
  });

  it('reports members that leave one view for different next views (a skipped view)', () => {
    const history = [
      view(0, 0, [0, 1, 2]),
      view(1, 0, [0, 1, 2]),
      view(0, 1, [0, 1, 2]),
      view(1, 2, [1, 2]),
    ];

    expect(checkViewAgreement(history)).toEqual(
      violation([0, 1], 'node 0 moved from view 0 to view 1, node 1 to view 2'),
    );
  });
});

describe('checkViewAgreement, property-based', () => {
  /** Views 0..k over nodes 0..4, and an interleaving: which node installs its next view. */
  const run = fc.record({
    views: fc.array(fc.subarray([0, 1, 2, 3, 4], { minLength: 1 }), { minLength: 1, maxLength: 5 }),
    picks: fc.array(fc.nat(4), { maxLength: 30 }),
  });

  test.prop([run])(
    'holds when each node installs, in id order, a run of consecutive views it belongs to',
    ({ views, picks }) => {
      // Arrange: each node's first run of consecutive views, installed in the picked interleaving.
      const queues = [0, 1, 2, 3, 4].map((node) => {
        const ids = views.flatMap((members, id) => (members.includes(node) ? [id] : []));
        return ids.filter((id, i) => id === ids[0]! + i);
      });
      const history: Observation[] = [];
      const install = (node: number) => {
        const id = queues[node]!.shift();
        if (id !== undefined) history.push(view(node, id, views[id]!));
      };
      picks.forEach(install);
      queues.forEach((queue, node) => queue.slice().forEach(() => install(node)));

      // Act / Assert
      expect(checkViewAgreement(history)).toBeNull();
    },
  );

  const observation = fc.oneof(
    fc.record({
      node: fc.integer({ min: 0, max: 3 }),
      kind: fc.constant('view'),
      view: fc.integer({ min: 0, max: 3 }),
      members: fc.constantFrom([0, 1, 2, 3], [0, 1, 2], [1, 2, 3], [0, 1]),
    }),
    fc.record({ node: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom('join', 'crash') }),
  );

  test.prop([fc.array(observation, { maxLength: 25 })])(
    'agrees exactly with a brute-force reading of the spec on arbitrary histories',
    (history) => {
      expect(checkViewAgreement(history)).toEqual(oracle(history));
    },
  );
});
