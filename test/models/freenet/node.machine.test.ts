import { describe, expect, it } from 'vitest';
import type { AnyStateMachine, EventObject } from 'xstate';
import { keyOf, positionOf, proofOf } from '../../../models/freenet/keys.ts';
import { variants } from '../../../models/freenet/model.ts';
import { freenetNode } from '../../../models/freenet/node.machine.ts';
import type { FreenetContext } from '../../../models/freenet/node.state.ts';
import type { Json } from '../../../models/kernel/json.ts';
import { PureDriver, type Snapshot } from '../../../models/kernel/pure-driver.ts';

const SPEC = 'ksk:alpha';
const KEY = keyOf(SPEC);
const A = { data: 'a', proof: proofOf(SPEC, 'a') };
const B = { data: 'b', proof: proofOf(SPEC, 'b') };
/** A location `offset` away from KEY (on the 24-bit line). */
const near = (offset: number) => (positionOf(KEY) + offset).toString(16).padStart(6, '0');

// Node 0 with neighbours 1, 2, 3 at hand-picked locations: KEY is closest to 2, then 3, then 1.
const input = {
  self: 0,
  neighbours: [
    { node: 1, location: near(300) },
    { node: 2, location: near(100) },
    { node: 3, location: near(-200) },
  ],
  capacity: 2,
  corrupt: false,
};

/** Drives node 0 and returns what each step sent and observed. */
class Node {
  private readonly driver: PureDriver;
  snapshot: Snapshot;
  sentAtStart: Json[];

  constructor(
    overrides: Partial<typeof input> & { announce?: number } = {},
    machine: AnyStateMachine = freenetNode,
  ) {
    this.driver = new PureDriver(machine, input);
    const [snapshot, actions] = this.driver.initial({ ...input, ...overrides });
    this.snapshot = snapshot;
    this.sentAtStart = actions.filter((a) => a.type === 'send').map((a) => a.params as Json);
  }

  step(event: EventObject & Record<string, Json>) {
    const [next, actions] = this.driver.transition(this.snapshot, event);
    this.snapshot = next;
    const sent = actions.filter((a) => a.type === 'send').map((a) => a.params);
    const seen = actions.filter((a) => a.type === 'observe').map((a) => a.params);
    return { sent, seen };
  }

  get context(): FreenetContext {
    return this.snapshot.context as FreenetContext;
  }

  /** Makes the node hold `item` under KEY (a local insert with HTL 0). */
  holding(item = A): this {
    this.step({ type: 'insert', id: 'i9', key: KEY, ...item, htl: 0 });
    return this;
  }
}

const request = { type: 'DataRequest', id: 'r0', key: KEY, htl: 4, from: 1 };
const forward = (to: number, htl = 3) => ({
  to,
  msg: { type: 'DataRequest', id: 'r0', key: KEY, htl },
});

describe('freenet node: requests', () => {
  it('answers a request for a key it holds from its store', () => {
    const { sent, seen } = new Node()
      .holding()
      .step({ type: 'request', id: 'r0', key: KEY, htl: 3 });
    expect(sent).toEqual([]);
    expect(seen).toContainEqual({ kind: 'found', id: 'r0', key: KEY, ...A });
  });

  it('forwards to the closest untried neighbour other than the sender, with one hop less', () => {
    const { sent, seen } = new Node().step(request);
    expect(seen).toEqual([{ kind: 'handle', id: 'r0' }]);
    expect(sent).toEqual([forward(2)]);
  });

  it('backtracks on a failure, ignores failures of nodes it no longer waits on, fails upstream at the end', () => {
    const node = new Node();
    node.step(request);
    expect(node.step({ type: 'RequestFailed', id: 'r0', expired: false, from: 2 }).sent).toEqual([
      forward(3),
    ]);
    expect(node.step({ type: 'RequestFailed', id: 'r0', expired: false, from: 2 }).sent).toEqual(
      [],
    );
    const { sent, seen } = node.step({ type: 'RequestFailed', id: 'r0', expired: false, from: 3 });
    expect(sent).toEqual([{ to: 1, msg: { type: 'RequestFailed', id: 'r0', expired: false } }]);
    expect(seen).toEqual([{ kind: 'answer', id: 'r0' }]);
  });

  it('refuses a request it has seen before (a loop) with a failure reply', () => {
    const node = new Node();
    node.step(request);
    const { sent, seen } = node.step({ ...request, from: 3 });
    expect(seen).toEqual([]);
    expect(sent).toEqual([{ to: 3, msg: { type: 'RequestFailed', id: 'r0', expired: false } }]);
  });

  it('does not forward once hops-to-live run out, and says so upstream', () => {
    const { sent } = new Node().step({ ...request, htl: 1 });
    expect(sent).toEqual([{ to: 1, msg: { type: 'RequestFailed', id: 'r0', expired: true } }]);
  });

  it('passes an expired failure straight back, trying no other candidate', () => {
    const node = new Node();
    node.step(request);
    const { sent, seen } = node.step({ type: 'RequestFailed', id: 'r0', expired: true, from: 2 });
    expect(sent).toEqual([{ to: 1, msg: { type: 'RequestFailed', id: 'r0', expired: true } }]);
    expect(seen).toEqual([{ kind: 'answer', id: 'r0' }]);
  });

  it("under the seed's rule, backtracks on an expired failure like any other", () => {
    const seed = variants.find((v) => v.name === 'seed-expiry-backtracks')!.roles['node']!.machine;
    const node = new Node({}, seed);
    node.step(request);
    const expired = { type: 'RequestFailed', id: 'r0', expired: true };
    expect(node.step({ ...expired, from: 2 }).sent).toEqual([forward(3)]);
    const { sent, seen } = node.step({ ...expired, from: 3 });
    expect(sent).toEqual([{ to: 1, msg: { type: 'RequestFailed', id: 'r0', expired: false } }]);
    expect(seen).toEqual([{ kind: 'answer', id: 'r0' }]);
  });

  it('in the retries-failed-neighbour mutant, sends the request again to the node that failed it', () => {
    const mutant = variants.find((v) => v.name === 'retries-failed-neighbour')!;
    const node = new Node({}, mutant.roles['node']!.machine);
    node.step(request);
    const failed = { type: 'RequestFailed', id: 'r0', expired: false, from: 2 };
    expect(node.step(failed).sent).toEqual([forward(2)]);
    const again = node.step(failed);
    expect(again.sent).toEqual([forward(2)]);
    expect(again.seen).toEqual([]);
  });

  it('caches a reply, routes the key to its source, and passes it back along the reverse path', () => {
    const node = new Node();
    node.step(request);
    const { sent, seen } = node.step({
      type: 'DataReply',
      id: 'r0',
      key: KEY,
      ...A,
      source: 7,
      from: 2,
    });
    expect(seen).toEqual([
      { kind: 'store', key: KEY, ...A },
      { kind: 'relay', id: 'r0', key: KEY },
      { kind: 'answer', id: 'r0' },
    ]);
    expect(sent).toEqual([
      { to: 1, msg: { type: 'DataReply', id: 'r0', key: KEY, ...A, source: 7 } },
    ]);
    expect(node.context.routes).toEqual([[KEY, 7]]);
  });

  it('routes to a learned data source, beyond its neighbours, before a closer location', () => {
    const node = new Node();
    node.step(request);
    const far = keyOf('chk:x');
    node.step({ type: 'DataReply', id: 'r0', key: far, data: 'x', proof: '', source: 7, from: 2 });
    const { sent } = node.step({ type: 'request', id: 'r1', key: far, htl: 3 });
    expect(sent).toEqual([]); // cached on the way: answered locally
    const nearFar = `c${(positionOf(far) + 1).toString(16).padStart(6, '0')}`;
    expect(node.step({ type: 'request', id: 'r2', key: nearFar, htl: 3 }).sent[0]).toMatchObject({
      to: 7,
    });
  });

  it('evicts the least recently used data beyond its capacity', () => {
    const node = new Node();
    const items = ['a', 'b', 'c'].map((d) => ({ key: keyOf(`chk:${d}`), data: d, proof: '' }));
    node.step({ type: 'insert', id: 'i0', ...items[0]!, htl: 0 });
    node.step({ type: 'insert', id: 'i1', ...items[1]!, htl: 0 });
    node.step({ type: 'request', id: 'r0', key: items[0]!.key, htl: 1 }); // a hit refreshes a
    const { seen } = node.step({ type: 'insert', id: 'i2', ...items[2]!, htl: 0 });
    expect(seen).toContainEqual({ kind: 'evict', key: items[1]!.key });
    expect(node.context.store.map(([k]) => k)).toEqual([items[0]!.key, items[2]!.key]);
  });
});

describe('freenet node: integrity', () => {
  it('forges a reply when it corrupts, whatever the key', () => {
    const { sent, seen } = new Node({ corrupt: true }).step(request);
    expect(seen).toContainEqual({ kind: 'corrupt', id: 'r0', key: KEY });
    expect(sent).toEqual([
      {
        to: 1,
        msg: { type: 'DataReply', id: 'r0', key: KEY, data: 'forged', proof: '', source: 0 },
      },
    ]);
  });

  it('drops data whose signature does not verify and tries the next candidate', () => {
    const node = new Node();
    node.step(request);
    const forged = { data: 'b', proof: A.proof };
    const { sent, seen } = node.step({
      type: 'DataReply',
      id: 'r0',
      key: KEY,
      ...forged,
      source: 2,
      from: 2,
    });
    expect(seen).toEqual([{ kind: 'reject', id: 'r0', key: KEY, by: 2 }]);
    expect(sent).toEqual([forward(3)]);
    expect(node.context.store).toEqual([]);
  });

  it("alters an insert's data it passes on when it corrupts, keeping the genuine data itself", () => {
    const node = new Node({ corrupt: true });
    node.step({ type: 'InsertRequest', id: 'i0', key: KEY, htl: 3, from: 1 });
    node.step({ type: 'InsertClear', id: 'i0', from: 2 });
    const { sent, seen } = node.step({
      type: 'InsertData',
      id: 'i0',
      key: KEY,
      ...A,
      source: 1,
      from: 1,
    });
    expect(seen).toContainEqual({ kind: 'corrupt', id: 'i0', key: KEY });
    expect(sent).toEqual([
      {
        to: 2,
        msg: { type: 'InsertData', id: 'i0', key: KEY, data: 'forged', proof: A.proof, source: 1 },
      },
    ]);
    expect(node.context.store).toEqual([[KEY, A.data, A.proof]]);
  });

  it("alters a collision's data it relays back when it corrupts", () => {
    const node = new Node({ corrupt: true });
    node.step({ type: 'InsertRequest', id: 'i0', key: KEY, htl: 3, from: 1 });
    const { sent } = node.step({ type: 'DataReply', id: 'i0', key: KEY, ...A, source: 2, from: 2 });
    expect(sent).toEqual([
      {
        to: 1,
        msg: { type: 'DataReply', id: 'i0', key: KEY, data: 'forged', proof: A.proof, source: 2 },
      },
    ]);
    expect(node.context.store).toEqual([[KEY, A.data, A.proof]]);
  });

  it("checks an insert's data that follows the cleared path: altered data is dropped, not stored or passed on", () => {
    const node = new Node();
    node.step({ type: 'InsertRequest', id: 'i0', key: KEY, htl: 3, from: 1 });
    node.step({ type: 'InsertClear', id: 'i0', from: 2 });
    const altered = { data: 'forged', proof: A.proof };
    const data = { type: 'InsertData', id: 'i0', key: KEY, ...altered, source: 1, from: 1 };
    const { sent, seen } = node.step(data);
    expect(seen).toEqual([
      { kind: 'answer', id: 'i0' },
      { kind: 'reject', id: 'i0', key: KEY, by: 1 },
    ]);
    expect(sent).toEqual([]);
    expect(node.context.store).toEqual([]);
    expect(node.context.pending).toEqual([]);
  });

  it('without the insert-data check (the no-insert-verification mutant), stores altered data', () => {
    const mutant = variants.find((v) => v.name === 'no-insert-verification')!;
    const node = new Node({}, mutant.roles['node']!.machine);
    node.step({ type: 'InsertRequest', id: 'i0', key: KEY, htl: 3, from: 1 });
    node.step({ type: 'InsertClear', id: 'i0', from: 2 });
    const altered = { data: 'forged', proof: A.proof };
    node.step({ type: 'InsertData', id: 'i0', key: KEY, ...altered, source: 1, from: 1 });
    expect(node.context.store).toEqual([[KEY, 'forged', A.proof]]);
    // Replies are still checked.
    const asking = new Node({}, mutant.roles['node']!.machine);
    asking.step(request);
    const reply = { type: 'DataReply', id: 'r0', key: KEY, ...altered, source: 2, from: 2 };
    expect(asking.step(reply).seen).toContainEqual({ kind: 'reject', id: 'r0', key: KEY, by: 2 });
  });

  it('refuses a client insert signed by anyone but the subspace owner', () => {
    const spec = 'ssk:alice/doc';
    const key = keyOf(spec);
    const forged = { data: 'x', proof: proofOf(spec, 'x', 'owner:mallory') };
    const { sent, seen } = new Node().step({ type: 'insert', id: 'i0', key, ...forged, htl: 3 });
    expect(sent).toEqual([]);
    expect(seen).toContainEqual({ kind: 'refused', id: 'i0', key });
  });
});

describe('freenet node: two-pass inserts', () => {
  it('answers an insert of a key it holds with the existing data (a collision)', () => {
    const node = new Node().holding();
    const insert = { type: 'InsertRequest', id: 'i1', key: KEY, htl: 3, from: 1 };
    expect(node.step(insert).sent).toEqual([
      { to: 1, msg: { type: 'DataReply', id: 'i1', key: KEY, ...A, source: 0 } },
    ]);
  });

  it('at the end of the path: all clear upstream, then stores the data that follows', () => {
    const node = new Node();
    const first = node.step({ type: 'InsertRequest', id: 'i0', key: KEY, htl: 1, from: 1 });
    expect(first.sent).toEqual([{ to: 1, msg: { type: 'InsertClear', id: 'i0' } }]);
    expect(first.seen).toEqual([{ kind: 'handle', id: 'i0' }]);
    const { sent, seen } = node.step({
      type: 'InsertData',
      id: 'i0',
      key: KEY,
      ...A,
      source: 5,
      from: 1,
    });
    expect(sent).toEqual([]);
    expect(seen).toEqual([
      { kind: 'answer', id: 'i0' },
      { kind: 'store', key: KEY, ...A },
    ]);
    expect(node.context.routes).toEqual([[KEY, 5]]);
  });

  it('at the origin: routes the key, and on the all clear stores the data and sends it down the path', () => {
    const node = new Node();
    const insert = { type: 'insert', id: 'i0', key: KEY, ...A, htl: 3 };
    expect(node.step(insert).sent).toEqual([
      { to: 2, msg: { type: 'InsertRequest', id: 'i0', key: KEY, htl: 2 } },
    ]);
    const { sent, seen } = node.step({ type: 'InsertClear', id: 'i0', from: 2 });
    expect(seen).toContainEqual({
      kind: 'inserted',
      id: 'i0',
      key: KEY,
      data: 'a',
      collision: false,
    });
    expect(sent).toEqual([
      { to: 2, msg: { type: 'InsertData', id: 'i0', key: KEY, ...A, source: 0 } },
    ]);
    expect(node.context.store).toEqual([[KEY, A.data, A.proof]]);
  });

  it('reports a collision at the origin with the existing data, and caches it', () => {
    const node = new Node();
    node.step({ type: 'insert', id: 'i0', key: KEY, ...B, htl: 3 });
    const { seen } = node.step({ type: 'DataReply', id: 'i0', key: KEY, ...A, source: 2, from: 2 });
    expect(seen).toContainEqual({
      kind: 'inserted',
      id: 'i0',
      key: KEY,
      data: 'a',
      collision: true,
    });
    expect(node.context.store).toEqual([[KEY, A.data, A.proof]]);
  });
});

describe('freenet node: failures and churn', () => {
  it('keeps the first of two inserts of one key that a timer clears in one step', () => {
    const node = new Node({ neighbours: [{ node: 1, location: near(300) }] });
    node.step({ type: 'insert', id: 'i0', key: KEY, ...A, htl: 3 });
    node.step({ type: 'insert', id: 'i1', key: KEY, ...B, htl: 3 });
    const { seen } = node.step({ type: 'timeout' });
    expect(seen).toContainEqual({ kind: 'store', key: KEY, ...A });
    expect(seen).not.toContainEqual({ kind: 'store', key: KEY, ...B });
    expect(node.context.store).toEqual([[KEY, A.data, A.proof]]);
  });

  it('on a timer gives up on the node it waits on, and still takes a late answer from it', () => {
    const node = new Node();
    node.step(request);
    const { sent, seen } = node.step({ type: 'timeout' });
    expect(seen).toEqual([{ kind: 'timeout', id: 'r0' }]);
    expect(sent).toEqual([forward(3)]);
    const late = node.step({ type: 'DataReply', id: 'r0', key: KEY, ...A, source: 2, from: 2 });
    expect(late.sent).toEqual([
      { to: 1, msg: { type: 'DataReply', id: 'r0', key: KEY, ...A, source: 2 } },
    ]);
    expect(node.context.pending).toEqual([]);
  });

  it('ignores a timer while it waits on nobody', () => {
    const node = new Node();
    const before = node.snapshot;
    expect(node.step({ type: 'timeout' })).toEqual({ sent: [], seen: [] });
    expect(node.snapshot.context).toEqual(before.context);
  });

  it('fails what it holds upstream when it leaves', () => {
    const node = new Node();
    node.step(request);
    const { sent, seen } = node.step({ type: 'leave' });
    expect(sent).toEqual([{ to: 1, msg: { type: 'RequestFailed', id: 'r0', expired: false } }]);
    expect(seen).toEqual([{ kind: 'answer', id: 'r0' }]);
  });

  it('announces itself to its seed when it joins', () => {
    const node = new Node({ self: 9, neighbours: [{ node: 4, location: near(0) }], announce: 3 });
    expect(node.sentAtStart).toEqual([
      { to: 4, msg: { type: 'Announce', id: 'a9', node: 9, htl: 3 } },
    ]);
    node.step({ type: 'Welcome', from: 6 });
    expect(node.context.neighbours.map((n) => n.node)).toEqual([4, 6]);
  });

  it('welcomes an announced node, adds it, and passes the announcement on once', () => {
    const node = new Node();
    const announce = { type: 'Announce', id: 'a9', node: 9, htl: 3, from: 1 };
    const { sent, seen } = node.step(announce);
    expect(seen).toEqual([{ kind: 'welcome', joiner: 9 }]);
    expect(sent[0]).toEqual({ to: 9, msg: { type: 'Welcome' } });
    expect(sent[1]).toMatchObject({ msg: { type: 'Announce', id: 'a9', node: 9, htl: 2 } });
    expect(node.context.neighbours.map((n) => n.node)).toEqual([1, 2, 3, 9]);
    expect(node.step({ ...announce, from: 2 })).toEqual({ sent: [], seen: [] });
  });
});
