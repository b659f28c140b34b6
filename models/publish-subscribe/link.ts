/**
 * Reliable FIFO links over lossy channels, one per sender→receiver pair: the sender numbers each
 * body it sends, keeps it until acknowledged and sends what is unacknowledged again on its timer;
 * the receiver takes segment k only after k-1 (a duplicate or a segment after a gap is not taken)
 * and acknowledges cumulatively. A sender gives up on a peer after `patience` unanswered
 * retransmissions (the peer crashed or left). A subscriber does not resend: it fails over to
 * another edge (subscriber.machine.ts).
 *
 * Source: the go-back-N sliding window (Tanenbaum, Computer Networks, 3.4.2) with a window as
 * large as the run: the classic stop-and-wait retransmission generalised to a stream.
 */
import type { Effects } from '../kernel/step.ts';
import type { Ack, Body, Seg } from './messages.ts';

/** One node's end of its link with one peer. */
export interface Link {
  /** The number the next body sent gets (1, 2, …). */
  readonly next: number;
  /** The peer's cumulative acknowledgement of what this node sent. */
  readonly acked: number;
  /** The bodies sent and not acknowledged, numbered from `acked + 1`. */
  readonly unacked: readonly Body[];
  /** How many segments from the peer this node has taken, in order. */
  readonly got: number;
  /** Retransmissions since the peer last acknowledged something new. */
  readonly tries: number;
}

/** What a link role sends. */
export type LinkMessage = Omit<Seg, 'from'> | Omit<Ack, 'from'>;

/** A fresh link. */
export const NEW_LINK: Link = { next: 1, acked: 0, unacked: [], got: 0, tries: 0 };

/** Fresh links to each of `n` nodes. */
export function newLinks(n: number): Link[] {
  return Array.from({ length: n }, () => NEW_LINK);
}

const at = (links: readonly Link[], peer: number): Link => links[peer] ?? NEW_LINK;

const replace = (links: readonly Link[], peer: number, link: Link): Link[] =>
  links.map((l, i) => (i === peer ? link : l));

/** Sends `body` to `peer` on its link; returns the links with it kept until acknowledged. */
export function sendOn(
  links: readonly Link[],
  peer: number,
  body: Body,
  out: Effects<LinkMessage>,
): Link[] {
  const link = at(links, peer);
  out.send(peer, { type: 'Seg', k: link.next, body });
  return replace(links, peer, { ...link, next: link.next + 1, unacked: [...link.unacked, body] });
}

/** Whether segment `k` from `peer` is the next one in order (else a duplicate or after a gap). */
export function isNext(links: readonly Link[], peer: number, k: number): boolean {
  return k === at(links, peer).got + 1;
}

/** Takes segment `k` from `peer` if it is the next one; acknowledges in any case. */
export function receiveOn(
  links: readonly Link[],
  peer: number,
  k: number,
  out: Effects<LinkMessage>,
): Link[] {
  const link = at(links, peer);
  const got = k === link.got + 1 ? k : link.got;
  out.send(peer, { type: 'Ack', k: got });
  return got === link.got ? [...links] : replace(links, peer, { ...link, got });
}

/** Takes the peer's cumulative acknowledgement `k`. */
export function ackOn(links: readonly Link[], peer: number, k: number): Link[] {
  const link = at(links, peer);
  if (k <= link.acked) return [...links];
  return replace(links, peer, {
    ...link,
    acked: k,
    unacked: link.unacked.slice(k - link.acked),
    tries: 0,
  });
}

/** The guard the link asks when an acknowledgement acknowledges nothing new. */
export type LinkGuard = 'answersOldAck';

/**
 * Takes the peer's cumulative acknowledgement `k` (`ackOn`). One that acknowledges nothing new is
 * ignored, unless `answersOldAck` says to answer it with this end's own acknowledgement, as TCP
 * answers an unacceptable acknowledgement (a variant: two ends that both do so acknowledge each
 * other forever, an ACK storm).
 */
export function takeAck(
  links: readonly Link[],
  peer: number,
  k: number,
  out: Effects<LinkMessage, LinkGuard>,
): Link[] {
  const link = at(links, peer);
  if (k <= link.acked && out.check('answersOldAck', { k, acked: link.acked })) {
    out.send(peer, { type: 'Ack', k: link.got });
  }
  return ackOn(links, peer, k);
}

/** Whether the link to `peer` has something unacknowledged and patience left. */
export function shouldResend(links: readonly Link[], peer: number, patience: number): boolean {
  const link = at(links, peer);
  return link.unacked.length > 0 && link.tries < patience;
}

/** Whether something sent to `peer` is not acknowledged yet. */
export function unacknowledged(links: readonly Link[], peer: number): boolean {
  return at(links, peer).unacked.length > 0;
}

/** Sends again everything unacknowledged to every peer with patience left. */
export function resendAll(
  links: readonly Link[],
  patience: number,
  out: Effects<LinkMessage>,
): Link[] {
  return links.map((link, peer) => {
    if (!shouldResend(links, peer, patience)) return link;
    link.unacked.forEach((body, i) => out.send(peer, { type: 'Seg', k: link.acked + 1 + i, body }));
    return { ...link, tries: link.tries + 1 };
  });
}

/**
 * Sends again what is unacknowledged to `peer` (a subscriber coming back to an edge it left: the
 * edge takes segments in order, so the old ones must come first).
 */
export function resendTo(links: readonly Link[], peer: number, out: Effects<LinkMessage>): void {
  const link = at(links, peer);
  link.unacked.forEach((body, i) => out.send(peer, { type: 'Seg', k: link.acked + 1 + i, body }));
}
