/**
 * Multicast experiment figures (issue 14): simulated packets/s — packet copies forwarded over
 * physical links per second — when every member of a 128-member group on a 1,000-router underlay
 * sends one packet by unicast, by IP multicast and over the Narada overlay (routes computed before
 * timing, as routers and members hold them), and the wall time of the default experiment.
 */
import { multicastReport } from '../experiments/multicast/index.ts';
import { ipMulticast, overlay, unicast } from '../experiments/multicast/delivery.ts';
import { NARADA_DEFAULTS } from '../experiments/multicast/narada.ts';
import { buildMesh, world } from '../experiments/multicast/trial.ts';
import type { Topology } from '../experiments/multicast/underlay.ts';
import { median } from './stats.ts';

/** Packets/s on one topology: each sender's three deliveries, `rounds` times over. */
function packetsPerSecond(kind: Topology, rounds: number): number {
  const w = world(kind, 1000, 128, 1, 0);
  const mesh = buildMesh(w, 128, NARADA_DEFAULTS);
  const members = mesh.members();
  const trees = members.map((s) => mesh.tree(s));
  for (const s of members) w.net.tree(w.net.hostRouter[s]!); // routing tables, before timing
  let forwarded = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    members.forEach((s, i) => {
      forwarded += unicast(w.net, s, members).forwarded;
      forwarded += ipMulticast(w.net, s, members).forwarded;
      forwarded += overlay(w.net, s, trees[i]!).forwarded;
    });
  }
  return forwarded / ((performance.now() - start) / 1000);
}

/** The figures as numbers: packets/s per topology (median of `repeats`), the experiment's seconds. */
export function multicastBench(
  repeats: number,
  quick: boolean,
): { packetsPerSecond: Record<Topology, number>; experimentSeconds: number } {
  const rounds = quick ? 2 : 5;
  const rate = (kind: Topology) =>
    median(Array.from({ length: repeats }, () => packetsPerSecond(kind, rounds)));
  const packets = { waxman: rate('waxman'), 'transit-stub': rate('transit-stub') };
  const start = performance.now();
  multicastReport(quick ? { seed: 1, trials: 1 } : { seed: 1 });
  return { packetsPerSecond: packets, experimentSeconds: (performance.now() - start) / 1000 };
}

/** Prints the figures (`npm run bench` calls it once the lead wires it into bench/main.ts). */
export function printMulticastBench(repeats: number, quick: boolean): void {
  const { packetsPerSecond: p, experimentSeconds } = multicastBench(repeats, quick);
  console.log(
    `\nmulticast experiment: 1,000 routers, 128 members, every member sends one packet three ways\n`,
  );
  for (const [kind, rate] of Object.entries(p)) {
    console.log(
      `${kind}: ${Math.round(rate).toLocaleString('en-US')} simulated packets/s (median of ${repeats})`,
    );
  }
  console.log(
    `default experiment (${quick ? 'one trial' : 'three trials'}, both topologies): ${experimentSeconds.toFixed(1)} s`,
  );
}
