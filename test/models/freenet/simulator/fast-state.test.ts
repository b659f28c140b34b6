import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../../models/kernel/json.ts';
import { keyOf, locationOf, proofOf, verifies } from '../../../../models/freenet/keys.ts';
import type { FreenetEvent } from '../../../../models/freenet/messages.ts';
import {
  freshContext,
  JsonState,
  type FreenetContext,
} from '../../../../models/freenet/node.state.ts';
import {
  correct,
  startNode,
  stepNode,
  type Decide,
  type GuardName,
  type Sink,
} from '../../../../models/freenet/node.step.ts';
import { FastState } from '../../../../models/freenet/simulator/fast-state.ts';

const NODES = 4;

// A few keys, each with valid and invalid items: a CHK and a KSK (its proof, and a forgery).
const CHK = keyOf('chk:a');
const KSK = keyOf('ksk:x');
const ITEMS: readonly (readonly [string, string, string])[] = [
  [CHK, 'a', ''],
  [CHK, 'b', ''],
  [KSK, 'a', proofOf('ksk:x', 'a')],
  [KSK, 'b', proofOf('ksk:x', 'b')],
  [KSK, 'a', proofOf('ksk:x', 'a', 'ksk:other')],
  [keyOf('chk:c'), 'c', ''],
];
const KEYS = [...new Set(ITEMS.map(([key]) => key)), locationOf(1), locationOf(2)];

const node = fc.nat(NODES - 1);
const id = fc.constantFrom('r0', 'r1', 'i0', 'i1', 'a1');
const key = fc.constantFrom(...KEYS);
const htl = fc.nat(4);
const item = fc.constantFrom(...ITEMS).map(([k, data, proof]) => ({ key: k, data, proof }));

/** Any event a node handles, with small node indices, ids and HTLs so that they meet. */
const event: fc.Arbitrary<FreenetEvent> = fc.oneof(
  fc.record({ type: fc.constant('request'), id, key, htl }),
  fc
    .record({ id, htl, item })
    .map(({ item: i, ...e }) => ({ type: 'insert', ...e, ...i }) as const),
  fc.record({ type: fc.constant('DataRequest'), id, key, htl, from: node }),
  fc.record({ type: fc.constant('InsertRequest'), id, key, htl, from: node }),
  fc
    .record({ id, item, source: node, from: node })
    .map(({ item: i, ...e }) => ({ type: 'DataReply', ...e, ...i }) as const),
  fc.record({ type: fc.constant('RequestFailed'), id, expired: fc.boolean(), from: node }),
  fc.record({ type: fc.constant('InsertClear'), id, from: node }),
  fc
    .record({ id, item, source: node, from: node })
    .map(({ item: i, ...e }) => ({ type: 'InsertData', ...e, ...i }) as const),
  fc.record({ type: fc.constant('Announce'), id, node, htl, from: node }),
  fc.record({ type: fc.constant('Welcome'), from: node }),
  fc.constant({ type: 'timeout' } as const),
  fc.constant({ type: 'leave' } as const),
);

/**
 * An answer to one of the node's pending entries (`pick` chooses which), from the node it waits on:
 * random events alone rarely match, and these make replies get cached, routes learned and LRUs
 * reordered.
 */
interface Answer {
  readonly type: 'answer';
  readonly kind: 'DataReply' | 'RequestFailed' | 'InsertClear' | 'InsertData';
  readonly pick: number;
  readonly item: { readonly key: string; readonly data: string; readonly proof: string };
  readonly source: number;
  readonly same: boolean;
}

const answer: fc.Arbitrary<Answer> = fc.record({
  type: fc.constant('answer'),
  kind: fc.constantFrom('DataReply', 'RequestFailed', 'InsertClear', 'InsertData'),
  pick: fc.nat(),
  item,
  source: node,
  same: fc.boolean(),
});

/** The event an answer makes in `ctx` (a plain `timeout` if nothing is pending). */
function resolve(e: FreenetEvent | Answer, ctx: FreenetContext): FreenetEvent {
  if (e.type !== 'answer') return e;
  const p = ctx.pending[e.pick % Math.max(1, ctx.pending.length)];
  if (p === undefined) return { type: 'timeout' };
  const { id } = p;
  const last = p.tried.at(-1) ?? 0;
  // `same`: a valid item under the pending entry's own key, if there is one (so that it verifies).
  const valid = ITEMS.filter(([k, data, proof]) => k === p.key && verifies(k, data, proof));
  const pick = valid[e.pick % Math.max(1, valid.length)];
  const item =
    e.same && pick !== undefined ? { key: pick[0], data: pick[1], proof: pick[2] } : e.item;
  switch (e.kind) {
    case 'DataReply':
      return { type: 'DataReply', id, ...item, source: e.source, from: last };
    case 'RequestFailed':
      return { type: 'RequestFailed', id, expired: e.same, from: last };
    case 'InsertClear':
      return { type: 'InsertClear', id, from: last };
    case 'InsertData':
      return { type: 'InsertData', id, ...item, source: e.source, from: p.upstream ?? 0 };
  }
}

/** A fresh node: some neighbours, small capacities so that both LRUs evict. */
const context: fc.Arbitrary<FreenetContext> = fc
  .record({
    self: node,
    neighbours: fc.uniqueArray(node, { maxLength: NODES }),
    capacity: fc.nat(3),
    routeCapacity: fc.nat(3),
    corrupt: fc.boolean(),
    announce: fc.nat(2),
  })
  .map(({ self, neighbours, ...rest }) =>
    freshContext({
      self,
      neighbours: neighbours
        .filter((n) => n !== self)
        .map((n) => ({ node: n, location: locationOf(n) })),
      ...rest,
    }),
  );

/** The model's mutants (model.ts): each fixes one guard to a constant. */
const MUTANTS: readonly (readonly [GuardName, boolean])[] = [
  ['backtracks', false],
  ['isLoop', false],
  ['cachesReply', false],
  ['isCollision', false],
  ['verifies', true],
];

/** The correct node or one of the model's mutants. */
const decide: fc.Arbitrary<Decide> = fc.constantFrom(
  correct,
  ...MUTANTS.map(
    ([guard, value]): Decide =>
      (g, arg) =>
        g === guard ? value : arg,
  ),
);

/** Event sequences, half of them answers to what the node waits on. */
const steps = fc.array(fc.oneof(event, answer), { minLength: 10, maxLength: 60, size: 'max' });

/** A sink that records every effect, in order. */
function recorder(): { sink: Sink; out: Json[] } {
  const out: Json[] = [];
  const sink: Sink = {
    send: (to, msg) => out.push(['send', to, msg]),
    observe: (kind, fields) => out.push(['observe', kind, fields]),
  };
  return { sink, out };
}

describe('FastState', () => {
  test.prop([context, decide, steps], { numRuns: 300 })(
    'emits the same effects and holds the same context as JsonState after every event',
    (initial, d, events) => {
      let ctx = initial;
      const fast = new FastState(initial);
      const json = new JsonState(ctx);
      const x0 = recorder();
      const y0 = recorder();
      startNode(json, d, x0.sink);
      startNode(fast, d, y0.sink);
      ctx = json.context();
      expect(y0.out).toEqual(x0.out);
      expect(fast.toContext()).toEqual(ctx);
      for (const step of events) {
        const e = resolve(step, ctx);
        const state = new JsonState(ctx);
        const x = recorder();
        const y = recorder();
        stepNode(state, e, d, x.sink);
        stepNode(fast, e, d, y.sink);
        ctx = state.context();
        expect(y.out).toEqual(x.out);
        expect(fast.toContext()).toEqual(ctx);
      }
    },
  );

  test.prop([context, steps, steps])(
    'round-trips through its context, and a clone is independent of the original',
    (initial, events, more) => {
      const fast = new FastState(initial);
      const sink = recorder().sink;
      for (const e of events) stepNode(fast, resolve(e, fast.toContext()), correct, sink);
      const before = fast.toContext();
      expect(new FastState(before).toContext()).toEqual(before);
      const copy = fast.clone();
      expect(copy.toContext()).toEqual(before);
      for (const e of more) stepNode(copy, resolve(e, copy.toContext()), correct, sink);
      expect(fast.toContext()).toEqual(before);
    },
  );

  test.prop([context, steps, steps])(
    'rolls back to the state it had when the backup started',
    (initial, events, more) => {
      const fast = new FastState(initial);
      const sink = recorder().sink;
      for (const e of events) stepNode(fast, resolve(e, fast.toContext()), correct, sink);
      const before = fast.toContext();
      fast.keep();
      for (const e of more) stepNode(fast, resolve(e, fast.toContext()), correct, sink);
      fast.clearSeen();
      fast.rollback();
      expect(fast.toContext()).toEqual(before);
      // The backup has ended: further changes stay.
      fast.markSeen('x');
      fast.rollback();
      expect(fast.toContext().seen.at(-1)).toBe('x');
    },
  );

  it('routes like JsonState when the table is full and a tie goes to the lower node', () => {
    const base: FreenetContext = freshContext({
      self: 0,
      neighbours: [
        { node: 3, location: '000010' },
        { node: 2, location: '000030' },
      ],
      capacity: 1,
      routeCapacity: 2,
      corrupt: false,
    });
    const fast = new FastState(base);
    const json = new JsonState(base);
    for (const s of [fast, json]) {
      s.learn('c000020', 5);
      s.learn('c000040', 1);
      s.learn('c000025', 4); // evicts c000020
    }
    for (const target of ['c000020', 'c000035', 'c000000']) {
      for (const tried of [[], [3], [3, 4], [1, 2, 3, 4]]) {
        expect(fast.candidate(target, null, tried)).toBe(json.candidate(target, null, tried));
      }
    }
    expect(fast.candidate('c000020', null, [])).toBe(4); // c000025: 5 away
    expect(fast.candidate('c000020', null, [4])).toBe(2); // 2 and 3 both 16 away: the lower
    expect(fast.toContext()).toEqual(json.context());
  });
});
