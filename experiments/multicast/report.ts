/**
 * The multicast experiment's sweep: for each topology, the three schemes' metrics as the group
 * grows, and the overlay's as members churn, each point the mean over the trials (every trial on its
 * own underlay); then the plotted experiments and the tables.
 */
import type { Experiment, Series } from '../experiment.ts';
import type { Metrics } from './metrics.ts';
import { NARADA_DEFAULTS } from './narada.ts';
import { TOPOLOGY_CHOICES, type MulticastOptions } from './options.ts';
import { churnPoint, growthPoint, world, type GroupMetrics } from './trial.ts';
import { TOPOLOGIES, type Topology } from './underlay.ts';

/** The schemes compared. */
export const SCHEMES = ['unicast', 'ip', 'overlay'] as const;

/** A scheme's name. */
export type Scheme = (typeof SCHEMES)[number];

/** How each scheme is labelled in plots and tables. */
export const SCHEME_LABEL: Record<Scheme, string> = {
  unicast: 'unicast from the source',
  ip: 'IP multicast (DVMRP tree)',
  overlay: 'overlay (Narada mesh)',
};

/** The mean of a scheme's metrics over the trials of one point. */
export interface MeanMetrics {
  readonly meanStress: number;
  readonly maxStress: number;
  readonly resource: number;
  /** Resource usage over IP multicast's for the same group (the paper's normalised usage). */
  readonly resourceRatio: number;
  readonly rdpMedian: number;
  readonly rdp90: number;
  /** Fraction of the receivers reached (below 1 only when IP multicast's TTL scopes some out). */
  readonly reached: number;
  readonly forwarded: number;
}

/** One point of the group-size sweep. */
export interface GrowthRow {
  readonly topology: Topology;
  readonly members: number;
  readonly schemes: Record<Scheme, MeanMetrics>;
  readonly meshDegree: number;
}

/** One point of the churn sweep (group of `members`, a `churn` fraction replaced). */
export interface ChurnRow {
  readonly topology: Topology;
  readonly members: number;
  readonly churn: number;
  /** The overlay right after the leaves (repaired) and joins, and after the refinement rounds. */
  readonly repaired: MeanMetrics;
  readonly refined: MeanMetrics;
  readonly ip: MeanMetrics;
  readonly meshDegree: number;
}

/** Everything the sweep measured. */
export interface Sweep {
  readonly growth: readonly GrowthRow[];
  readonly churn: readonly ChurnRow[];
}

/** The topologies an option value names. */
export function topologiesOf(t: (typeof TOPOLOGY_CHOICES)[number]): Topology[] {
  return t === 'both' ? [...TOPOLOGIES] : [t];
}

/** Runs the sweep for `o`. */
export function sweep(o: MulticastOptions): Sweep {
  const growth: GrowthRow[] = [];
  const churn: ChurnRow[] = [];
  const joiners = Math.round(Math.max(0, ...o.churn) * (o.churnGroup - 1));
  const hosts = Math.max(...o.groups, o.churnGroup + joiners);
  const settings = { ...NARADA_DEFAULTS, rounds: o.rounds };
  for (const topology of topologiesOf(o.topology)) {
    const worlds = Array.from({ length: o.trials }, (_, t) =>
      world(topology, o.routers, hosts, o.seed, t),
    );
    for (const size of o.groups) {
      const runs = worlds.map((w) => growthPoint(w, size, o.ttl, settings));
      growth.push({
        topology,
        members: size,
        schemes: {
          unicast: meanOf(runs, (r) => r.unicast),
          ip: meanOf(runs, (r) => r.ip),
          overlay: meanOf(runs, (r) => r.overlay),
        },
        meshDegree: round(mean(runs.map((r) => r.meshDegree))),
      });
    }
    for (const fraction of o.churn) {
      const runs = worlds.map((w) =>
        churnPoint(w, o.churnGroup, fraction, o.repairRounds, o.ttl, settings),
      );
      churn.push({
        topology,
        members: o.churnGroup,
        churn: fraction,
        repaired: meanOf(
          runs.map((r) => r.repaired),
          (r) => r.overlay,
        ),
        refined: meanOf(
          runs.map((r) => r.refined),
          (r) => r.overlay,
        ),
        ip: meanOf(
          runs.map((r) => r.refined),
          (r) => r.ip,
        ),
        meshDegree: round(mean(runs.map((r) => r.refined.meshDegree))),
      });
    }
  }
  return { growth, churn };
}

/** The mean over trials of the metrics `pick` selects (ratios per trial, then averaged). */
function meanOf(runs: readonly GroupMetrics[], pick: (g: GroupMetrics) => Metrics): MeanMetrics {
  const avg = (f: (m: Metrics, g: GroupMetrics) => number) =>
    round(mean(runs.map((g) => f(pick(g), g))));
  return {
    meanStress: avg((m) => m.meanStress),
    maxStress: avg((m) => m.maxStress),
    resource: avg((m) => m.resource),
    resourceRatio: avg((m, g) => m.resource / g.ip.resource),
    rdpMedian: avg((m) => m.rdpMedian),
    rdp90: avg((m) => m.rdp90),
    reached: avg((m) => m.reached / Math.max(1, m.receivers)),
    forwarded: avg((m) => m.forwarded),
  };
}

/** The plots: per topology, stress (max, mean), RDP, resource ratio against group size; churn. */
export function experimentsOf(s: Sweep, o: MulticastOptions): Experiment[] {
  const out: Experiment[] = [];
  const setting = (t: Topology) => `${t}, ${o.routers} routers, mean of ${o.trials} trials`;
  for (const topology of topologiesOf(o.topology)) {
    const rows = s.growth.filter((r) => r.topology === topology);
    const by = (f: (m: MeanMetrics) => number, schemes: readonly Scheme[] = SCHEMES): Series[] =>
      schemes.map((scheme) => ({
        name: SCHEME_LABEL[scheme],
        rows: rows.map((r) => ({ x: r.members, y: f(r.schemes[scheme]) })),
      }));
    const overlay = (name: string, f: (m: MeanMetrics) => number): Series => ({
      name,
      rows: rows.map((r) => ({ x: r.members, y: f(r.schemes.overlay) })),
    });
    out.push(
      {
        name: `multicast-${topology}-max-stress`,
        title: `Worst link stress against group size (${setting(topology)})`,
        xLabel: 'group members',
        yLabel: 'copies on the most loaded physical link',
        logY: true,
        series: by((m) => m.maxStress),
      },
      {
        name: `multicast-${topology}-mean-stress`,
        title: `Mean link stress against group size (${setting(topology)})`,
        xLabel: 'group members',
        yLabel: 'copies per physical link used',
        series: by((m) => m.meanStress),
      },
      {
        name: `multicast-${topology}-rdp`,
        title: `Overlay relative delay penalty (${setting(topology)})`,
        xLabel: 'group members',
        yLabel: 'overlay delay / unicast delay',
        series: [
          overlay('overlay, 90th percentile', (m) => m.rdp90),
          overlay('overlay, median', (m) => m.rdpMedian),
          {
            name: 'unicast and IP multicast (1 by construction)',
            rows: rows.map((r) => ({ x: r.members, y: r.schemes.ip.rdp90 })),
          },
        ],
      },
      {
        name: `multicast-${topology}-resource`,
        title: `Resource usage over IP multicast's (${setting(topology)})`,
        xLabel: 'group members',
        yLabel: 'Σ delay × stress / IP multicast’s',
        series: by((m) => m.resourceRatio),
      },
    );
    const churn = s.churn.filter((r) => r.topology === topology);
    if (churn.length > 0) {
      const pct = (r: ChurnRow) => Math.round(r.churn * 100);
      out.push({
        name: `multicast-${topology}-churn`,
        title: `Overlay after churn, ${o.churnGroup} members (${setting(topology)})`,
        xLabel: '% of members replaced',
        yLabel: 'RDP (90th pct) / resource over IP',
        series: [
          {
            name: 'RDP 90th pct, just repaired',
            rows: churn.map((r) => ({ x: pct(r), y: r.repaired.rdp90 })),
          },
          {
            name: `RDP 90th pct, after ${o.repairRounds} rounds`,
            rows: churn.map((r) => ({ x: pct(r), y: r.refined.rdp90 })),
          },
          {
            name: 'resource / IP, just repaired',
            rows: churn.map((r) => ({ x: pct(r), y: r.repaired.resourceRatio })),
          },
          {
            name: `resource / IP, after ${o.repairRounds} rounds`,
            rows: churn.map((r) => ({ x: pct(r), y: r.refined.resourceRatio })),
          },
        ],
      });
    }
  }
  return out;
}

/** The sweep as Markdown tables: one row per topology and group size, then the churn rows. */
export function tableOf(s: Sweep, o: MulticastOptions): string {
  const lines = [
    `Underlays of ${o.routers} routers; each figure the mean of ${o.trials} trials (seed ${o.seed}); IP multicast TTL ${o.ttl}; Narada meshes refined for ${o.rounds} rounds.`,
    '',
    '| topology | members | max stress: unicast / IP / overlay | mean stress: unicast / IP / overlay | overlay RDP median / 90th | resource over IP: unicast / overlay | mesh degree |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...s.growth.map((r) => {
      const { unicast: u, ip, overlay: v } = r.schemes;
      return (
        `| ${r.topology} | ${r.members} | ${u.maxStress} / ${ip.maxStress} / ${v.maxStress} | ` +
        `${u.meanStress} / ${ip.meanStress} / ${v.meanStress} | ${v.rdpMedian} / ${v.rdp90} | ` +
        `${u.resourceRatio} / ${v.resourceRatio} | ${r.meshDegree} |`
      );
    }),
  ];
  if (s.churn.length > 0) {
    lines.push(
      '',
      `Churn: a fraction of the ${o.churnGroup} members (never the source) leave, as many join; the overlay just repaired, then after ${o.repairRounds} refinement rounds.`,
      '',
      '| topology | replaced | RDP 90th: repaired / refined | max stress: repaired / refined | resource over IP: repaired / refined | mesh degree |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...s.churn.map(
        (r) =>
          `| ${r.topology} | ${Math.round(r.churn * 100)}% | ${r.repaired.rdp90} / ${r.refined.rdp90} | ` +
          `${r.repaired.maxStress} / ${r.refined.maxStress} | ${r.repaired.resourceRatio} / ${r.refined.resourceRatio} | ${r.meshDegree} |`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
