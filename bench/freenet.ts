/**
 * Freenet simulator figures (issue 6): simulated message hops/s, and the time to build a
 * 100,000-node network and route 10,000 inserts and requests through it.
 */
import { buildNetwork } from '../experiments/freenet/network.ts';
import { Simulator } from '../experiments/freenet/sim.ts';
import { Rng } from '../experiments/rng.ts';
import { keyOf } from '../models/freenet/keys.ts';
import { median } from './stats.ts';

/** The paper's node: 2 neighbours on each side, 50 items, 250 routes. */
const shape = (nodes: number) => ({ nodes, links: 2, capacity: 50, routeCapacity: 250 });

/** Content-hash keys of the data `d0`, `d1`, …, made before timing (the proof of a CHK is empty). */
const keys: string[] = [];
const keyAt = (i: number): string => (keys[i] ??= keyOf(`chk:d${i}`));

/**
 * Inserts or requests (even odds) random keys at random nodes (HTL 20); returns the seconds taken
 * and messages delivered.
 */
function workload(
  sim: Simulator,
  operations: number,
  seed: number,
): { seconds: number; hops: number } {
  const rng = new Rng(seed);
  for (let i = 0; i < operations; i++) keyAt(i);
  const start = performance.now();
  let inserted = 0;
  for (let i = 0; i < operations; i++) {
    const node = rng.int(sim.nodes.length);
    if (inserted === 0 || rng.next() < 0.5) {
      sim.insert(node, keyAt(inserted), `d${inserted}`, '', 20);
      inserted++;
    } else {
      sim.request(node, keyAt(rng.int(inserted)), 20);
    }
  }
  return { seconds: (performance.now() - start) / 1000, hops: sim.delivered };
}

/** Prints the figures: hops/s as a median of `repeats` runs, and the 100,000-node timing. */
export function printFreenetBench(repeats: number, quick: boolean): void {
  const nodes = 10_000;
  const operations = quick ? 5_000 : 20_000;
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const { seconds, hops } = workload(Simulator.of(buildNetwork(shape(nodes))), operations, r + 1);
    rates.push(hops / seconds);
  }
  const sorted = [...rates].sort((a, b) => a - b);
  console.log(`\nfreenet simulator: ${nodes} nodes, ${operations} inserts and requests (HTL 20)\n`);
  console.log(
    `simulated message hops/s: ${Math.round(median(rates))} (min-max ${Math.round(sorted[0]!)}-${Math.round(sorted[sorted.length - 1]!)}, median of ${repeats})`,
  );
  const start = performance.now();
  const sim = Simulator.of(buildNetwork(shape(100_000)));
  const built = (performance.now() - start) / 1000;
  const { seconds, hops } = workload(sim, 10_000, 1);
  console.log(
    `100,000-node network: built in ${built.toFixed(2)} s; 10,000 inserts and requests routed in ${seconds.toFixed(2)} s (${hops} hops)`,
  );
}
