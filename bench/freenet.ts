/**
 * Freenet simulator figures (issue 6): simulated message hops/s, and the time to build a
 * 100,000-node network and route 10,000 requests through it.
 */
import { keyOf } from '../models/freenet/keys.ts';
import { buildNetwork } from '../models/freenet/simulator/network.ts';
import { Rng } from '../models/freenet/simulator/rng.ts';
import { Simulator } from '../models/freenet/simulator/sim.ts';
import { median } from './stats.ts';

/** Inserts or requests (even odds) random keys at random nodes (HTL 20); returns messages delivered. */
function workload(sim: Simulator, operations: number, seed: number): number {
  const rng = new Rng(seed);
  const keys: string[] = [];
  for (let i = 0; i < operations; i++) {
    const node = rng.int(sim.nodes.length);
    if (keys.length === 0 || rng.next() < 0.5) {
      keys.push(keyOf(`ksk:bench${i}`));
      sim.insert(node, keys[keys.length - 1]!, `d${i}`, 20);
    } else {
      sim.request(node, keys[rng.int(keys.length)]!, 20);
    }
  }
  return sim.delivered;
}

const learn = { links: true, maxNeighbours: 10 };

/** Prints the figures: hops/s as a median of `repeats` runs, and the 100,000-node timing. */
export function printFreenetBench(repeats: number, quick: boolean): void {
  const nodes = 10_000;
  const operations = quick ? 5_000 : 20_000;
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const sim = new Simulator(buildNetwork({ nodes, links: 2, capacity: 50 }), undefined, learn);
    const start = performance.now();
    const hops = workload(sim, operations, r + 1);
    rates.push(hops / ((performance.now() - start) / 1000));
  }
  const sorted = [...rates].sort((a, b) => a - b);
  console.log(`\nfreenet simulator: ${nodes} nodes, ${operations} inserts and requests (HTL 20)\n`);
  console.log(
    `simulated message hops/s: ${Math.round(median(rates))} (min-max ${Math.round(sorted[0]!)}-${Math.round(sorted[sorted.length - 1]!)}, median of ${repeats})`,
  );
  const start = performance.now();
  const sim = new Simulator(
    buildNetwork({ nodes: 100_000, links: 2, capacity: 50 }),
    undefined,
    learn,
  );
  const built = performance.now();
  const hops = workload(sim, 10_000, 1);
  const done = performance.now();
  console.log(
    `100,000-node network: built in ${((built - start) / 1000).toFixed(2)} s; 10,000 inserts and requests routed in ${((done - built) / 1000).toFixed(2)} s (${hops} hops)`,
  );
}
