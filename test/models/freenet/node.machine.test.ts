import { describe, expect, it } from 'vitest';
import type { EventObject } from 'xstate';
import { keyOf } from '../../../models/freenet/keys.ts';
import { freenetNode } from '../../../models/freenet/node.machine.ts';
import type { Json } from '../../../models/kernel/json.ts';
import { PureDriver, type Snapshot } from '../../../models/kernel/pure-driver.ts';

// Node 0 with neighbours 1, 2, 3 at hand-picked locations: key 000210 is closest to 2, then 3, then 1.
const input = {
  self: 0,
  neighbours: [
    { node: 1, location: '000100' },
    { node: 2, location: '000200' },
    { node: 3, location: '000300' },
  ],
  capacity: 2,
  corrupt: false,
};
const KEY = '000210';

/** Drives node 0 and returns what each step sent and observed. */
class Node {
  private readonly driver = new PureDriver(freenetNode, input);
  snapshot: Snapshot;

  constructor(capacity = 2, corrupt = false) {
    [this.snapshot] = this.driver.initial({ ...input, capacity, corrupt });
  }

  step(event: EventObject & Record<string, Json>) {
    const [next, actions] = this.driver.transition(this.snapshot, event);
    this.snapshot = next;
    const sent = actions.filter((a) => a.type === 'send').map((a) => a.params);
    const seen = actions.filter((a) => a.type === 'observe').map((a) => a.params);
    return { sent, seen };
  }

  get context() {
    return this.snapshot.context as { store: [string, string][]; routes: [string, number][] };
  }
}

const request = { type: 'DataRequest', id: 'r0', key: KEY, htl: 4, from: 1 };

describe('freenet node', () => {
  it('answers a request for a key it holds from its store', () => {
    const node = new Node();
    node.step({ type: 'insert', id: 'i0', key: KEY, data: 'a', htl: 0 });
    const { sent, seen } = node.step({ type: 'request', id: 'r0', key: KEY, htl: 3 });
    expect(sent).toEqual([]);
    expect(seen).toContainEqual({ kind: 'found', id: 'r0', key: KEY, data: 'a' });
  });

  it('forwards to the closest untried neighbour other than the sender, with one hop less', () => {
    const { sent, seen } = new Node().step(request);
    expect(seen).toEqual([{ kind: 'handle', id: 'r0' }]);
    expect(sent).toEqual([{ to: 2, msg: { type: 'DataRequest', id: 'r0', key: KEY, htl: 3 } }]);
  });

  it('backtracks to the next-closest candidate on a failure, and fails upstream when none is left', () => {
    const node = new Node();
    node.step(request);
    expect(node.step({ type: 'RequestFailed', id: 'r0', from: 2 }).sent).toEqual([
      { to: 3, msg: { type: 'DataRequest', id: 'r0', key: KEY, htl: 3 } },
    ]);
    const { sent, seen } = node.step({ type: 'RequestFailed', id: 'r0', from: 3 });
    expect(sent).toEqual([{ to: 1, msg: { type: 'RequestFailed', id: 'r0' } }]);
    expect(seen).toEqual([{ kind: 'answer', id: 'r0' }]);
  });

  it('refuses a request it has seen before (a loop) with a failure reply', () => {
    const node = new Node();
    node.step(request);
    const { sent, seen } = node.step({ ...request, from: 3 });
    expect(seen).toEqual([]);
    expect(sent).toEqual([{ to: 3, msg: { type: 'RequestFailed', id: 'r0' } }]);
  });

  it('does not forward once hops-to-live run out', () => {
    const { sent } = new Node().step({ ...request, htl: 1 });
    expect(sent).toEqual([{ to: 1, msg: { type: 'RequestFailed', id: 'r0' } }]);
  });

  it('caches a reply, learns the route, and passes it back along the reverse path', () => {
    const node = new Node();
    node.step(request);
    const reply = { type: 'DataReply', id: 'r0', key: KEY, data: 'a', from: 2 };
    const { sent, seen } = node.step(reply);
    expect(seen).toEqual([
      { kind: 'store', key: KEY, data: 'a' },
      { kind: 'relay', id: 'r0', key: KEY },
      { kind: 'answer', id: 'r0' },
    ]);
    expect(sent).toEqual([{ to: 1, msg: { type: 'DataReply', id: 'r0', key: KEY, data: 'a' } }]);
    expect(node.context.routes).toEqual([[KEY, 2]]);
  });

  it('routes towards a learned entry before a closer location', () => {
    const node = new Node();
    node.step({ ...request, from: 2 }); // tries 3 first (2 is the sender)
    node.step({ type: 'DataReply', id: 'r0', key: '000110', data: 'x', from: 3 });
    // 000120 is closer to node 1's location (000100) but node 3 has served 000110.
    const { sent } = node.step({ type: 'request', id: 'r1', key: '000120', htl: 3 });
    expect(sent[0]).toMatchObject({ to: 3 });
  });

  it('answers an insert of a key it holds with the existing data (a collision)', () => {
    const node = new Node();
    node.step({ type: 'insert', id: 'i0', key: KEY, data: 'a', htl: 0 });
    const insert = { type: 'InsertRequest', id: 'i1', key: KEY, data: 'b', htl: 3, from: 1 };
    expect(node.step(insert).sent).toEqual([
      {
        to: 1,
        msg: { type: 'InsertReply', id: 'i1', key: KEY, data: 'a', collision: true },
      },
    ]);
    expect(node.context.store).toEqual([[KEY, 'a']]);
  });

  it('stores an insert where its hops-to-live run out, and reports the placement', () => {
    const { sent, seen } = new Node().step({
      type: 'InsertRequest',
      id: 'i0',
      key: KEY,
      data: 'a',
      htl: 1,
      from: 1,
    });
    expect(seen).toContainEqual({ kind: 'store', key: KEY, data: 'a' });
    expect(sent).toEqual([
      { to: 1, msg: { type: 'InsertReply', id: 'i0', key: KEY, data: 'a', collision: false } },
    ]);
  });

  it('evicts the least recently used data beyond its capacity', () => {
    const node = new Node(2);
    node.step({ type: 'insert', id: 'i0', key: '000001', data: 'a', htl: 0 });
    node.step({ type: 'insert', id: 'i1', key: '000002', data: 'b', htl: 0 });
    node.step({ type: 'request', id: 'r0', key: '000001', htl: 1 }); // a hit refreshes 000001
    const { seen } = node.step({ type: 'insert', id: 'i2', key: '000003', data: 'c', htl: 0 });
    expect(seen).toContainEqual({ kind: 'evict', key: '000002' });
    expect(node.context.store.map(([k]) => k)).toEqual(['000001', '000003']);
  });

  it('forges a reply for a content-hash key when it corrupts', () => {
    const chk = { ...request, key: keyOf('chk:a') };
    const { sent, seen } = new Node(2, true).step(chk);
    expect(seen).toContainEqual({ kind: 'corrupt', id: 'r0', key: chk.key });
    expect(sent).toEqual([
      { to: 1, msg: { type: 'DataReply', id: 'r0', key: chk.key, data: 'forged' } },
    ]);
  });

  it('drops a reply that does not hash to its content-hash key and tries the next candidate', () => {
    const node = new Node();
    const key = keyOf('chk:a');
    const first = node.step({ ...request, key }).sent[0] as { to: number };
    const { sent, seen } = node.step({
      type: 'DataReply',
      id: 'r0',
      key,
      data: 'b',
      from: first.to,
    });
    expect(seen).toEqual([{ kind: 'reject', id: 'r0', key, by: first.to }]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ msg: { type: 'DataRequest', id: 'r0' } });
    expect(sent[0]).not.toMatchObject({ to: first.to });
    expect(node.context.store).toEqual([]);
  });
});
