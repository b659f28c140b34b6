import type { NetworkKind } from './protocol.ts';

const EMPTY: readonly number[] = Object.freeze([]);

/**
 * Channel semantics. A channel (one per sender→receiver pair) is an immutable array of message
 * ids: a queue for `fifo`, a sorted multiset for `unordered`, a sorted set for `duplicating`, so
 * equal channel contents are always equal arrays (canonical without sorting at hash time).
 */

/** The channel after sending `msg` on it. */
export function channelSend(kind: NetworkKind, channel: readonly number[], msg: number): number[] {
  if (kind === 'fifo') {
    // Not `concat`, which V8 runs through its generic path: ten times slower on short arrays.
    const out = channel.slice();
    out.push(msg);
    return out;
  }
  const at = lowerBound(channel, msg);
  if (kind === 'duplicating' && channel[at] === msg) return channel as number[];
  const out: number[] = [];
  for (let i = 0; i < at; i++) out.push(channel[i]!);
  out.push(msg);
  for (let i = at; i < channel.length; i++) out.push(channel[i]!);
  return out;
}

/** The messages of a channel that can be delivered now (each distinct id once). */
export function channelDeliverable(
  kind: NetworkKind,
  channel: readonly number[],
): readonly number[] {
  if (channel.length === 0) return channel;
  if (kind === 'fifo') return [channel[0]!];
  const out: number[] = [];
  for (let i = 0; i < channel.length; i++)
    if (i === 0 || channel[i] !== channel[i - 1]) out.push(channel[i]!);
  return out;
}

/** Whether `msg` can be delivered from the channel now. */
export function channelCanDeliver(
  kind: NetworkKind,
  channel: readonly number[],
  msg: number,
): boolean {
  if (kind === 'fifo') return channel.length > 0 && channel[0] === msg;
  return channel[lowerBound(channel, msg)] === msg;
}

/** The channel after `msg` is delivered (a duplicating network keeps it). */
export function channelDeliver(
  kind: NetworkKind,
  channel: readonly number[],
  msg: number,
): readonly number[] {
  return kind === 'duplicating' ? channel : channelRemove(kind, channel, msg);
}

/** The channel after one copy of `msg` is lost. */
export function channelRemove(
  kind: NetworkKind,
  channel: readonly number[],
  msg: number,
): readonly number[] {
  if (kind === 'fifo') return channel.length === 1 ? EMPTY : channel.slice(1);
  const at = lowerBound(channel, msg);
  if (channel.length === 1) return EMPTY;
  const out = channel.slice();
  out.splice(at, 1);
  return out;
}

/** The channel after `msg` is duplicated: a fifo copy follows the original, a bag holds one more. */
export function channelDuplicate(
  kind: NetworkKind,
  channel: readonly number[],
  msg: number,
): readonly number[] {
  if (kind === 'fifo') return [msg, ...channel];
  return channelSend(kind, channel, msg);
}

/** What a step does to a channel (`channelChangeInPlace`). */
export enum ChannelOp {
  /** `channelSend`. */
  Send = 0,
  /** `channelDeliver`. */
  Deliver = 1,
  /** `channelRemove`. */
  Remove = 2,
}

/**
 * `channelSend`, `channelDeliver` or `channelRemove` (by `op`) done to `channel` itself, which its
 * owner alone holds (a lean random run's newest world, `Reuse.InPlace`): the same content as the
 * copying function gives, no array made.
 */
export function channelChangeInPlace(
  op: ChannelOp,
  kind: NetworkKind,
  channel: number[],
  msg: number,
): void {
  if (op === ChannelOp.Send) {
    if (kind === 'fifo') {
      channel.push(msg);
      return;
    }
    const at = lowerBound(channel, msg);
    if (kind !== 'duplicating' || channel[at] !== msg) channel.splice(at, 0, msg);
    return;
  }
  if (op === ChannelOp.Deliver && kind === 'duplicating') return;
  if (kind === 'fifo') channel.shift();
  else channel.splice(lowerBound(channel, msg), 1);
}

/** The channel after `op` (`channelSend`, `channelDeliver` or `channelRemove`), a new array. */
export function channelChange(
  op: ChannelOp,
  kind: NetworkKind,
  channel: readonly number[],
  msg: number,
): readonly number[] {
  if (op === ChannelOp.Send) return channelSend(kind, channel, msg);
  if (op === ChannelOp.Deliver) return channelDeliver(kind, channel, msg);
  return channelRemove(kind, channel, msg);
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
