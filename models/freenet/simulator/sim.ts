/**
 * A deterministic event-driven simulator of a Freenet network, driving the model's own node logic
 * (`stepNode`, the pure step the xstate machine runs) for each delivered message. Every message
 * takes one time unit; the queue orders ties by scheduling order, so a seed fixes the whole run.
 */
import type { Json } from '../../kernel/json.ts';
import { locationOf } from '../keys.ts';
import type { FreenetEvent } from '../messages.ts';
import { stepNode, type Check, type FreenetContext } from '../node.step.ts';
import { EventQueue } from './queue.ts';

/** The correct variant's guards (the machine's, without xstate). */
const correct: Check = ({ type, params }) => {
  if (type === 'isLoop') return params?.['seen'] === true;
  if (type === 'isCollision') return params?.['held'] === true;
  if (type === 'verifies') return params?.['ok'] === true;
  return true; // backtracks, cachesReply
};

/** How one client request or insert ended. */
export interface Outcome {
  /** A request found the data, or an insert was placed (or collided). */
  readonly ok: boolean;
  /** Forward hops: DataRequest or InsertRequest messages sent, backtracking included. */
  readonly hops: number;
}

/**
 * The paper's reply (to a request or an insert) names the data source, and each node on the reverse path may route to it from
 * then on: that is how the network grows shortcuts. The model's node logic has fixed neighbours, so
 * the simulator adds this as a link after the request (off: the model as it is).
 */
export interface Learning {
  readonly links: boolean;
  /** Neighbours beyond the lattice's are dropped oldest first past this many. */
  readonly maxNeighbours: number;
}

type Delivery = { readonly to: number; readonly event: FreenetEvent };

/** A network of node states and the messages between them. */
export class Simulator {
  /** Messages delivered so far (the benchmark's hops). */
  delivered = 0;
  private time = 0;
  private ids = 0;
  private readonly queue = new EventQueue<Delivery>();

  /**
   * @param nodes node states, replaced (never mutated) as they step, so a copy of the array is a
   *   snapshot
   * @param alive which nodes are up; a message to a dead node bounces as a failure, like a refused
   *   connection
   */
  constructor(
    public nodes: FreenetContext[],
    public alive: Uint8Array = new Uint8Array(nodes.length).fill(1),
    readonly learning: Learning = { links: false, maxNeighbours: 0 },
  ) {
    this.base = nodes.map((n) => n.neighbours.length);
  }

  private readonly base: number[];

  /** A copy that shares no mutable state with this one (node states are immutable). */
  fork(): Simulator {
    const copy = new Simulator([...this.nodes], this.alive.slice(), this.learning);
    copy.ids = this.ids;
    return copy;
  }

  /** Requests `key` at `node` with `htl` and runs the network until quiet. */
  request(node: number, key: string, htl: number): Outcome {
    return this.run(node, { type: 'request', id: `r${this.ids++}`, key, htl });
  }

  /** Inserts `data` under `key` at `node` with `htl` and runs the network until quiet. */
  insert(node: number, key: string, data: string, htl: number): Outcome {
    return this.run(node, { type: 'insert', id: `i${this.ids++}`, key, data, htl });
  }

  private run(origin: number, first: FreenetEvent): Outcome {
    let ok = false;
    let hops = 0;
    const touched = new Set<number>();
    let source: number | undefined;
    const path: number[] = [];
    this.queue.push(this.time, { to: origin, event: first });
    for (let next = this.queue.pop(); next !== undefined; next = this.queue.pop()) {
      this.time = next.time;
      const { to, event } = next.item;
      this.delivered++;
      if (this.alive[to] !== 1) {
        if (event.type === 'DataRequest' || event.type === 'InsertRequest') {
          const failed = { type: 'RequestFailed', id: event.id, from: to } as const;
          this.queue.push(this.time + 1, { to: event.from, event: failed });
        }
        continue;
      }
      touched.add(to);
      if (event.type === 'DataReply' || event.type === 'InsertReply') path.push(to);
      const { context, out } = stepNode(this.nodes[to]!, event, correct);
      this.nodes[to] = context;
      for (const effect of out) {
        const p = effect.params;
        if (effect.type === 'send') {
          const msg = p['msg'] as Record<string, Json>;
          if (msg['type'] === 'DataRequest' || msg['type'] === 'InsertRequest') hops++;
          const answer = msg['type'] === 'DataReply' || msg['type'] === 'InsertReply';
          if (answer && (event.type === 'DataRequest' || event.type === 'InsertRequest')) {
            source ??= to;
          }
          const sent = { ...msg, from: to } as unknown as FreenetEvent;
          this.queue.push(this.time + 1, { to: p['to'] as number, event: sent });
        } else if (p['kind'] === 'found' || p['kind'] === 'inserted') {
          ok = true;
        }
      }
    }
    // Ids are never reused, so once the network is quiet forgetting them changes nothing; it
    // keeps each node's loop check short over long runs.
    for (const n of touched) this.nodes[n] = { ...this.nodes[n]!, seen: [] };
    if (this.learning.links && source !== undefined && 'key' in first) {
      for (const n of path) if (n !== source) this.link(n, source, first.key);
    }
    return { ok, hops };
  }

  /** Node `n` learns `source` as a neighbour and routes `key` to it (LRU, like its table). */
  private link(n: number, source: number, key: string): void {
    const ctx = this.nodes[n]!;
    let neighbours = ctx.neighbours;
    if (!neighbours.some((x) => x.node === source)) {
      neighbours = [...neighbours, { node: source, location: locationOf(source) }];
      const base = this.base[n]!;
      if (neighbours.length > this.learning.maxNeighbours + base) {
        neighbours = [...neighbours.slice(0, base), ...neighbours.slice(base + 1)];
      }
    }
    const routes = ctx.routes.filter(([k]) => k !== key);
    routes.push([key, source]);
    while (routes.length > ctx.capacity) routes.shift();
    this.nodes[n] = { ...ctx, neighbours, routes };
  }
}
