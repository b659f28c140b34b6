import { fc, test } from '@fast-check/vitest';
import { emit, raise, sendTo, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Payload } from '../../../models/kernel/action.ts';
import { effects } from '../../../models/kernel/effects.ts';
import {
  digestStep,
  LocalTable,
  observationHash,
  type Outcome,
} from '../../../models/kernel/local-table.ts';
import { hashText } from '../../../models/kernel/hash.ts';
import { canonicalJson } from '../../../models/kernel/json.ts';
import { MODEL_ERROR, ModelError } from '../../../models/kernel/model-error.ts';
import type { Observation } from '../../../models/kernel/spec.ts';
import { echoMachine } from '../../fixtures/toy-protocol.ts';
import { Ping, Pong } from './helpers.ts';

/** Node `node` of a 2-node echo group, started in a fresh table. */
function started(node = 1, n = 2): { table: LocalTable; init: Outcome } {
  const table = new LocalTable();
  const init = table.start(node, 'echo', echoMachine, { self: node, n });
  return { table, init };
}

/** The (to, payload) pairs of an outcome's sends. */
function sendsOf(table: LocalTable, out: Outcome): [number, unknown][] {
  const pairs: [number, unknown][] = [];
  for (let i = 0; i < out.sends.length; i += 2)
    pairs.push([out.sends[i]!, table.event(out.sends[i + 1]!).payload]);
  return pairs;
}

describe('LocalTable events', () => {
  it("gives a role's timeouts or choices the ids of their events, looked up once per list", () => {
    const table = new LocalTable();
    const timeouts: Payload[] = [{ type: 'tick' }, { type: 'tock', n: 1 }];

    const ids = table.environmentIds(timeouts);

    expect(ids).toEqual(timeouts.map((e) => table.eventId(-1, e)));
    expect(table.environmentIds(timeouts)).toBe(ids);
    // Another list with the same events: the same ids, in a list of its own.
    expect(table.environmentIds([{ type: 'tock', n: 1 }])).toEqual([ids[1]]);
  });

  it('interns an event once, whatever the key order of its payload', () => {
    const table = new LocalTable();

    const a = table.eventId(0, { type: 'Order', id: 'm0', seq: 1 });
    const b = table.eventId(0, { seq: 1, id: 'm0', type: 'Order' });

    expect(b).toBe(a);
    expect(table.sizes().events).toBe(1);
  });

  it('tells events apart by sender', () => {
    const table = new LocalTable();

    expect(table.eventId(0, Ping(0))).not.toBe(table.eventId(1, Ping(0)));
  });

  it('hands the machine the payload with `from` added, and keeps the payload as written', () => {
    const table = new LocalTable();

    const e = table.event(table.eventId(2, Ping(7)));

    expect(e.from).toBe(2);
    expect(e.payload).toEqual({ type: 'Ping', seq: 7 });
    expect(e.event).toEqual({ type: 'Ping', seq: 7, from: 2 });
  });

  it('finds only events it has interned', () => {
    const table = new LocalTable();
    const id = table.eventId(0, Ping(0));

    expect(table.findEvent(0, { seq: 0, type: 'Ping' })).toBe(id);
    expect(table.findEvent(1, Ping(0))).toBeUndefined();
    expect(table.findEvent(0, Ping(1))).toBeUndefined();
  });
});

describe('LocalTable memo', () => {
  it('answers a repeated start from the memo', () => {
    const table = new LocalTable();

    const first = table.start(0, 'echo', echoMachine, { self: 0, n: 2 });
    const again = table.start(0, 'echo', echoMachine, { n: 2, self: 0 });

    expect(again).toBe(first);
    expect({ misses: table.misses, hits: table.hits }).toEqual({ misses: 1, hits: 1 });
  });

  it('answers a repeated (snapshot, event) from the memo', () => {
    const { table, init } = started();
    const ping = table.eventId(0, Ping(0));

    const first = table.step(init.next, ping);
    const again = table.step(init.next, ping);

    expect(again).toBe(first);
    expect({ misses: table.misses, hits: table.hits }).toEqual({ misses: 2, hits: 1 });
  });

  it('computes each distinct step once', () => {
    const { table, init } = started();
    const ping = table.eventId(0, Ping(0));
    const tick = table.eventId(-1, { type: 'tick' });

    for (let i = 0; i < 3; i++) {
      table.step(init.next, ping);
      table.step(init.next, tick);
    }

    expect({ misses: table.misses, hits: table.hits }).toEqual({ misses: 3, hits: 4 });
  });
});

describe('LocalTable outcomes', () => {
  it('a start is effective and carries the initial snapshot', () => {
    const { table, init } = started(1);

    expect(init.effective).toBe(true);
    expect(init.sends).toEqual([]);
    expect(table.snapshotNode(init.next)).toBe(1);
    expect(table.snapshotView(init.next)).toEqual({
      value: 'up',
      status: 'active',
      context: { self: 1, n: 2, count: 0, nextSeq: 0, pending: [] },
    });
  });

  it('carries the messages sent, flattened as [to, event id], from the stepping node', () => {
    const { table, init } = started(1);

    const out = table.step(init.next, table.eventId(0, Ping(4)));

    expect(sendsOf(table, out)).toEqual([[0, Pong(4)]]);
    expect(table.event(out.sends[1]!).from).toBe(1);
  });

  it('sends one message per receiver of a multicast', () => {
    const table = new LocalTable();
    const init = table.start(0, 'echo', echoMachine, { self: 0, n: 3 });

    const out = table.step(init.next, table.eventId(-1, { type: 'leave' }));

    expect(sendsOf(table, out)).toEqual([
      [1, { type: 'Bye' }],
      [2, { type: 'Bye' }],
    ]);
  });

  it('carries the observations with `node` filled in', () => {
    const { table, init } = started(1);

    const out = table.step(init.next, table.eventId(0, Ping(4)));

    expect(out.observations).toEqual([{ kind: 'got', msg: 'Ping', from: 0, seq: 4, node: 1 }]);
  });

  it('updates the history digest by the observations it carries', () => {
    const { table, init } = started(1);

    const out = table.step(init.next, table.eventId(0, Ping(4)));

    const { mul, add } = digestStep(out.observations.map(observationHash));
    expect({ mul: out.digestMul, add: out.digestAdd }).toEqual({ mul, add });
    expect(init.digestMul).toBe(1);
    expect(init.digestAdd).toBe(0);
  });

  it('is not effective when the machine ignores the event', () => {
    const { table, init } = started(1);

    const stale = table.step(init.next, table.eventId(0, Pong(0)));
    const tick = table.step(init.next, table.eventId(-1, { type: 'tick' }));

    for (const out of [stale, tick]) {
      expect(out).toMatchObject({ next: init.next, sends: [], observations: [], effective: false });
    }
  });

  it('is effective when only the snapshot changes', () => {
    const { table, init } = started(0);

    const out = table.step(init.next, table.eventId(-1, { type: 'ping', to: 1 }));
    const silent = table.step(out.next, table.eventId(-1, { type: 'reset' }));

    expect(out.effective).toBe(true);
    expect(out.observations).toEqual([]);
    expect(silent.effective).toBe(false);
  });

  it('interns equal snapshots reached by different steps as one id', () => {
    const { table, init } = started(1);

    const counted = table.step(init.next, table.eventId(0, Ping(0)));
    const reset = table.step(counted.next, table.eventId(-1, { type: 'reset' }));

    expect(counted.next).not.toBe(init.next);
    expect(reset.next).toBe(init.next);
  });

  it('keeps snapshots of different nodes apart even when their states are equal', () => {
    const table = new LocalTable();
    const input = { self: 0, n: 2 };

    const a = table.start(0, 'echo', echoMachine, input);
    const b = table.start(1, 'echo', echoMachine, input);

    expect(a.next).not.toBe(b.next);
    expect(table.snapshotKey(a.next)).not.toBe(table.snapshotKey(b.next));
    expect([table.snapshotNode(a.next), table.snapshotNode(b.next)]).toEqual([0, 1]);
  });

  it('lists the transitions it memoized and the snapshots it interned', () => {
    const { table, init } = started(1);
    table.step(init.next, table.eventId(0, Ping(0)));
    table.step(init.next, table.eventId(-1, { type: 'tick' }));

    const seen = [...table.transitionsSeen()].map(({ role, value, event, effective }) => ({
      role,
      value,
      event,
      effective,
    }));

    expect(seen).toEqual([
      { role: 'echo', value: 'up', event: 'Ping', effective: true },
      { role: 'echo', value: 'up', event: 'tick', effective: false },
    ]);
    expect([...table.snapshotsSeen()]).toHaveLength(table.sizes().snapshots);
    expect(table.sizes().snapshots).toBe(2);
  });
});

describe('LocalTable memo', () => {
  it('answers every event a snapshot was handed from the memo, however many', () => {
    const { table, init } = started(1);
    const events = [
      ...Array.from({ length: 20 }, (_, seq) => table.eventId(0, Ping(seq))),
      table.eventId(-1, { type: 'tick' }),
      table.eventId(0, Pong(0)),
    ];

    const first = events.map((e) => table.step(init.next, e));
    const misses = table.misses;
    const again = events.map((_, i) => table.step(init.next, events[events.length - 1 - i]!));

    expect(again.reverse().every((out, i) => out === first[i])).toBe(true);
    expect(table.misses).toBe(misses);
    const seen = [...table.transitionsSeen()].map((t) => t.event);
    expect(seen).toEqual([...Array.from({ length: 20 }, () => 'Ping'), 'tick', 'Pong']);
  });

  it('tells whether the machine took the event', () => {
    const { table, init } = started(1);
    const pong = table.eventId(0, Pong(0));
    const ping = table.eventId(0, Ping(0));

    expect([table.accepts(init.next, pong), table.accepts(init.next, ping)]).toEqual([false, true]);
    // Asked again: the same answers, from the memo.
    const misses = table.misses;
    expect([table.accepts(init.next, pong), table.accepts(init.next, ping)]).toEqual([false, true]);
    expect(table.misses).toBe(misses);
  });

  it('keeps one copy of each list of sends and of observations', () => {
    const { table, init } = started(1);
    const ping0 = table.eventId(0, Ping(0));
    const first = table.step(init.next, ping0);
    const second = table.step(first.next, ping0);
    const other = table.step(init.next, table.eventId(0, Ping(1)));

    // A second Ping 0 (counted again: a new snapshot) sends and observes what the first did.
    expect(second.next).not.toBe(first.next);
    expect(second.sends).toBe(first.sends);
    expect(second.observations).toBe(first.observations);
    expect(second.obsHashes).toBe(first.obsHashes);
    expect([second.digestMul, second.digestAdd]).toEqual([first.digestMul, first.digestAdd]);
    // Ping 1 does not: its own lists.
    expect(sendsOf(table, other)).toEqual([[0, Pong(1)]]);
    expect(other.observations).not.toBe(first.observations);
    expect(other.observations[0]).toMatchObject({ kind: 'got', seq: 1, node: 1 });
  });

  it('keys and hashes a snapshot by the canonical JSON of its role, node, state and context', () => {
    const { table, init } = started(1);
    // No hashes kept until a system keeps fingerprints; then those of earlier snapshots too.
    expect(table.snapHash).toEqual([]);
    table.keepHashes();
    const out = table.step(init.next, table.eventId(0, Ping(3)));

    for (const id of [init.next, out.next]) {
      const { value, context, status } = table.snapshotView(id);
      const key = canonicalJson(['echo', 1, value, context, status]);
      expect(table.snapshotKey(id)).toBe(key);
      expect(table.snapHash.slice(2 * id, 2 * id + 2)).toEqual(hashText(key));
    }
    const ping = table.eventId(0, Ping(3));
    expect(table.eventHash.slice(2 * ping, 2 * ping + 2)).toEqual(
      hashText(`0|${canonicalJson(Ping(3))}`),
    );
  });
});

describe('LocalTable rejects impure or malformed models', () => {
  const table = () => new LocalTable();
  /** The one observation of a failed step's outcome (model-error.ts). */
  const failure = (out: Outcome) => {
    expect(out.observations).toHaveLength(1);
    expect(out.observations[0]!.kind).toBe(MODEL_ERROR);
    return String(out.observations[0]!.error);
  };

  it('fails the step, naming the action, when a machine uses an action other than send or observe', () => {
    const m = setup({ actions: { ...effects, beep: () => {} } }).createMachine({
      on: { go: { actions: 'beep' } },
    });
    const t = table();
    const init = t.start(0, 'r', m, {});
    const out = t.step(init.next, t.eventId(-1, { type: 'go' }));

    expect(failure(out)).toBe(
      `r in {} on go: action 'beep' is not 'send' or 'observe': models must be pure`,
    );
    // The node keeps its snapshot and sends nothing; the step counts (it is listed and taken).
    expect(out.next).toBe(init.next);
    expect(out.sends).toEqual([]);
    expect(out.effective).toBe(true);
    expect(t.accepts(init.next, t.eventId(-1, { type: 'go' }))).toBe(true);
    // Memoized like any step.
    expect(t.step(init.next, t.eventId(-1, { type: 'go' }))).toBe(out);
  });

  it('throws for an inline function action', () => {
    const m = setup({ actions: { ...effects } }).createMachine({ entry: [() => {}] });

    expect(() => table().start(0, 'r', m, {})).toThrow(ModelError);
    expect(() => table().start(0, 'r', m, {})).toThrow(
      /^node 0 \(r\) cannot start: action '.+' is not 'send' or 'observe'/,
    );
  });

  it('throws when an observation has no string kind', () => {
    const m = setup({ actions: { ...effects } }).createMachine({
      entry: { type: 'observe', params: { msg: 'm0' } as never },
    });

    expect(() => table().start(2, 'r', m, {})).toThrow(
      /^node 2 \(r\) cannot start: observe needs a string kind$/,
    );
  });

  it('throws when an observation names a field node (the observer’s own index)', () => {
    const m = setup({ actions: { ...effects } }).createMachine({
      entry: { type: 'observe', params: { kind: 'welcome', node: 3 } as never },
    });

    expect(() => table().start(1, 'r', m, {})).toThrow(
      /^node 1 \(r\) cannot start: observe welcome: 'node' is reserved/,
    );
  });

  it('throws when a message is sent to a negative or fractional node index', () => {
    for (const to of [-1, 0.5]) {
      const m = setup({ actions: { ...effects } }).createMachine({
        entry: { type: 'send', params: { to, msg: { type: 'M' } } },
      });

      expect(() => table().start(0, 'r', m, {})).toThrow(/sent M to a node that does not exist/);
    }
  });

  it('lets xstate built-ins with no effect outside the machine through (assign, raise)', () => {
    const m = setup({ actions: { ...effects } }).createMachine({
      initial: 'a',
      states: {
        a: { entry: raise({ type: 'next' }), on: { next: 'b' } },
        b: { entry: { type: 'observe', params: { kind: 'in-b' } } },
      },
    });

    const out = table().start(0, 'r', m, {});

    expect(out.observations).toEqual([{ kind: 'in-b', node: 0 }]);
  });

  it.each([
    ['sendTo', sendTo(({ self }) => self, { type: 'x' })],
    ['emit', emit({ type: 'x' })],
    ['a delayed raise (what `after` compiles to)', raise({ type: 'x' }, { delay: 10 })],
  ])('throws when a machine uses %s (an effect the kernel would drop)', (_, action) => {
    const m = setup({ actions: { ...effects } }).createMachine({ entry: action as never });

    expect(() => table().start(0, 'r', m, {})).toThrow(/not 'send' or 'observe'/);
  });

  it('fails the step when the machine fails in a guard', () => {
    const m = setup({
      actions: { ...effects },
      guards: {
        broken: () => {
          throw new Error('boom');
        },
      },
    }).createMachine({ on: { go: { guard: 'broken' } } });
    const t = table();
    const init = t.start(0, 'r', m, {});

    const go = t.eventId(-1, { type: 'go' });

    expect(failure(t.step(init.next, go))).toMatch(
      /^r in {} on go: Unable to evaluate guard 'broken'.*: boom$/,
    );
    expect(t.accepts(init.next, go)).toBe(true);
  });
});

describe('observationHash and digestStep', () => {
  it('the hash of an observation does not depend on its node', () => {
    const a: Observation = { node: 0, kind: 'deliver', msg: 'm0' };

    expect(observationHash({ ...a, node: 3 })).toBe(observationHash(a));
    expect(observationHash({ ...a, msg: 'm1' })).not.toBe(observationHash(a));
  });

  it('hashes the text of the observation without its node', () => {
    const text = (o: Observation) => canonicalJson({ ...o, node: undefined });
    const observations: Observation[] = [
      { node: 2, kind: 'crash' },
      { kind: 'crash', node: 0 },
      { node: 1, kind: 'deliver', msg: 'm0' },
      { msg: 'm1', node: 4, kind: 'deliver' },
    ];

    for (const o of observations) expect(observationHash(o)).toBe(hashText(text(o))[1]);
    expect(text(observations[0]!)).toBe('{"kind":"crash"}');
  });

  it('no observations leave a digest unchanged', () => {
    expect(digestStep([])).toEqual({ mul: 1, add: 0 });
  });

  test.prop([fc.array(fc.integer()), fc.array(fc.integer()), fc.integer()])(
    'appending two batches is appending their concatenation',
    (xs, ys, d0) => {
      const apply = (d: number, { mul, add }: { mul: number; add: number }) =>
        (Math.imul(d, mul) + add) | 0;

      expect(apply(apply(d0, digestStep(xs)), digestStep(ys))).toBe(
        apply(d0, digestStep([...xs, ...ys])),
      );
    },
  );
});
