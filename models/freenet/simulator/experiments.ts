/**
 * The three experiments of Clarke et al. 2001, section 5, on the simulator: request path length as
 * the network learns, as it grows, and as nodes fail. Each yields series of {x, y} rows.
 */
import { keyOf } from '../keys.ts';
import { buildNetwork } from './network.ts';
import { Rng } from './rng.ts';
import { Simulator } from './sim.ts';

/** One plotted row. */
export interface Row {
  readonly x: number;
  readonly y: number;
}

/** A named curve. */
export interface Series {
  readonly name: string;
  readonly rows: readonly Row[];
}

/** An experiment's result: its series and axis labels. */
export interface Experiment {
  readonly name: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
}

/** Sizes and counts of a run; `experimentOptions` gives the defaults for a network size. */
export interface ExperimentOptions {
  readonly nodes: number;
  readonly seed: number;
  /** Random inserts and requests (HTL 20) the network learns from. */
  readonly steps: number;
  /** Learning curve: a probe every this many steps. */
  readonly every: number;
  /** Probe requests per data point (HTL 500, on a snapshot, as in the paper). */
  readonly probes: number;
  /** Network sizes of the scalability experiment. */
  readonly sizes: readonly number[];
}

const LINKS = 2;
const CAPACITY = 50;
const HTL = 20;
const PROBE_HTL = 500;
const MAX_LEARNED = 10;

/** Defaults scaled to `nodes`: small enough to run all three in well under a minute at 1,000. */
export function experimentOptions(nodes: number, seed: number): ExperimentOptions {
  const sizes = [nodes / 8, nodes / 4, nodes / 2, nodes].map(Math.round).filter((n) => n >= 10);
  const every = Math.max(1, Math.round(nodes / 4));
  return { nodes, seed, steps: 2 * nodes, every, probes: 40, sizes };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)]!;
};

/** A network learning from random inserts and requests, with its inserted keys. */
class World {
  readonly keys: string[] = [];
  readonly sim: Simulator;

  constructor(
    nodes: number,
    readonly rng: Rng,
    links = true,
  ) {
    const network = buildNetwork({ nodes, links: LINKS, capacity: CAPACITY });
    this.sim = new Simulator(network, undefined, { links, maxNeighbours: MAX_LEARNED });
  }

  /** One timestep: a random live node inserts a new key or requests an inserted one. */
  step(): void {
    const node = this.liveNode();
    if (this.keys.length === 0 || this.rng.next() < 0.5) {
      const key = keyOf(`ksk:item${this.keys.length}`);
      this.keys.push(key);
      this.sim.insert(node, key, `d${this.keys.length}`, HTL);
    } else {
      this.sim.request(node, this.keys[this.rng.int(this.keys.length)]!, HTL);
    }
  }

  /** Median forward hops of successful probes (0 if none) and their rate, on a snapshot. */
  probe(count: number): { hops: number; success: number } {
    const snapshot = this.sim.fork();
    const hops: number[] = [];
    let ok = 0;
    for (let i = 0; i < count; i++) {
      const key = this.keys[this.rng.int(this.keys.length)]!;
      const outcome = snapshot.request(this.liveNode(), key, PROBE_HTL);
      // As in the paper, a path length is that of a request that found its data.
      if (outcome.ok) {
        hops.push(outcome.hops);
        ok++;
      }
    }
    return { hops: median(hops), success: ok / count };
  }

  liveNode(): number {
    for (;;) {
      const n = this.rng.int(this.sim.nodes.length);
      if (this.sim.alive[n] === 1) return n;
    }
  }
}

/** Section 5.1: median probe path length every `every` steps as the network learns. */
export function learning(o: ExperimentOptions): Experiment {
  const curve = (links: boolean): Row[] => {
    const world = new World(o.nodes, new Rng(o.seed), links);
    const hops: Row[] = [];
    for (let t = 1; t <= o.steps; t++) {
      world.step();
      if (t % o.every === 0) hops.push({ x: t, y: world.probe(o.probes).hops });
    }
    return hops;
  };
  return {
    name: 'learning',
    title: `Path length as the network learns (${o.nodes} nodes)`,
    xLabel: 'timestep (random inserts and requests)',
    yLabel: 'median request path length (hops)',
    series: [
      { name: 'with data-source links', rows: curve(true) },
      { name: 'fixed neighbours (model as is)', rows: curve(false) },
    ],
  };
}

/** Section 5.2: median probe path length of trained networks of growing size. */
export function scalability(o: ExperimentOptions): Experiment {
  const rows: Row[] = [];
  for (const [i, size] of o.sizes.entries()) {
    const world = new World(size, new Rng(o.seed + 7919 * (i + 1)));
    for (let t = 0; t < 2 * size; t++) world.step();
    rows.push({ x: size, y: world.probe(o.probes).hops });
  }
  return {
    name: 'scalability',
    title: 'Path length as the network grows',
    xLabel: 'nodes',
    yLabel: 'median request path length (hops)',
    series: [{ name: 'median', rows }],
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
  for (let percent = 0; percent <= 80; percent += 20) {
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
