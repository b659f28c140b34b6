/**
 * Publish-subscribe over a tree of brokers: the messages. Every protocol message travels as the
 * `body` of a link segment (`Seg`), numbered per sender→receiver link and acknowledged (`Ack`), so
 * a lost segment is sent again (see link.ts); the bodies are named after what they do.
 */

/** One published event as the brokers carry it. */
export interface EventRecord {
  /** The event's id (`m0`). */
  readonly id: string;
  /** Its topic. */
  readonly topic: string;
  /** Its position in the topic's sequence, assigned by the origin (0, 1, …). */
  readonly seq: number;
  /** The publisher's node index. */
  readonly publisher: number;
  /** Its number at the publisher (1, 2, …): FIFO per publisher. */
  readonly k: number;
}

/** Publisher → origin: publish event `id` on `topic`, the publisher's `k`-th. */
export interface Publish {
  readonly type: 'Publish';
  readonly topic: string;
  readonly id: string;
  readonly k: number;
}

/**
 * Subscriber → edge: subscribe to `topic` (`resume` null), or re-attach an existing subscription
 * after a fail-over, from position `resume` on. Edge → origin: the same for subscriber `sub`, with
 * `have`, how many events of the topic the edge already caches.
 */
export interface Subscribe {
  readonly type: 'Subscribe';
  readonly topic: string;
  readonly resume: number | null;
  /** The subscriber's attachment number (how many fail-overs before this request). */
  readonly epoch: number;
  readonly sub?: number;
  readonly have?: number;
}

/** Subscriber → edge, edge → origin (for subscriber `sub`): end the subscription to `topic`. */
export interface Unsubscribe {
  readonly type: 'Unsubscribe';
  readonly topic: string;
  /** The subscriber's attachment number (how many fail-overs before this request). */
  readonly epoch: number;
  readonly sub?: number;
}

/**
 * Origin → edge (for `sub`), edge → subscriber: the subscription took effect at position `from`
 * of the topic's sequence: every event numbered `from` or later, and none before.
 */
export interface Subscribed {
  readonly type: 'Subscribed';
  readonly topic: string;
  /** The attachment number of the request it answers. */
  readonly epoch: number;
  readonly from: number;
  readonly sub?: number;
}

/**
 * Origin → edge (for `sub`), edge → subscriber: the unsubscription took effect at position
 * `until`: every event numbered below it, and none from it on.
 */
export interface Unsubscribed {
  readonly type: 'Unsubscribed';
  readonly topic: string;
  /** The attachment number of the request it answers. */
  readonly epoch: number;
  readonly until: number;
  readonly sub?: number;
}

/** Origin → edge, edge → subscriber: an event of a subscribed topic. */
export interface Event {
  readonly type: 'Event';
  readonly event: EventRecord;
}

/** What a link segment carries. */
export type Body = Publish | Subscribe | Unsubscribe | Subscribed | Unsubscribed | Event;

/** A link segment: body number `k` on the sender→receiver link. */
export interface Seg {
  readonly type: 'Seg';
  readonly k: number;
  readonly body: Body;
  readonly from: number;
}

/** "I have taken your segments up to `k`" (cumulative). */
export interface Ack {
  readonly type: 'Ack';
  readonly k: number;
  readonly from: number;
}

/** Client input at a publisher: publish event `id` on `topic`. */
export interface PublishInput {
  readonly type: 'publish';
  readonly topic: string;
  readonly id: string;
  readonly from: number;
}

/** Client input at a subscriber: subscribe to `topic`. */
export interface SubscribeInput {
  readonly type: 'subscribe';
  readonly topic: string;
  readonly from: number;
}

/** Client input at a subscriber: unsubscribe from `topic`. */
export interface UnsubscribeInput {
  readonly type: 'unsubscribe';
  readonly topic: string;
  readonly from: number;
}

/** The retransmission timer (and, at a subscriber, the fail-over when its edge stays silent). */
export interface Timeout {
  readonly type: 'timeout';
  readonly from: number;
}

/** Every node's input. */
export interface NodeInput {
  /** This node's index. */
  readonly self: number;
  /** How many nodes there are. */
  readonly n: number;
  /** Unanswered retransmissions to a peer before giving up on it. */
  readonly patience: number;
  /** The origin's index. */
  readonly origin: number;
  /** The edges' indices, in fail-over order. */
  readonly edges: readonly number[];
  /** A subscriber's first edge (others: -1). */
  readonly edge: number;
}
