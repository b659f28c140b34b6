/**
 * A deterministic event queue for the diffusion simulator: a binary heap ordered by time, ties in
 * the order the events were scheduled, so a seed fixes the whole run.
 */

/** An event scheduled at `time`; `seq` breaks ties in scheduling order. */
interface Entry<E> {
  readonly time: number;
  readonly seq: number;
  readonly event: E;
}

/** A min-heap of timed events. */
export class EventQueue<E> {
  private readonly heap: Entry<E>[] = [];
  private seq = 0;

  /** How many events are waiting. */
  get size(): number {
    return this.heap.length;
  }

  /** Schedules `event` at `time`. */
  push(time: number, event: E): void {
    const heap = this.heap;
    heap.push({ time, seq: this.seq++, event });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The earliest event and its time, removed; undefined when empty. */
  pop(): { time: number; event: E } | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return { time: top.time, event: top.event };
  }
}

function before<E>(a: Entry<E>, b: Entry<E>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
