/** The Gnutella experiments' tables: the search-method table as markdown, CSV and rows. */
import type { Experiment } from '../experiment.ts';
import type { DegreeStats, Topology } from './graph.ts';
import type { FlowPoint } from './measure.ts';
import type { NapsterPoint } from './napster.ts';
import type { Settings } from './options.ts';
import {
  MODEM_CAPACITY,
  QUERY_INTERVAL,
  SLOW_FRACTION,
  type ReflectorPoint,
} from './reflectors.ts';

/** One row of the search-method table (the paper's metrics, per query unless said). */
export interface Row {
  readonly topology: string;
  readonly replication: string;
  readonly method: string;
  /** Pr(success). */
  readonly success: number;
  /** Query messages per query. */
  readonly messages: number;
  /** The fraction of query messages that were duplicates. */
  readonly duplicates: number;
  readonly hitMessages: number;
  readonly checks: number;
  /** Distinct servents reached. */
  readonly reached: number;
  /** Messages per node per query: the average and the busiest node's. */
  readonly avgLoad: number;
  readonly maxLoad: number;
  /** Hops to the first hit (over successful queries). */
  readonly hops: number;
  /** Time until the first QueryHit is back at the requester (over successful queries). */
  readonly time: number;
  /**
   * The most walkers queued at one servent at once over the queries (the walks whose servents
   * handle one walker per time unit; null for the others).
   */
  readonly maxQueue: number | null;
  /** Walkers dropped by full queues, and tokens returned (`Credit` messages), per query. */
  readonly drops: number;
  readonly credits: number;
}

const KEYS = [
  'topology',
  'replication',
  'method',
  'success',
  'messages',
  'duplicates',
  'hitMessages',
  'checks',
  'reached',
  'avgLoad',
  'maxLoad',
  'hops',
  'time',
  'maxQueue',
  'drops',
  'credits',
] as const;

/** The rows as CSV, one line per row, in `KEYS` order (an empty field for a null). */
export function rowsCsv(rows: readonly Row[]): string {
  const lines = [KEYS.join(','), ...rows.map((r) => KEYS.map((k) => r[k]).join(','))];
  return `${lines.join('\n')}\n`;
}

const round = (x: number) => Number(x.toPrecision(3));

const table = (head: readonly string[], body: readonly (readonly (string | number)[])[]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/** Every table as markdown: topologies, search methods, flooding by TTL, reflectors, Napster. */
export function markdown(
  s: Settings,
  rows: readonly Row[],
  topologies: readonly (DegreeStats & { topology: Topology })[],
  experiments: readonly Experiment[],
  reflectors: readonly ReflectorPoint[],
  napster: readonly NapsterPoint[],
  flowControl: readonly FlowPoint[] = [],
): string {
  const ttl = experiments.find((e) => e.name === 'gnutella-ttl-messages');
  const parts = [
    `Seed ${s.seed}; ${s.nodes} nodes, average degree ${s.degree}; ${s.objects} objects queried ` +
      `with a Zipf-like distribution (α = ${s.alpha}), copies averaging ${s.ratio * 100}% of the ` +
      `nodes per object; ${s.queries} queries per setting; flooding TTL ${s.ttl}, expanding ring ` +
      `TTL 1, 3, 5, … up to ${s.ttl}; ${s.walkers} walkers checking back every ${s.check} steps, ` +
      `at most ${s.walkSteps} steps; link latency ${s.latency === 1 ? '1 (time counts hops)' : `1 to ${s.latency}`}; ` +
      `queued walks: a servent handles one walker per time unit; flow control: ${s.credit} tokens ` +
      `per connection, queues of ${s.queue}.`,
    '',
    '### Topologies',
    '',
    table(
      ['topology', 'nodes', 'links', 'mean degree', 'median', 'max', 'components joined'],
      topologies.map((t) => [t.topology, t.nodes, t.links, t.mean, t.median, t.max, t.joined]),
    ),
    '',
    '### Search methods (per query)',
    '',
    table(
      [
        'topology',
        'replication',
        'method',
        'Pr(success)',
        '#msgs',
        'duplicates',
        'QueryHit msgs',
        'check-backs',
        'nodes reached',
        'avg msgs/node',
        'max msgs/node',
        '#hops',
        'time to first hit',
        'peak queue',
        'drops',
        'Credit msgs',
      ],
      rows.map((r) => [
        r.topology,
        r.replication,
        r.method,
        r.success,
        r.messages,
        `${Math.round(r.duplicates * 1000) / 10}%`,
        r.hitMessages,
        r.checks,
        r.reached,
        r.avgLoad,
        r.maxLoad,
        r.hops,
        r.time,
        r.maxQueue ?? '–',
        r.drops,
        r.credits,
      ]),
    ),
  ];
  if (flowControl.length > 0) {
    parts.push(
      '',
      '### Flow control against its queue bound (power-law, per query)',
      '',
      `${flowControl[0]!.stats.queries} queries; ${s.walkers} degree-biased walkers whose servents ` +
        `handle one walker per time unit; ${s.credit} tokens per connection (none without flow control).`,
      '',
      table(
        [
          'queue bound',
          'Pr(success)',
          '#msgs',
          'max msgs/node',
          'peak queue',
          'drops',
          '#hops',
          'time to first hit',
        ],
        flowControl.map(({ queue, stats: m }) => [
          queue ?? 'no flow control',
          round(m.success),
          round(m.messages),
          round(m.maxLoad),
          m.maxQueue ?? '–',
          round(m.drops),
          round(m.hops),
          round(m.time),
        ]),
      ),
    );
  }
  if (ttl !== undefined) {
    parts.push(
      '',
      '### Flooding: query messages per query against TTL',
      '',
      table(
        ['TTL', ...ttl.series.map((x) => x.name)],
        ttl.series[0]!.rows.map((r, i) => [r.x, ...ttl.series.map((x) => x.rows[i]!.y)]),
      ),
    );
  }
  parts.push(
    '',
    `### Slow peers (${SLOW_FRACTION * 100}% of peers), one query per peer every ${QUERY_INTERVAL / 60} min: messages per minute`,
    '',
    `A 56 kbit/s modem carries about ${MODEM_CAPACITY} descriptors per minute.`,
    '',
    table(
      [
        'peers',
        'flat: slow peer (mean)',
        'flat: busiest slow peer',
        'reflectors: leaf (mean)',
        'reflectors: busiest leaf',
        'ultrapeer (mean)',
        'busiest ultrapeer',
      ],
      reflectors.map((p) => [
        p.nodes,
        p.flatSlowMean,
        p.flatSlowMax,
        p.leafMean,
        p.leafMax,
        p.ultrapeerMean,
        p.ultrapeerMax,
      ]),
    ),
    '',
    '### Napster: the central index, operations per second',
    '',
    table(
      ['peers', 'mean', 'busiest second', 'queries/s', 'logins/s'],
      napster.map((p) => [p.peers, p.mean, p.peak, p.queries, p.logins]),
    ),
  );
  return `${parts.join('\n')}\n`;
}
