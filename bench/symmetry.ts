/**
 * Symmetry reduction per protocol (issue 16, item 5): for every registered protocol that declares a
 * node symmetry, on each fast-tier bounded configuration of its manifest (and, where the protocol
 * has one listed here, a larger configuration where its classes are not empty), each correct
 * variant's full search with and without `symmetry: true`: distinct states, wall milliseconds
 * (medians of `times` runs after a warm-up), the reduction (states without / with), the speed-up
 * (time without / with) and the cost per state (states per second without / with: what
 * canonicalising a successor costs). Safety search only (no liveness pass), one worker. A
 * configuration whose classes are all single nodes (a group of one) is listed, not searched.
 * `npx tsx bench/symmetry.ts [protocol...]` prints the table (`TIMES=n` runs, 3 by default).
 */
import { runExhaustive } from '../checkers/exhaustive/search.ts';
import { Symmetrizer } from '../checkers/exhaustive/symmetry.ts';
import { findProtocol, knownProtocols } from '../models/index.ts';
import type { JsonObject } from '../models/kernel/json.ts';
import type { Protocol, Variant } from '../models/kernel/protocol.ts';
import { System } from '../models/kernel/system.ts';
import { benchMain, runsAsScript } from './cli.ts';
import { fmt, median, samples } from './stats.ts';

/** A configuration to measure: a node count and, when not the bounded one, its parameters. */
export interface SymmetryConfig {
  /** What it is, in a few words (the table's `configuration` column). */
  readonly label: string;
  /** The node count (`bounded(nodes)` unless `params` is given). */
  readonly nodes: number;
  /** Parameters other than the bounded configuration's. */
  readonly params?: JsonObject;
  /** The one correct variant to measure (default: every correct variant). */
  readonly variant?: string;
}

/**
 * Larger configurations where a protocol's classes are not empty, by protocol: its bounded ones
 * may leave every node fixed (virtual synchrony's do: a view change orders members by index).
 */
export const LARGER: Readonly<Record<string, readonly SymmetryConfig[]>> = {
  'total-order': [
    {
      label: '5 members, one multicast, a loss, an early timer',
      nodes: 5,
      variant: 'sequencer',
      params: { members: 5, multicasts: [0], drops: 1, duplicates: 0, timeouts: 1 },
    },
  ],
  'ip-multicast': [
    {
      label: 'two routers, h0, h1, h2 on r1 join, one packet',
      nodes: 2,
      params: {
        routers: 2,
        links: [{ a: 0, b: 1, threshold: 1 }],
        group: '239.1.2.3',
        members: [1, 1, 1],
        sends: [2],
        joins: [0, 1, 2],
        leaves: [],
        remove: false,
        drops: 0,
      },
    },
  ],
  'publish-subscribe': [
    {
      label: '3 subscribers, s0 and s2 on e0 subscribe, one event',
      nodes: 3,
      params: {
        subscribers: 3,
        publishers: 1,
        edges: 2,
        publications: [{ publisher: 0, topic: 'a' }],
        requests: [
          { subscriber: 0, op: 'subscribe', topic: 'a' },
          { subscriber: 2, op: 'subscribe', topic: 'a' },
        ],
        drops: 0,
        crashes: 0,
        timeouts: 0,
      },
    },
  ],
  'virtual-synchrony': [
    {
      label: '7 members, two multicasts from p1, a partition, no view change',
      nodes: 7,
      params: {
        members: 7,
        joiners: 0,
        multicasts: [1, 1],
        crashes: 0,
        suspicions: 0,
        joins: 0,
        leaves: 0,
        partitions: 1,
      },
    },
  ],
};

/** One configuration and correct variant, with and without symmetry. */
export interface SymmetryCost {
  readonly protocol: string;
  readonly variant: string;
  readonly configuration: string;
  /** The group's size (1: every node fixed, nothing to reduce: the searches are not run). */
  readonly group: number;
  /** Distinct states without and with symmetry (null: not searched, the group is trivial). */
  readonly distinct: number | null;
  readonly reducedDistinct: number | null;
  /** Median wall milliseconds of the full search without and with symmetry. */
  readonly ms: number | null;
  readonly reducedMs: number | null;
}

/** The configurations measured for `protocol`: its fast-tier bounded ones, then `LARGER`'s. */
export function symmetryConfigs(protocol: Protocol): SymmetryConfig[] {
  const fast = (protocol.manifest?.configurations ?? [])
    .filter((c) => c.tier === 'fast')
    .map((c) => ({ label: `bounded, ${c.nodes} nodes`, nodes: c.nodes }));
  return [...fast, ...(LARGER[protocol.name] ?? [])];
}

/**
 * Measures one correct variant on one configuration: medians of `times` full searches each way
 * (after a warm-up when `times` > 1). A configuration whose group is trivial is not searched.
 */
export function symmetryCost(
  protocol: Protocol,
  variant: Variant,
  config: SymmetryConfig,
  times = 3,
): SymmetryCost {
  const params = config.params ?? protocol.bounded(config.nodes);
  const group = Symmetrizer.of(new System(protocol, variant, params)).size;
  const row = {
    protocol: protocol.name,
    variant: variant.name,
    configuration: config.label,
    group,
  };
  if (group === 1)
    return { ...row, distinct: null, reducedDistinct: null, ms: null, reducedMs: null };
  const measure = (symmetry: boolean) => {
    const runs = samples(
      times,
      () => {
        const start = performance.now();
        const r = runExhaustive(protocol, variant, {
          nodes: config.nodes,
          params,
          symmetry,
          liveness: false,
        });
        return { distinct: r.distinct, ms: performance.now() - start };
      },
      times > 1,
    );
    return { distinct: runs[0]!.distinct, ms: median(runs.map((r) => r.ms)) };
  };
  const plain = measure(false);
  const reduced = measure(true);
  return {
    ...row,
    distinct: plain.distinct,
    reducedDistinct: reduced.distinct,
    ms: plain.ms,
    reducedMs: reduced.ms,
  };
}

/**
 * Every correct variant of every protocol (built in or loaded) that declares a symmetry, or of
 * the named ones, on `symmetryConfigs`.
 */
export function symmetryCosts(names: readonly string[] = [], times = 3): SymmetryCost[] {
  const chosen =
    names.length === 0
      ? knownProtocols()
      : names.map((n) => findProtocol(n)).filter((p) => p !== undefined);
  return chosen
    .filter((p) => p.symmetry !== undefined)
    .flatMap((p) =>
      symmetryConfigs(p).flatMap((config) =>
        p.variants
          .filter((v) => v.breaks === undefined && (config.variant ?? v.name) === v.name)
          .map((v) => symmetryCost(p, v, config, times)),
      ),
    );
}

/** The figures as a text table: reduction, speed-up, and cost per state (states/s ratio). */
export function symmetryTable(rows: readonly SymmetryCost[]): string {
  const lines = [
    'protocol/variant  configuration  group  distinct  with symmetry  reduction  ms  ms with  speed-up  cost/state',
  ];
  for (const r of rows) {
    const head = `${r.protocol}/${r.variant}  ${r.configuration}  ${fmt(r.group)}`;
    if (
      r.distinct === null ||
      r.reducedDistinct === null ||
      r.ms === null ||
      r.reducedMs === null
    ) {
      lines.push(`${head}  (every node fixed here: nothing to reduce, not searched)`);
      continue;
    }
    const rate = r.distinct / r.ms;
    const reducedRate = r.reducedDistinct / r.reducedMs;
    lines.push(
      `${head}  ${fmt(r.distinct)}  ${fmt(r.reducedDistinct)}  ` +
        `${(r.distinct / r.reducedDistinct).toFixed(2)}x  ${fmt(r.ms)}  ${fmt(r.reducedMs)}  ` +
        `${(r.ms / r.reducedMs).toFixed(2)}x  ${(rate / reducedRate).toFixed(2)}x`,
    );
  }
  return lines.join('\n');
}

/** Prints the table (`npm run bench` calls it once the lead wires it into bench/main.ts). */
export function printSymmetryBench(repeats: number, quick: boolean): void {
  const times = quick ? 1 : repeats;
  console.log(
    `\nsymmetry reduction: full searches with and without --symmetry, wall ms, medians of ${times}\n`,
  );
  console.log(symmetryTable(symmetryCosts([], times)));
}

if (runsAsScript(import.meta.url)) {
  benchMain((names, times) => symmetryTable(symmetryCosts(names, times)));
}
