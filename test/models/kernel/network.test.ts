import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  channelCanDeliver,
  channelChange,
  channelChangeInPlace,
  ChannelOp,
  channelDeliver,
  channelDeliverable,
  channelDuplicate,
  channelRemove,
  channelSend,
} from '../../../models/kernel/network.ts';
import type { NetworkKind } from '../../../models/kernel/protocol.ts';

const KINDS: readonly NetworkKind[] = ['fifo', 'unordered', 'duplicating'];

/** A channel built by sending `msgs` in order on an empty one. Frozen: no function may mutate it. */
function sent(kind: NetworkKind, ...msgs: number[]): readonly number[] {
  let channel: readonly number[] = Object.freeze([]);
  for (const m of msgs) channel = Object.freeze(channelSend(kind, channel, m));
  return channel;
}

describe('fifo channels', () => {
  it('queue messages in the order they were sent', () => {
    expect(sent('fifo', 5, 2, 5)).toEqual([5, 2, 5]);
  });

  it('can deliver only the head', () => {
    const channel = sent('fifo', 5, 2);

    expect(channelDeliverable('fifo', channel)).toEqual([5]);
    expect(channelCanDeliver('fifo', channel, 5)).toBe(true);
    expect(channelCanDeliver('fifo', channel, 2)).toBe(false);
  });

  it('remove the head when it is delivered or dropped', () => {
    const channel = sent('fifo', 5, 2, 5);

    expect(channelDeliver('fifo', channel, 5)).toEqual([2, 5]);
    expect(channelRemove('fifo', channel, 5)).toEqual([2, 5]);
  });

  it('put a duplicate right behind the original, at the head', () => {
    const channel = sent('fifo', 5, 2);

    const duplicated = channelDuplicate('fifo', channel, 5);

    expect(duplicated).toEqual([5, 5, 2]);
    expect(channelDeliverable('fifo', duplicated)).toEqual([5]);
  });
});

describe('unordered channels', () => {
  it('hold a sorted multiset of what was sent', () => {
    expect(sent('unordered', 5, 2, 5, 3)).toEqual([2, 3, 5, 5]);
  });

  it('can deliver any message, each distinct one listed once', () => {
    const channel = sent('unordered', 5, 2, 5);

    expect(channelDeliverable('unordered', channel)).toEqual([2, 5]);
    expect(channelCanDeliver('unordered', channel, 5)).toBe(true);
    expect(channelCanDeliver('unordered', channel, 2)).toBe(true);
    expect(channelCanDeliver('unordered', channel, 3)).toBe(false);
  });

  it('remove exactly one copy when a message is delivered or dropped', () => {
    const channel = sent('unordered', 5, 2, 5);

    expect(channelDeliver('unordered', channel, 5)).toEqual([2, 5]);
    expect(channelRemove('unordered', channel, 2)).toEqual([5, 5]);
  });

  it('hold one more copy after a duplication', () => {
    expect(channelDuplicate('unordered', sent('unordered', 5, 2), 2)).toEqual([2, 2, 5]);
  });
});

describe('duplicating channels', () => {
  it('hold the sorted set of what was sent', () => {
    expect(sent('duplicating', 5, 2, 5, 3, 2)).toEqual([2, 3, 5]);
  });

  it('keep a message once it is delivered (it stays deliverable)', () => {
    const channel = sent('duplicating', 5, 2);

    const after = channelDeliver('duplicating', channel, 5);

    expect(after).toEqual([2, 5]);
    expect(channelCanDeliver('duplicating', after, 5)).toBe(true);
  });

  it('lose a message entirely when it is dropped', () => {
    expect(channelRemove('duplicating', sent('duplicating', 5, 2), 5)).toEqual([2]);
  });

  it('do not change when a message already held is sent or duplicated again', () => {
    const channel = sent('duplicating', 5, 2);

    expect(channelSend('duplicating', channel, 5)).toEqual([2, 5]);
    expect(channelDuplicate('duplicating', channel, 5)).toEqual([2, 5]);
  });
});

describe.each(KINDS)('%s channels (any kind)', (kind) => {
  it('deliver nothing when empty', () => {
    expect(channelDeliverable(kind, [])).toEqual([]);
    expect(channelCanDeliver(kind, [], 0)).toBe(false);
  });

  it('never mutate the channel they are given (it is shared between worlds)', () => {
    const channel = sent(kind, 4, 1, 4, 9);

    // Frozen arrays throw on mutation in strict mode, so reaching the assertion is the test.
    channelSend(kind, channel, 3);
    channelDeliver(kind, channel, channelDeliverable(kind, channel)[0]!);
    channelRemove(kind, channel, channelDeliverable(kind, channel)[0]!);
    channelDuplicate(kind, channel, channelDeliverable(kind, channel)[0]!);

    expect(channel).toEqual(sent(kind, 4, 1, 4, 9));
  });

  test.prop([fc.array(fc.nat(20), { maxLength: 12 })])(
    'deliverable messages are exactly those it can deliver',
    (msgs) => {
      const channel = sent(kind, ...msgs);
      const deliverable = channelDeliverable(kind, channel);

      for (let m = 0; m <= 20; m++)
        expect(channelCanDeliver(kind, channel, m)).toBe(deliverable.includes(m));
      expect(new Set(deliverable).size).toBe(deliverable.length);
    },
  );
});

describe('channel contents are canonical', () => {
  const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

  test.prop([fc.array(fc.nat(20), { maxLength: 12 })])(
    'fifo keeps the send order; unordered keeps the sorted multiset; duplicating the sorted set',
    (msgs) => {
      expect(sent('fifo', ...msgs)).toEqual(msgs);
      expect(sent('unordered', ...msgs)).toEqual(sorted(msgs));
      expect(sent('duplicating', ...msgs)).toEqual(sorted([...new Set(msgs)]));
    },
  );

  test.prop([fc.array(fc.nat(20), { minLength: 1, maxLength: 12 }), fc.nat()])(
    'an unordered channel holds the same array whatever the order of the sends',
    (msgs, rotation) => {
      const k = rotation % msgs.length;
      const rotated = [...msgs.slice(k), ...msgs.slice(0, k)];

      expect(sent('unordered', ...rotated)).toEqual(sent('unordered', ...msgs));
    },
  );

  test.prop([fc.array(fc.nat(20), { minLength: 1, maxLength: 12 }), fc.nat()])(
    'removing a deliverable message from an unordered channel removes one copy of it',
    (msgs, pick) => {
      const channel = sent('unordered', ...msgs);
      const deliverable = channelDeliverable('unordered', channel);
      const m = deliverable[pick % deliverable.length]!;

      const after = channelRemove('unordered', channel, m);

      expect(after.length).toBe(channel.length - 1);
      expect(after.filter((x) => x === m).length).toBe(channel.filter((x) => x === m).length - 1);
      expect(after).toEqual(sorted(after));
    },
  );
});

// A lean random run changes the channels its newest world alone holds in place: the same content
// as the copying functions give, whatever the network, the operation and the channel.
test.prop([
  fc.constantFrom(...KINDS),
  fc.constantFrom(ChannelOp.Send, ChannelOp.Deliver, ChannelOp.Remove),
  fc.array(fc.nat({ max: 5 }), { maxLength: 6 }),
  fc.nat({ max: 5 }),
])('changing a channel in place gives what the copying functions give', (kind, op, msgs, pick) => {
  const channel = sent(kind, ...msgs);
  // Delivering and removing take a message the channel can deliver.
  const deliverable = channelDeliverable(kind, channel);
  if (op !== ChannelOp.Send && deliverable.length === 0) return;
  const msg = op === ChannelOp.Send ? pick : deliverable[pick % deliverable.length]!;
  const copied = channelChange(op, kind, channel, msg);
  const own = channel.slice();
  channelChangeInPlace(op, kind, own, msg);
  expect(own).toEqual(copied);
  const expected =
    op === ChannelOp.Send
      ? channelSend(kind, channel, msg)
      : op === ChannelOp.Deliver
        ? channelDeliver(kind, channel, msg)
        : channelRemove(kind, channel, msg);
  expect(copied).toEqual(expected);
});
