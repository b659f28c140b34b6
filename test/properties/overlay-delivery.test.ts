import { describe, expect, it } from 'vitest';
import type { History, Observation } from '../../models/kernel/spec.ts';
import {
  checkNoBackwardForwarding,
  checkNoDuplicatePacket,
  checkSettledDelivery,
  reachedDeliveryAfterCrash,
  settledDelivery,
  settledPackets,
} from '../../properties/overlay-delivery.ts';

// Members 0 (the source), 1, 2 in a line 0 – 1 – 2.
const o = (node: number, kind: string, fields: object = {}): Observation => ({
  node,
  kind,
  ...(fields as Record<string, never>),
});
const send = (seq: number) => o(0, 'send', { src: 0, seq });
const deliver = (node: number, seq: number) => o(node, 'deliver', { src: 0, seq });
const fwd = (node: number, seq: number, from: number, to: number) =>
  o(node, 'forward', { src: 0, seq, from, to });
const tree = (node: number, parent: number, kids: number[]) =>
  o(node, 'tree', { src: 0, parent, path: parent < 0 ? [node] : [node, parent], kids });

const group: History = [
  o(0, 'joined'),
  o(1, 'joined'),
  o(2, 'joined'),
  tree(0, -1, [1]),
  tree(1, 0, [2]),
  tree(2, 1, []),
];
const flow = (seq: number): Observation[] => [
  send(seq),
  deliver(0, seq),
  fwd(0, seq, 0, 1),
  deliver(1, seq),
  fwd(1, seq, 0, 2),
  deliver(2, seq),
];

describe('no-duplicate-packet', () => {
  it('holds when each member delivers each packet once, and fails on a second delivery', () => {
    expect(checkNoDuplicatePacket([...group, ...flow(0), ...flow(1)])).toBeNull();
    const twice = [...group, ...flow(0), deliver(2, 0)];
    expect(checkNoDuplicatePacket(twice)?.message).toBe('member 2 delivered 0:0 twice');
  });
});

describe('no-backward-forwarding', () => {
  it('holds down the tree and fails when a copy goes back where it came from', () => {
    expect(checkNoBackwardForwarding([...group, ...flow(0)])).toBeNull();
    const back = [...group, ...flow(0), fwd(1, 0, 0, 0)];
    expect(checkNoBackwardForwarding(back)?.message).toBe(
      'member 1 sent 0:0 back to 0, which it came from',
    );
  });
});

describe('settled-delivery', () => {
  it('owes only packets sent after the last membership or tree change', () => {
    const h = [...group, send(0), o(1, 'crashed'), o(0, 'dead', { peer: 1 }), send(1)];
    expect(settledPackets(h)).toEqual(['0:1']);
    expect(settledPackets([...group, send(0), tree(2, 0, [])])).toEqual([]);
  });

  it('holds when every live member delivered every settled packet', () => {
    expect(checkSettledDelivery([...group, ...flow(0)])).toBeNull();
    // A packet sent before a change is not owed: 2 misses it while the tree changes.
    const unsettled = [...group, send(0), deliver(0, 0), tree(2, 0, [])];
    expect(checkSettledDelivery(unsettled)).toBeNull();
  });

  it('fails when a live member misses a settled packet', () => {
    const missed = [...group, send(0), deliver(0, 0), fwd(0, 0, 0, 1), deliver(1, 0)];
    expect(checkSettledDelivery(missed)?.message).toBe(
      'live member 2 never delivered 0:0, sent after the group had settled',
    );
  });

  it('is a liveness property: it names the packet still owed, so it also holds on fair cycles', () => {
    expect(settledDelivery).toMatchObject({ kind: 'quiescence', liveness: true });
    // A run that goes round forever (probes answered by probes) after p0 was sent to a member
    // that crashed unnoticed: p0 stays owed to member 2.
    const stuck = [...group, o(1, 'crashed'), send(0), deliver(0, 0), fwd(0, 0, 0, 1)];
    expect(checkSettledDelivery(stuck)?.messages).toEqual(['0:0']);
  });
});

describe('delivery-after-crash', () => {
  const crash = [o(2, 'crashed'), o(1, 'dead', { peer: 2 }), tree(1, 0, [])];
  it('is reached by a packet sent after a detected crash that every live member delivered', () => {
    expect(
      reachedDeliveryAfterCrash([...group, ...crash, send(0), deliver(0, 0), deliver(1, 0)]),
    ).toBe(true);
  });

  it('is not reached before detection, or while a live member misses the packet', () => {
    expect(reachedDeliveryAfterCrash([...group, o(2, 'crashed'), ...flow(0)])).toBe(false);
    expect(reachedDeliveryAfterCrash([...group, ...crash, send(0), deliver(0, 0)])).toBe(false);
  });
});
