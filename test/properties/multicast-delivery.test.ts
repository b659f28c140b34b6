import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import {
  checkLinkOnce,
  checkMemberDelivery,
  checkPrunedBranchSilent,
  checkScopedDelivery,
  effectiveTtl,
  lossMissesPacket,
  lostCopy,
  memberDelivery,
  owedMembers,
  reachedLossMiss,
} from '../../properties/multicast-delivery.ts';

// Routers 0 (first hop), 1, 2; source host 3 on router 0; member hosts 4 (router 1), 5 (router 2).
const send = (pkt: string, ttl: number, group = '239.1.2.3'): Observation => ({
  node: 3,
  kind: 'send',
  pkt,
  group,
  ttl,
});
const fwd = (node: number, pkt: string, to: number): Observation => ({
  node,
  kind: 'forward',
  pkt,
  to,
});
const arrive = (node: number, pkt: string, from: number): Observation => ({
  node,
  kind: 'arrive',
  pkt,
  from,
});
const deliver = (node: number, pkt: string, need: number): Observation => ({
  node,
  kind: 'deliver',
  pkt,
  group: '239.1.2.3',
  need,
});
const join = (node: number): Observation => ({ node, kind: 'joinGroup', group: '239.1.2.3' });
const leave = (node: number): Observation => ({ node, kind: 'leaveGroup', group: '239.1.2.3' });
const member = (router: number, host: number, need: number): Observation => ({
  node: router,
  kind: 'member',
  host,
  need,
});

/** h4 on router 1 (need 2) joined; p0 (TTL 3) goes r0 → r1 → h4. */
const good: History = [
  join(4),
  member(1, 4, 2),
  send('p0', 3),
  arrive(0, 'p0', 3),
  fwd(0, 'p0', 1),
  arrive(1, 'p0', 0),
  fwd(1, 'p0', 4),
  deliver(4, 'p0', 2),
];

describe('link-once', () => {
  it('holds when each copy crosses each link once', () => {
    expect(checkLinkOnce(good)).toBeNull();
    expect(checkLinkOnce([])).toBeNull();
  });

  it('fails when a packet crosses a link twice, either way, or is delivered twice', () => {
    expect(checkLinkOnce([fwd(1, 'p0', 2), fwd(2, 'p0', 1)])?.message).toMatch(/crossed the link/);
    expect(checkLinkOnce([...good, deliver(4, 'p0', 2)])?.message).toMatch(/delivered p0 twice/);
  });
});

describe('scoped-delivery', () => {
  it('holds for a joined member within scope', () => {
    expect(checkScopedDelivery(good)).toBeNull();
  });

  it('fails for a host that is not joined, out of scope, or gets a link-local packet off-subnet', () => {
    expect(checkScopedDelivery([send('p0', 3), deliver(4, 'p0', 2)])?.message).toMatch(
      /without being joined/,
    );
    expect(checkScopedDelivery([join(5), send('p0', 3), deliver(5, 'p0', 33)])?.message).toMatch(
      /outside its scope/,
    );
    expect(
      checkScopedDelivery([join(4), send('p0', 64, '224.0.0.9'), deliver(4, 'p0', 2)])?.message,
    ).toMatch(/outside its scope/);
    expect(
      checkScopedDelivery([join(4), leave(4), send('p0', 3), deliver(4, 'p0', 2)]),
    ).not.toBeNull();
    expect(effectiveTtl('224.0.0.9', 64)).toBe(1);
    expect(effectiveTtl('239.0.0.9', 64)).toBe(64);
  });
});

describe('pruned-branch-silent', () => {
  const prune: Observation = { node: 0, kind: 'prune', child: 1 };
  const graft: Observation = { node: 0, kind: 'graft', child: 1 };

  it('holds when nothing goes down a pruned branch until a graft', () => {
    expect(
      checkPrunedBranchSilent([fwd(0, 'p0', 1), prune, fwd(0, 'p1', 2), graft, fwd(0, 'p2', 1)]),
    ).toBeNull();
  });

  it('fails when a router forwards to a child after processing its prune', () => {
    expect(checkPrunedBranchSilent([prune, fwd(0, 'p1', 1)])?.message).toMatch(
      /after processing its prune/,
    );
  });
});

describe('member-delivery and losses', () => {
  it('holds when every owed member delivered, or when a copy was lost', () => {
    expect(checkMemberDelivery(good)).toBeNull();
    const lost = [join(4), member(1, 4, 2), send('p0', 3), arrive(0, 'p0', 3), fwd(0, 'p0', 1)];
    expect(lostCopy(lost, 'p0')).toBe(true);
    expect(checkMemberDelivery(lost)).toBeNull();
    expect(lostCopy(good, 'p0')).toBe(false);
  });

  it('owes nothing to members that left, joined after the send, or are out of scope', () => {
    expect(owedMembers(good, 'p0')).toEqual([4]);
    expect(owedMembers([send('p0', 3), join(4), member(1, 4, 2)], 'p0')).toEqual([]);
    expect(owedMembers([join(5), member(2, 5, 33), send('p0', 3)], 'p0')).toEqual([]);
    expect(owedMembers([join(4), member(1, 4, 2), send('p0', 3), leave(4)], 'p0')).toEqual([]);
    expect(owedMembers([join(4), leave(4), member(1, 4, 2), send('p0', 3)], 'p0')).toEqual([]);
  });

  it('fails when an owed member never got a packet none of whose copies was lost', () => {
    const missed = [join(4), member(1, 4, 2), send('p0', 3), arrive(0, 'p0', 3)];
    expect(checkMemberDelivery(missed)?.message).toMatch(/member 4 never delivered p0/);
  });

  it('is a liveness property: it names the member and the packet still owed', () => {
    expect(memberDelivery).toMatchObject({ kind: 'quiescence', liveness: true });
    const missed = [join(4), member(1, 4, 2), send('p0', 3), arrive(0, 'p0', 3)];
    expect(checkMemberDelivery(missed)).toMatchObject({ nodes: [4], messages: ['p0'] });
  });

  it('is witnessed (sometimes) when a member misses a packet but delivers a later one', () => {
    expect(lossMissesPacket.kind).toBe('sometimes');
    const missed: History = [
      join(4),
      member(1, 4, 2),
      send('p0', 3),
      send('p1', 3),
      deliver(4, 'p1', 2),
    ];
    expect(reachedLossMiss(missed)).toBe(true);
    expect(reachedLossMiss(good)).toBe(false);
    expect(reachedLossMiss([...good, send('p1', 3), deliver(4, 'p1', 2)])).toBe(false);
  });
});
