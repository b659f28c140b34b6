/**
 * The three experiments of Clarke et al. 2001, section 5, on the simulator: request path length as
 * the network learns, as it grows, and as nodes fail. Each yields series of {x, y} rows.
 */
import { keyOf } from '../../models/freenet/keys.ts';
import { freshContext } from '../../models/freenet/node.state.ts';
import type { Experiment, Row } from '../experiment.ts';
import { Rng } from '../rng.ts';
import { buildNetwork } from './network.ts';
import { Simulator } from './sim.ts';

/** Sizes and counts of a run; `experimentOptions` gives the defaults for a network size. */
export interface ExperimentOptions {
  readonly nodes: number;
  readonly seed: number;
  /** Random inserts and requests (HTL 20) the network learns from (scalability: as many per node). */
  readonly steps: number;
  /** Learning curve: a probe every this many steps. */
  readonly every: number;
  /** Probe requests per data point (HTL 500, each undone after, as in the paper). */
  readonly probes: number;
  /** Network sizes of the scalability experiment. */
  readonly sizes: readonly number[];
}

/** The paper's network: 2 neighbours on each side, 50 items and 250 routes per node. */
const LINKS = 2;
const CAPACITY = 50;
const ROUTES = 250;
const HTL = 20;
const PROBE_HTL = 500;
/** The network a growing one starts from (a ring lattice, as in the paper). */
const SEED_NODES = 20;
/** A joining node's announcement HTL: every node on its path takes it as a neighbour. */
const ANNOUNCE_HTL = 10;

/**
 * Defaults scaled to `nodes` (the paper's at 1,000: 300 probes of HTL 500 per data point;
 * `perNode` timesteps per node, 10 by default, by which the median has settled at 1,000 nodes).
 */
export function experimentOptions(nodes: number, seed: number, perNode = 10): ExperimentOptions {
  const sizes = [nodes / 8, nodes / 4, nodes / 2, nodes].map(Math.round).filter((n) => n >= 10);
  const every = Math.max(1, Math.round((nodes * perNode) / 20));
  return { nodes, seed, steps: perNode * nodes, every, probes: 300, sizes };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)]!;
};

/**
 * A network learning from random inserts and requests, with its inserted keys. It starts as a ring
 * lattice of `nodes` nodes and may grow to `total` by joins (`grow`); nodes not joined yet take no
 * part (no node knows them, and no operation starts at them).
 */
class World {
  readonly keys: string[] = [];
  readonly sim: Simulator;
  /** Nodes joined so far (0 … size-1). */
  size: number;
  /** The probes' own draws, so that how often the network is probed does not change its training. */
  private readonly probeRng: Rng;

  constructor(
    nodes: number,
    readonly rng: Rng,
    routeCapacity = ROUTES,
    total = nodes,
  ) {
    const shape = { nodes, links: LINKS, capacity: CAPACITY, routeCapacity };
    const outside = Array.from({ length: total - nodes }, (_, i) =>
      freshContext({
        self: nodes + i,
        neighbours: [],
        capacity: CAPACITY,
        routeCapacity,
        corrupt: false,
      }),
    );
    this.sim = Simulator.of([...buildNetwork(shape), ...outside]);
    this.size = nodes;
    this.probeRng = new Rng(rng.int(0x7fffffff));
  }

  /** The next node joins through a random joined node, announcing itself (the model's join). */
  grow(): void {
    this.sim.join(this.size, this.rng.int(this.size), ANNOUNCE_HTL);
    this.size++;
  }

  /**
   * One timestep: a random live node inserts new data or requests an inserted key. The keys are
   * content hashes (a CHK's proof is empty; a signed key's would cost a key pair per insert).
   */
  step(): void {
    const node = this.liveNode();
    if (this.keys.length === 0 || this.rng.next() < 0.5) {
      const data = `d${this.keys.length}`;
      const key = keyOf(`chk:${data}`);
      this.keys.push(key);
      this.sim.insert(node, key, data, '', HTL);
    } else {
      this.sim.request(node, this.keys[this.rng.int(this.keys.length)]!, HTL);
    }
  }

  /**
   * Median forward hops of successful probes (0 if none) and their rate. Each probe runs on the
   * network as it is and is undone after (so probes neither train the network nor each other).
   */
  probe(count: number): { hops: number; success: number } {
    const hops = this.probeHops(count);
    return { hops: median(hops), success: hops.length / count };
  }

  /** The forward hops of each of `count` probes that found its data (each undone after). */
  probeHops(count: number): number[] {
    const hops: number[] = [];
    for (let i = 0; i < count; i++) {
      const key = this.keys[this.probeRng.int(this.keys.length)]!;
      const outcome = this.sim.probe(this.liveNode(this.probeRng), key, PROBE_HTL);
      // As in the paper, a path length is that of a request that found its data.
      if (outcome.ok) hops.push(outcome.hops);
    }
    return hops;
  }

  liveNode(rng = this.rng): number {
    for (;;) {
      const n = rng.int(this.size);
      if (this.sim.alive[n] === 1) return n;
    }
  }
}

/**
 * Section 5.1: median probe path length every `every` steps as the network learns, for three
 * workloads (seeds); beside them, the same network with no routing table (neighbours only), which
 * cannot learn shortcuts.
 */
export function learning(o: ExperimentOptions): Experiment {
  const curve = (routeCapacity: number, every: number, seed = o.seed): Row[] => {
    const world = new World(o.nodes, new Rng(seed), routeCapacity);
    const hops: Row[] = [];
    for (let t = 1; t <= o.steps; t++) {
      world.step();
      if (t % every === 0) hops.push({ x: t, y: world.probe(o.probes).hops });
    }
    return hops;
  };
  return {
    name: 'learning',
    title: `Path length as the network learns (${o.nodes} nodes)`,
    xLabel: 'timestep (random inserts and requests)',
    yLabel: 'median request path length (hops, log scale)',
    logY: true,
    series: [
      // Three runs: how fast (and whether) a network settles varies a lot with its workload.
      ...[0, 1, 2].map((k) => ({
        name: `routing tables of ${ROUTES}, seed ${o.seed + k}`,
        rows: curve(ROUTES, o.every, o.seed + k),
      })),
      // The baseline does not learn: a few points show it (each probe searches the lattice).
      { name: 'neighbours only', rows: curve(0, 4 * o.every) },
    ],
  };
}

/**
 * Section 5.2: median probe path length as one network grows, as in the paper: a ring lattice of 20
 * nodes learns, then nodes join one at a time through a random node (the model's announcement,
 * HTL 10), with `steps / nodes` timesteps of inserts and requests after each join; probes at each
 * size of `sizes`. Three workloads (seeds), a third of the probes each, pooled. (Separate networks
 * trained from a cold lattice, as this experiment once did, need ever more timesteps per node to
 * settle as they grow: see models/freenet/notes.md.)
 */
export function scalability(o: ExperimentOptions): Experiment {
  const perJoin = Math.max(1, Math.round(o.steps / o.nodes));
  const largest = Math.max(...o.sizes);
  const start = Math.min(SEED_NODES, ...o.sizes);
  const hops = new Map<number, number[]>(o.sizes.map((size) => [size, []]));
  for (let k = 0; k < 3; k++) {
    const world = new World(start, new Rng(o.seed + 7919 + 104_723 * k), ROUTES, largest);
    for (let t = 0; t < perJoin * start; t++) world.step();
    for (;;) {
      hops.get(world.size)?.push(...world.probeHops(Math.ceil(o.probes / 3)));
      if (world.size >= largest) break;
      world.grow();
      for (let t = 0; t < perJoin; t++) world.step();
    }
  }
  return {
    name: 'scalability',
    title: 'Path length as the network grows',
    xLabel: 'nodes',
    yLabel: 'median request path length (hops)',
    series: [
      { name: 'median', rows: o.sizes.map((size) => ({ x: size, y: median(hops.get(size)!) })) },
    ],
  };
}

/** Section 5.3: a trained network loses a growing share of random nodes. */
export function faults(o: ExperimentOptions): Experiment {
  const world = new World(o.nodes, new Rng(o.seed + 104729));
  for (let t = 0; t < o.steps; t++) world.step();
  const order = world.rng.shuffle(Array.from({ length: o.nodes }, (_, i) => i));
  const hops: Row[] = [];
  const success: Row[] = [];
  let dead = 0;
  for (let percent = 0; percent <= 80; percent += 10) {
    for (; dead < Math.floor((o.nodes * percent) / 100); dead++) world.sim.alive[order[dead]!] = 0;
    const p = world.probe(o.probes);
    hops.push({ x: percent, y: p.hops });
    success.push({ x: percent, y: Math.round(p.success * 1000) / 10 });
  }
  return {
    name: 'faults',
    title: `Path length as nodes fail (${o.nodes} nodes)`,
    xLabel: 'nodes failed (%)',
    yLabel: 'median path length (hops) / success (%)',
    series: [
      { name: 'median hops', rows: hops },
      { name: 'success %', rows: success },
    ],
  };
}

/** All three experiments, in the paper's order. */
export function runExperiments(o: ExperimentOptions): Experiment[] {
  return [learning(o), scalability(o), faults(o)];
}
