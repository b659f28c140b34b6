import { describe, expect, it } from 'vitest';
import { observed, runMachine, sends } from '../../helpers/machine.ts';
import { host } from '../../../models/ip-multicast/host.machine.ts';
import { router } from '../../../models/ip-multicast/router.machine.ts';

const run = runMachine;

// Router 1 of a triangle: upstream r0, link to r2 (not a child), no children.
const r1 = {
  links: [
    { peer: 0, threshold: 1 },
    { peer: 2, threshold: 1 },
  ],
  upstream: 0,
  firstHop: false,
  children: [],
};
const data = (from: number, ttl = 5, group = '239.1.2.3') => ({
  type: 'Data',
  pkt: 'p0',
  group,
  ttl,
  from,
});

describe('a DVMRP router', () => {
  it('drops a packet that fails the reverse-path check', () => {
    const { actions } = run(router, r1, [
      { type: 'Report', group: '239.1.2.3', need: 2, from: 4 },
      data(2),
    ]);
    expect(sends(actions)).toEqual([]);
  });

  it('delivers to its members, and prunes on a packet when its branch is empty', () => {
    const member = run(router, r1, [
      { type: 'Report', group: '239.1.2.3', need: 2, from: 4 },
      data(0),
    ]);
    expect(sends(member.actions)).toEqual([
      { to: 4, msg: { type: 'Data', pkt: 'p0', group: '239.1.2.3', ttl: 5 } },
    ]);
    const empty = run(router, r1, [data(0)]);
    expect(empty.snapshot.value).toBe('pruned');
    expect(sends(empty.actions)).toEqual([{ to: 0, msg: { type: 'Prune' } }]);
  });

  it('grafts when a member appears on a pruned branch, and confirms it on the GraftAck', () => {
    const { snapshot, actions } = run(router, r1, [
      data(0),
      { type: 'Report', group: '239.1.2.3', need: 2, from: 4 },
    ]);
    expect(snapshot.value).toBe('grafting');
    expect(sends(actions)).toEqual([{ to: 0, msg: { type: 'Graft' } }]);
    const acked = run(router, r1, [
      data(0),
      { type: 'Report', group: '239.1.2.3', need: 2, from: 4 },
      { type: 'GraftAck', from: 0 },
    ]);
    expect(acked.snapshot.value).toBe('forwarding');
    expect(observed(acked.actions)).toContainEqual({ kind: 'member', host: 4, need: 2 });
  });

  it('takes a GraftAck only while grafting; the flooded-graft-ack mutant passes it on', () => {
    const graft = [data(0), { type: 'Report', group: '239.1.2.3', need: 2, from: 4 }];
    const stray = run(router, r1, [{ type: 'GraftAck', from: 2 }]);
    expect(stray.snapshot.value).toBe('forwarding');
    expect(sends(stray.actions)).toEqual([]);
    const flooding = router.provide({ guards: { floodsGraftAck: () => true } });
    const passed = run(flooding, r1, [{ type: 'GraftAck', from: 2 }]);
    expect(sends(passed.actions)).toEqual([{ to: [0], msg: { type: 'GraftAck' } }]);
    const early = run(flooding, r1, [...graft, { type: 'GraftAck', from: 2 }]);
    expect(early.snapshot.value).toBe('forwarding');
    expect(observed(early.actions)).toContainEqual({ kind: 'member', host: 4, need: 2 });
    expect(sends(early.actions)).toEqual([{ to: [0], msg: { type: 'GraftAck' } }]);
  });

  it('forwards to children within the link threshold, and never a link-local group', () => {
    const r0 = {
      links: [
        { peer: 1, threshold: 1 },
        { peer: 2, threshold: 32 },
      ],
      upstream: 3,
      firstHop: true,
      children: [1, 2],
    };
    expect(
      sends(run(router, r0, [data(3, 3)]).actions).map((s) => (s as { to: number }).to),
    ).toEqual([1]);
    expect(
      sends(run(router, r0, [data(3, 40)]).actions).map((s) => (s as { to: number }).to),
    ).toEqual([1, 2]);
    expect(sends(run(router, r0, [data(3, 40, '224.0.0.9')]).actions)).toEqual([]);
  });
});

describe('a host', () => {
  it('joins only an announced group, and delivers only while a member', () => {
    const input = { router: 1, need: 2 };
    expect(run(host, input, [{ type: 'joinGroup', from: -1 }]).snapshot.value).toBe('outside');
    const joined = run(host, input, [
      { type: 'Announce', group: '239.1.2.3', from: 6 },
      { type: 'joinGroup', from: -1 },
      data(1),
    ]);
    expect(joined.snapshot.value).toBe('member');
    expect(observed(joined.actions)).toContainEqual({
      kind: 'deliver',
      pkt: 'p0',
      group: '239.1.2.3',
      need: 2,
    });
  });
});
