/**
 * The simulator's event queue: a bucket (calendar) queue over integer times, for link latencies of
 * 1 to `span` − 1 time units. Events at the same time come out in the order they were pushed (first
 * in, first out), so a run is fixed by its seed. Events live in a pool of typed arrays (the node,
 * the sender, the descriptor's TTL and Hops, a tag such as the walker's number), linked per bucket
 * and recycled through a free list: pushing and popping allocate nothing once the pool has grown to
 * the largest number of events in flight.
 */
export class EventQueue {
  /** Event fields, by slot. */
  node = new Int32Array(1024);
  from = new Int32Array(1024);
  ttl = new Int32Array(1024);
  hops = new Int32Array(1024);
  tag = new Int32Array(1024);
  private next = new Int32Array(1024);
  private free = -1;
  private used = 0;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  /** The current time, and how many events are queued. */
  now = 0;
  size = 0;

  /** A queue for latencies below `span` (at least 2). */
  constructor(private readonly span: number) {
    this.head = new Int32Array(span).fill(-1);
    this.tail = new Int32Array(span).fill(-1);
  }

  /** Empties the queue and sets the time back to 0. */
  reset(): void {
    this.head.fill(-1);
    this.tail.fill(-1);
    this.free = -1;
    this.used = 0;
    this.now = 0;
    this.size = 0;
  }

  /** Queues an event `delay` (1 to span − 1) after now. */
  push(delay: number, node: number, from: number, ttl: number, hops: number, tag: number): void {
    let slot = this.free;
    if (slot >= 0) this.free = this.next[slot]!;
    else {
      if (this.used === this.node.length) this.grow();
      slot = this.used++;
    }
    this.node[slot] = node;
    this.from[slot] = from;
    this.ttl[slot] = ttl;
    this.hops[slot] = hops;
    this.tag[slot] = tag;
    this.next[slot] = -1;
    const b = (this.now + delay) % this.span;
    if (this.tail[b]! < 0) this.head[b] = slot;
    else this.next[this.tail[b]!] = slot;
    this.tail[b] = slot;
    this.size++;
  }

  /**
   * The slot of the next event (its fields stay readable until the next push), advancing `now` to
   * its time; -1 when the queue is empty.
   */
  pop(): number {
    if (this.size === 0) return -1;
    let b = this.now % this.span;
    while (this.head[b]! < 0) {
      this.now++;
      b = this.now % this.span;
    }
    const slot = this.head[b]!;
    this.head[b] = this.next[slot]!;
    if (this.head[b]! < 0) this.tail[b] = -1;
    this.size--;
    this.next[slot] = this.free;
    this.free = slot;
    return slot;
  }

  private grow(): void {
    const twice = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.node = twice(this.node);
    this.from = twice(this.from);
    this.ttl = twice(this.ttl);
    this.hops = twice(this.hops);
    this.tag = twice(this.tag);
    this.next = twice(this.next);
  }
}
