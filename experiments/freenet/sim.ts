/**
 * A deterministic event-driven simulator of a Freenet network: the model's own node logic
 * (`stepNode`, models/freenet/node.step.ts) over mutable node states (fast-state.ts), with the
 * correct node's decisions. Every message takes one time unit and ties go in sending order, so the
 * event order is first in, first out: a plain queue, and a seed fixes the whole run. One client
 * operation runs at a time, until the network is quiet.
 */
import type { FreenetEvent } from '../../models/freenet/messages.ts';
import type { FreenetContext } from '../../models/freenet/node.state.ts';
import {
  decide,
  stepNode,
  type FreenetGuard,
  type FreenetSend,
  type NodeEffects,
} from '../../models/freenet/node.step.ts';
import { FastState } from './fast-state.ts';

/** How one client request or insert ended. */
export interface Outcome {
  /** A request found the data, or an insert was placed (or collided). */
  readonly ok: boolean;
  /** Forward hops: DataRequest or InsertRequest messages sent, backtracking included. */
  readonly hops: number;
}

/** A network of node states and the messages between them (the effects of the node stepping). */
export class Simulator implements NodeEffects {
  /** Messages delivered so far (the benchmark's hops), bounced ones included. */
  delivered = 0;
  private ids = 0;
  /** The queue: destinations and events (messages with their sender), consumed from `head`. */
  private readonly to: number[] = [];
  private readonly messages: FreenetEvent[] = [];
  private head = 0;
  /** The node stepping, and the outcome of the operation running. */
  private current = 0;
  private ok = false;
  private hops = 0;
  /** Nodes that handled a message in the operation running (their `seen` is cleared after it). */
  private readonly touched: number[] = [];
  private readonly mark: Uint32Array;
  private epoch = 1;
  /** While probing: the nodes touched so far, each keeping a backup of its state. */
  private probing = false;
  private readonly changed: number[] = [];

  /**
   * @param nodes node states, changed in place as they step (`fork` for a snapshot)
   * @param alive which nodes are up; a request to a dead node bounces as a failure, like a refused
   *   connection
   */
  constructor(
    readonly nodes: FastState[],
    readonly alive: Uint8Array = new Uint8Array(nodes.length).fill(1),
  ) {
    this.mark = new Uint32Array(nodes.length);
  }

  /** A simulator over fresh states of `contexts`. */
  static of(contexts: readonly FreenetContext[]): Simulator {
    return new Simulator(contexts.map((c) => new FastState(c)));
  }

  /** A copy that shares no mutable state with this one: a snapshot to run anything on. */
  fork(): Simulator {
    const copy = new Simulator(
      this.nodes.map((n) => n.clone()),
      this.alive.slice(),
    );
    copy.ids = this.ids;
    return copy;
  }

  /**
   * Requests `key` at `node` with `htl`, runs the network until quiet, then puts back every node
   * state the request changed: a probe that measures the network without teaching it anything.
   */
  probe(node: number, key: string, htl: number): Outcome {
    this.probing = true;
    try {
      return this.request(node, key, htl);
    } finally {
      for (const n of this.changed) this.nodes[n]!.rollback();
      this.changed.length = 0;
      this.probing = false;
    }
  }

  /** Requests `key` at `node` with `htl` and runs the network until quiet. */
  request(node: number, key: string, htl: number): Outcome {
    return this.run(node, { type: 'request', id: `r${this.ids++}`, key, htl });
  }

  /** Inserts `data` with its `proof` under `key` at `node` with `htl`; runs until quiet. */
  insert(node: number, key: string, data: string, proof: string, htl: number): Outcome {
    return this.run(node, { type: 'insert', id: `i${this.ids++}`, key, data, proof, htl });
  }

  /**
   * `node` joins the network through `seed`, as the model's joining node does (`announceSelf`): it
   * knows `seed` alone and announces itself with `htl`; each node the announcement reaches adds it
   * as a neighbour and welcomes it. Runs until quiet.
   */
  join(node: number, seed: number, htl: number): void {
    this.nodes[node]!.addNeighbour(seed);
    this.run(seed, { type: 'Announce', id: `a${this.ids++}`, node, htl, from: node });
  }

  /**
   * Queues a message from the node stepping (`Effects.send`; the node logic sends to one node at a
   * time). The logic sends a fresh object each time, so the sender is added to it in place.
   */
  send(to: number | readonly number[], msg: FreenetSend): void {
    if (msg.type === 'DataRequest' || msg.type === 'InsertRequest') this.hops++;
    const event = Object.assign(msg, { from: this.current });
    for (const node of typeof to === 'number' ? [to] : to) {
      this.to.push(node);
      this.messages.push(event);
    }
  }

  /** Watches the origin's outcome; every other observation is dropped. */
  observe(kind: string): void {
    if (kind === 'found' || kind === 'inserted') this.ok = true;
  }

  /** The correct node's decision, on the state of the node stepping. */
  check(guard: FreenetGuard, params: object = {}): boolean {
    return decide(this.nodes[this.current]!, guard, params);
  }

  private run(origin: number, first: FreenetEvent): Outcome {
    this.ok = false;
    this.hops = 0;
    this.to.push(origin);
    this.messages.push(first);
    while (this.head < this.to.length) {
      const to = this.to[this.head]!;
      const event = this.messages[this.head]!;
      this.head++;
      this.delivered++;
      if (this.alive[to] !== 1) {
        if (event.type === 'DataRequest' || event.type === 'InsertRequest') {
          this.current = to;
          this.send(event.from, { type: 'RequestFailed', id: event.id, expired: false });
        }
        continue;
      }
      if (this.mark[to] !== this.epoch) {
        this.mark[to] = this.epoch;
        this.touched.push(to);
        if (this.probing) {
          this.nodes[to]!.keep();
          this.changed.push(to);
        }
      }
      this.current = to;
      stepNode(this.nodes[to]!, event, this);
    }
    this.to.length = 0;
    this.messages.length = 0;
    this.head = 0;
    // Ids are never reused, so once the network is quiet forgetting them changes nothing; it
    // keeps each node's loop check small over long runs.
    for (const n of this.touched) this.nodes[n]!.clearSeen();
    this.touched.length = 0;
    this.epoch++;
    return { ok: this.ok, hops: this.hops };
  }
}
