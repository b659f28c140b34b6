/**
 * A binary min-heap of events ordered by (time, sequence number): ties in time go in the order
 * they were scheduled, so a run never depends on the heap's internal layout.
 */
export class EventQueue<T> {
  private readonly heap: { time: number; seq: number; item: T }[] = [];
  private seq = 0;

  /** How many events wait. */
  get size(): number {
    return this.heap.length;
  }

  /** Schedules `item` at `time`. */
  push(time: number, item: T): void {
    const h = this.heap;
    h.push({ time, seq: this.seq++, item });
    for (let i = h.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (!this.less(i, up)) break;
      [h[i], h[up]] = [h[up]!, h[i]!];
      i = up;
    }
  }

  /** Removes and returns the earliest event, or undefined when empty. */
  pop(): { time: number; item: T } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined) return undefined;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(l, m)) m = l;
        if (r < h.length && this.less(r, m)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return { time: top.time, item: top.item };
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.time < y.time || (x.time === y.time && x.seq < y.seq);
  }
}
