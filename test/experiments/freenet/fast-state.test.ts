import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { FastState } from '../../../experiments/freenet/fast-state.ts';
import { keyOf, locationOf, proofOf, verifies } from '../../../models/freenet/keys.ts';
import type { FreenetEvent, NodeInput } from '../../../models/freenet/messages.ts';
import { variants } from '../../../models/freenet/model.ts';
import {
  freshContext,
  JsonState,
  type FreenetContext,
  type NodeState,
} from '../../../models/freenet/node.state.ts';
import {
  announceSelf,
  decide,
  stepNode,
  type FreenetGuard,
  type FreenetSend,
  type NodeEffects,
} from '../../../models/freenet/node.step.ts';
import type { Json, JsonObject } from '../../../models/kernel/json.ts';
import type { ObservationFields } from '../../../models/kernel/step.ts';
import { PureDriver, type CollectedAction } from '../../../models/kernel/pure-driver.ts';

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

/** A node's input: some neighbours, small capacities so that both LRUs evict. */
const input = fc
  .record({
    self: node,
    neighbours: fc.uniqueArray(node, { maxLength: NODES }),
    capacity: fc.nat(3),
    routeCapacity: fc.nat(3),
    corrupt: fc.boolean(),
    announce: fc.nat(2),
  })
  .map(({ self, neighbours, ...rest }) => ({
    self,
    neighbours: neighbours
      .filter((n) => n !== self)
      .map((n) => ({ node: n, location: locationOf(n) })),
    ...rest,
  }));

/** A fresh node's context. */
const context: fc.Arbitrary<FreenetContext> = input.map(freshContext);

/** Each variant of the model (model.ts) as the guards it swaps, and their constant answers. */
const SWAPS: Readonly<Record<string, Partial<Record<FreenetGuard, boolean>>>> = {
  freenet: {},
  'seed-expiry-backtracks': { backtracksOnExpiry: true },
  'no-backtracking': { backtracks: false },
  'no-loop-detection': { isLoop: false },
  'no-reply-caching': { cachesReply: false },
  'no-collision-check': { isCollision: false },
  'no-verification': { verifies: true, verifiesInsertData: true },
  'no-insert-verification': { verifiesInsertData: true },
  'retries-failed-neighbour': { crossesOff: false },
};

/** Any input of the machine (a driver's throwaway actor needs one). */
const ANY_INPUT = { self: 0, neighbours: [], capacity: 1, corrupt: false };

/** Each variant's machine, driven purely, with the swaps its guards make. */
const machines = variants.map((v) => ({
  name: v.name,
  driver: new PureDriver(v.roles['node']!.machine, ANY_INPUT),
  swaps: SWAPS[v.name] ?? {},
}));

/**
 * Effects that record every send and observation in one ordered list (as the machine's collected
 * actions are), answering guards as the correct node would on `state` unless `swaps` fixes them.
 */
class Recorder implements NodeEffects {
  readonly out: Json[] = [];

  constructor(
    private readonly state: NodeState,
    private readonly swaps: Partial<Record<FreenetGuard, boolean>> = {},
  ) {}

  send(to: number | readonly number[], msg: FreenetSend): void {
    this.out.push(['send', { to: typeof to === 'number' ? to : [...to], msg: { ...msg } }]);
  }

  observe(kind: string, fields: ObservationFields = {}): void {
    this.out.push(['observe', { kind, ...fields }]);
  }

  check(guard: FreenetGuard, params: object = {}): boolean {
    return this.swaps[guard] ?? decide(this.state, guard, params);
  }
}

/** The machine's sends and observations, in the recorder's form. */
function effectsOf(actions: readonly CollectedAction[]): Json[] {
  return actions
    .filter((a) => a.type === 'send' || a.type === 'observe')
    .map((a) => [a.type, a.params as Json]);
}

/** Event sequences, half of them answers to what the node waits on. */
const steps = fc.array(fc.oneof(event, answer), { minLength: 10, maxLength: 60, size: 'max' });

/**
 * Runs `events` through a variant's machine and through `FastState` with the same guards,
 * expecting the same effects, in order, and the same context after each.
 */
function agree(
  start: NodeInput & JsonObject,
  machine: (typeof machines)[number],
  events: readonly (FreenetEvent | Answer)[],
): void {
  const fast = new FastState(freshContext(start));
  let [snapshot, actions] = machine.driver.initial(start);
  const first = new Recorder(fast, machine.swaps);
  announceSelf(fast, first);
  expect(first.out).toEqual(effectsOf(actions));
  expect(fast.toContext()).toEqual(snapshot.context);
  for (const step of events) {
    const e = resolve(step, snapshot.context as FreenetContext);
    [snapshot, actions] = machine.driver.transition(snapshot, e);
    const recorder = new Recorder(fast, machine.swaps);
    stepNode(fast, e, recorder);
    expect(recorder.out).toEqual(effectsOf(actions));
    expect(fast.toContext()).toEqual(snapshot.context);
  }
}

describe('FastState', () => {
  it('has the swaps of every variant of the model', () => {
    expect(Object.keys(SWAPS).sort()).toEqual(variants.map((v) => v.name).sort());
  });

  test.prop([input, fc.constantFrom(...machines), steps], { numRuns: 300 })(
    "emits the same effects and holds the same context as the machine (each variant's) after every event",
    (start, machine, events) => agree(start, machine, events),
  );

  it('agrees with the machine when one step stores twice (a timer clears two inserts of a key)', () => {
    const start = { ...ANY_INPUT, neighbours: [{ node: 1, location: locationOf(1) }], capacity: 2 };
    const insert = (id: string, data: string) =>
      ({ type: 'insert', id, key: CHK, data, proof: '', htl: 3 }) as const;
    const events = [insert('i0', 'a'), insert('i1', 'b'), { type: 'timeout' } as const];
    for (const machine of machines) agree(start, machine, events);
  });

  test.prop([context, steps, steps])(
    'round-trips through its context, and a clone is independent of the original',
    (initial, events, more) => {
      const fast = new FastState(initial);
      for (const e of events) stepNode(fast, resolve(e, fast.toContext()), new Recorder(fast));
      const before = fast.toContext();
      expect(new FastState(before).toContext()).toEqual(before);
      const copy = fast.clone();
      expect(copy.toContext()).toEqual(before);
      for (const e of more) stepNode(copy, resolve(e, copy.toContext()), new Recorder(copy));
      expect(fast.toContext()).toEqual(before);
    },
  );

  test.prop([context, steps, steps])(
    'rolls back to the state it had when the backup started',
    (initial, events, more) => {
      const fast = new FastState(initial);
      for (const e of events) stepNode(fast, resolve(e, fast.toContext()), new Recorder(fast));
      const before = fast.toContext();
      fast.keep();
      for (const e of more) stepNode(fast, resolve(e, fast.toContext()), new Recorder(fast));
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
