/**
 * Messages and events of the total-order models. Message names follow the algorithms' papers;
 * every message the kernel delivers carries `from`, the sender's index.
 */

/** A client asks a member to multicast message `id` to the group. */
export interface Multicast {
  readonly type: 'multicast';
  /** Unique message id (`m0`, `m1`…). */
  readonly id: string;
}

/** Fixed sequencer: the message itself, sent by its origin to every member. */
export interface Data {
  readonly type: 'Data';
  readonly id: string;
  readonly from: number;
}

/** Fixed sequencer: the sequencer's decision that message `id` is number `seq`. */
export interface Order {
  readonly type: 'Order';
  readonly id: string;
  readonly seq: number;
  readonly from: number;
}

/**
 * Fixed sequencer: "I have delivered the first `count` messages in sequence order", from a member to
 * the sequencer, which resends `Data` and `Order` of the rest on its timeout.
 */
export interface OrderAck {
  readonly type: 'OrderAck';
  readonly count: number;
  readonly from: number;
}

/**
 * Lamport: the message, stamped with its origin's logical clock; `k` is its place in the origin's
 * stream (every `Msg` and `Ack` a member sends is numbered 1, 2, … in one stream to every other).
 */
export interface Msg {
  readonly type: 'Msg';
  readonly id: string;
  readonly ts: number;
  readonly k: number;
  readonly from: number;
}

/**
 * Lamport: "my clock has reached `ts`": no message of mine with a smaller stamp can still come;
 * `k` is its place in the sender's stream.
 */
export interface Ack {
  readonly type: 'Ack';
  readonly ts: number;
  readonly k: number;
  readonly from: number;
}

/** Lamport's reliable stream: "I have your stream up to entry `k`" (stops its retransmission). */
export interface Got {
  readonly type: 'Got';
  readonly k: number;
  readonly from: number;
}

/** A member's retransmission timer. */
export interface Timeout {
  readonly type: 'timeout';
}

/** Input every member takes: a member's machine is configured with its index and the group size. */
export interface MemberInput {
  /** This member's index. */
  readonly self: number;
  /** Group size. */
  readonly n: number;
}
