/**
 * One trial of the multicast experiment: an underlay drawn for the trial, hosts placed on its edge
 * routers, and for a group (hosts 0..size−1, host 0 the source) the metrics of unicast, IP multicast
 * and a Narada overlay; with churn, the overlay's metrics after members leave and others join and
 * the mesh is repaired.
 */
import { Rng } from '../rng.ts';
import { ipMulticast, Network, overlay, unicast } from './delivery.ts';
import { metricsOf, type Metrics } from './metrics.ts';
import { Mesh, NARADA_DEFAULTS, type NaradaSettings } from './narada.ts';
import { generate, type Topology, type Underlay } from './underlay.ts';

/** The three schemes' metrics for one group, and the overlay mesh's mean degree. */
export interface GroupMetrics {
  readonly unicast: Metrics;
  readonly ip: Metrics;
  readonly overlay: Metrics;
  readonly meshDegree: number;
}

/** A trial's world: the underlay and hosts on its edge routers, in a random order. */
export interface World {
  readonly net: Network;
  readonly seed: number;
}

/**
 * The world of trial `trial`: a `kind` underlay of `routers` routers and `hosts` hosts, host h on
 * the h-th edge router of a random order (cycling when there are more hosts than edge routers).
 */
export function world(
  kind: Topology,
  routers: number,
  hosts: number,
  seed: number,
  trial: number,
): World {
  const worldSeed = (seed * 1_000_003 + trial * 7919 + (kind === 'waxman' ? 1 : 2)) >>> 0;
  const u: Underlay = generate(kind, routers, worldSeed);
  const order = new Rng(worldSeed ^ 0x5bd1e995).shuffle([...u.edge]);
  const hostRouter = Array.from({ length: hosts }, (_, h) => order[h % order.length]!);
  return { net: new Network(u, hostRouter), seed: worldSeed };
}

/** Hosts 0..n−1. */
function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** A mesh of hosts 0..size−1 joined in order and refined. */
export function buildMesh(w: World, size: number, settings: NaradaSettings): Mesh {
  const mesh = new Mesh(
    w.net.hostRouter.length,
    (a, b) => w.net.delay(a, b),
    new Rng(w.seed + size * 31),
    settings,
  );
  for (const h of range(size)) mesh.join(h);
  mesh.refine();
  return mesh;
}

/** The three schemes' metrics for the group of `mesh`'s members, sent by host 0. */
export function measureGroup(w: World, mesh: Mesh, ttl: number): GroupMetrics {
  const members = mesh.members();
  const source = 0;
  const m = (d: ReturnType<typeof unicast>) => metricsOf(w.net, d, source, members);
  return {
    unicast: m(unicast(w.net, source, members)),
    ip: m(ipMulticast(w.net, source, members, ttl)),
    overlay: m(overlay(w.net, source, mesh.tree(source))),
    meshDegree: mesh.meanDegree(),
  };
}

/** The metrics of a freshly built group of `size` hosts. */
export function growthPoint(
  w: World,
  size: number,
  ttl: number,
  settings: NaradaSettings = NARADA_DEFAULTS,
): GroupMetrics {
  return measureGroup(w, buildMesh(w, size, settings), ttl);
}

/** Metrics after churn, just repaired and after `repairRounds` refinement rounds. */
export interface ChurnMetrics {
  readonly repaired: GroupMetrics;
  readonly refined: GroupMetrics;
}

/**
 * Churn on a built group of `size`: a `fraction` of the members other than the source leave (each
 * leave repaired at once), as many new hosts join, then the metrics right away and after
 * `repairRounds` refinement rounds. The world needs `size + round(fraction·(size−1))` hosts.
 */
export function churnPoint(
  w: World,
  size: number,
  fraction: number,
  repairRounds: number,
  ttl: number,
  settings: NaradaSettings = NARADA_DEFAULTS,
): ChurnMetrics {
  const mesh = buildMesh(w, size, settings);
  const rng = new Rng(w.seed + Math.round(fraction * 1000) * 131);
  const k = Math.round(fraction * (size - 1));
  const leaving = rng.shuffle(range(size).slice(1)).slice(0, k);
  for (const h of leaving) mesh.leave(h, 0);
  for (let j = 0; j < k; j++) mesh.join(size + j);
  const repaired = measureGroup(w, mesh, ttl);
  mesh.refine(repairRounds);
  return { repaired, refined: measureGroup(w, mesh, ttl) };
}
